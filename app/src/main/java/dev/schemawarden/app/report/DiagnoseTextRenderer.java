package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code warden diagnose} as text (a terminal) and as Markdown (a pull request or issue body). Every name in a
 * problem is escaped by the drift module already; Markdown also escapes table cells and outgrows backticks, so
 * production's object names cannot break out of a cell or a code block.
 */
public final class DiagnoseTextRenderer {
  private final ToolInfo tool;

  public DiagnoseTextRenderer(ToolInfo tool) {
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  public String text(DiagnoseReport report) {
    Diagnosis d = report.diagnosis();
    StringBuilder out = new StringBuilder();
    out.append("warden diagnose: ")
        .append(report.environment())
        .append(" (database ")
        .append(d.database())
        .append(", PostgreSQL ")
        .append(d.serverVersion())
        .append(")\n");
    out.append("counters since ")
        .append(d.countersSince())
        .append(" (")
        .append(HumanDuration.format(d.observed()))
        .append("), window ")
        .append(HumanDuration.format(d.window()))
        .append("\n\n");
    for (Problem p : d.problems()) {
      out.append(p.severity().label().toUpperCase(java.util.Locale.ROOT))
          .append(' ')
          .append(p.check())
          .append(' ')
          .append(p.object())
          .append('\n');
      out.append("  ").append(p.message()).append('\n');
      out.append("  evidence: ")
          .append(
              p.evidence().stream()
                  .map(m -> m.name() + " " + DiagnoseReport.show(m))
                  .collect(Collectors.joining(", ")))
          .append('\n');
      p.fix()
          .ifPresent(
              f -> {
                out.append("  fix (")
                    .append(kind(f))
                    .append("): ")
                    .append(f.summary())
                    .append('\n');
                f.onlinePlan()
                    .ifPresent(
                        plan -> out.append("  needs an online plan: ").append(plan).append('\n'));
                f.sql().lines().forEach(l -> out.append("    ").append(visible(l)).append('\n'));
              });
      out.append("  see ").append(tool.ruleDocUri(p.check())).append("\n\n");
    }
    d.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
    out.append(summary(report)).append('\n');
    return out.toString();
  }

  public String markdown(DiagnoseReport report) {
    Diagnosis d = report.diagnosis();
    StringBuilder out = new StringBuilder();
    out.append("## Schema Warden diagnose: ")
        .append(MarkdownText.cell(report.environment()))
        .append("\n\n");
    out.append("Database ")
        .append(MarkdownText.code(d.database()))
        .append(", PostgreSQL ")
        .append(MarkdownText.cell(d.serverVersion()))
        .append(". Statistics counters since ")
        .append(d.countersSince())
        .append(" (")
        .append(HumanDuration.format(d.observed()))
        .append("); window ")
        .append(HumanDuration.format(d.window()))
        .append(".\n\n");
    if (!d.problems().isEmpty()) {
      out.append("| severity | check | object | evidence |\n|---|---|---|---|\n");
      for (Problem p : d.problems()) {
        out.append("| ")
            .append(p.severity().label())
            .append(" | [")
            .append(p.check())
            .append("](")
            .append(tool.ruleDocUri(p.check()))
            .append(") | ")
            .append(MarkdownText.codeInCell(p.object()))
            .append(" | ")
            .append(
                MarkdownText.cell(
                    p.evidence().stream()
                        .map(m -> m.name() + " " + DiagnoseReport.show(m))
                        .collect(Collectors.joining(", "))))
            .append(" |\n");
      }
      out.append('\n');
      for (Problem p : d.problems()) {
        out.append("<details><summary>")
            .append(p.check())
            .append(' ')
            .append(MarkdownText.inertHtml(p.object()))
            .append("</summary>\n\n")
            .append(MarkdownText.plain(p.message()))
            .append("\n\n");
        p.fix()
            .ifPresent(
                f -> {
                  out.append("Proposed ")
                      .append(kind(f))
                      .append(": ")
                      .append(MarkdownText.plain(f.summary()))
                      .append("\n\n");
                  f.onlinePlan()
                      .ifPresent(
                          plan ->
                              out.append("**Needs an online plan:** ")
                                  .append(MarkdownText.plain(plan))
                                  .append("\n\n"));
                  out.append(MarkdownText.fence("sql", f.sql()));
                  f.rollback()
                      .ifPresent(
                          r -> out.append("\nRollback:\n\n").append(MarkdownText.fence("sql", r)));
                });
        out.append("\n</details>\n\n");
      }
    }
    d.notes().forEach(n -> out.append("- ").append(MarkdownText.plain(n)).append('\n'));
    out.append(d.notes().isEmpty() ? "" : "\n")
        .append(MarkdownText.plain(summary(report)))
        .append('\n');
    return out.toString();
  }

  /**
   * A line of proposed SQL for a terminal: an object name may hold an escape sequence, which is shown as
   * {@code \\u001b}, never sent to the terminal (JSON and Markdown keep the SQL exact).
   */
  static String visible(String line) {
    StringBuilder out = new StringBuilder();
    line.codePoints()
        .forEach(
            c -> {
              if ((Character.isISOControl(c) && c != '\t')
                  || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static String kind(ProposedFix f) {
    return f.kind() == ProposedFix.Kind.MIGRATION
        ? (f.outsideTransaction() ? "migration, outside a transaction" : "migration")
        : "operation, by hand";
  }

  static String summary(DiagnoseReport report) {
    Diagnosis d = report.diagnosis();
    return MarkdownText.plural(d.problems().size(), "problem")
        + ", "
        + (report.blocked() ? "blocked (at or above " + report.failOn().label() + ")" : "passes")
        + "; "
        + d.queries()
        + (d.queries() == 1 ? " query" : " queries")
        + " on production in "
        + HumanDuration.format(d.queryTime());
  }
}
