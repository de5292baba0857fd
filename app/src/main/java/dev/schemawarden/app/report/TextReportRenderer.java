package dev.schemawarden.app.report;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Plain text for terminals: one {@code path:line:col: severity ID message} line per finding (the form editors and
 * terminals turn into links), the first fix indented under it, then decision, drift, errors and a verdict line.
 */
public final class TextReportRenderer implements ReportRenderer {

  private final Function<String, Optional<RuleMeta>> rules;

  public TextReportRenderer(Function<String, Optional<RuleMeta>> rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  @Override
  public String render(ReviewReport report) {
    StringBuilder out = new StringBuilder();
    Map<Finding, MigrationReport> rollbackPlans = ReportSupport.rollbackPlans(report);
    report.findings().stream()
        .filter(f -> !rollbackPlans.containsKey(f))
        .forEach(f -> finding(out, f));
    for (MigrationReport up : report.migrations()) {
      for (MigrationReport down : up.downs()) {
        out.append("rollback plan of ")
            .append(up.migration().label())
            .append(": ")
            .append(down.migration().path())
            .append(" (findings are at most info and never block)\n");
        report.findings().stream()
            .filter(f -> rollbackPlans.get(f) == up)
            .filter(f -> f.span().path().equals(down.migration().path()))
            .forEach(f -> finding(out, f));
      }
    }
    onlineDdl(out, report);
    report.decision().ifPresent(d -> decision(out, d));
    if (!report.drift().isEmpty()) {
      out.append("drift:\n");
      for (DriftItem d : report.drift()) {
        // production's object names are data: a line break or a bidi control in one must not forge
        // a line
        out.append("  ")
            .append(d.kind())
            .append(' ')
            .append(d.objectType())
            .append(' ')
            .append(DiagnoseTextRenderer.visible(d.object()))
            .append(": ")
            .append(oneLine(d.message()))
            .append('\n');
      }
    }
    for (String e : report.errors()) {
      out.append("error: ").append(oneLine(e)).append('\n');
    }
    out.append(verdict(report)).append('\n');
    return out.toString();
  }

  private void finding(StringBuilder out, Finding f) {
    out.append(f.span()).append(": ").append(f.severity().label()).append(' ').append(f.rule());
    rules.apply(f.rule()).ifPresent(m -> out.append(" (").append(m.slug()).append(')'));
    out.append(' ').append(oneLine(FindingMessages.shown(f))).append('\n');
    f.help().ifPresent(h -> out.append("    ").append(oneLine(h)).append('\n'));
    FindingMessages.evidence(f)
        .ifPresent(e -> out.append("    evidence: ").append(oneLine(e)).append('\n'));
    Optional<Fix> fix = f.fixes().stream().findFirst();
    if (fix.isPresent()) {
      out.append("    fix: ").append(oneLine(fix.get().description())).append('\n');
      fix.get().sql().lines().forEach(l -> out.append("      ").append(l).append('\n'));
    }
  }

  /**
   * MySQL/MariaDB: the statement table's algorithm and lock, one line per statement that has them (PostgreSQL
   * statements have none, so a PostgreSQL report has no such section).
   */
  private static void onlineDdl(StringBuilder out, ReviewReport report) {
    List<ReportSupport.NumberedStatement> online =
        ReportSupport.statements(report).stream()
            .filter(s -> s.statement().onlineDdl().isPresent())
            .toList();
    if (online.isEmpty()) {
      return;
    }
    out.append("online DDL:\n");
    for (ReportSupport.NumberedStatement s : online) {
      OnlineDdl.Verdict v = s.statement().onlineDdl().orElseThrow();
      out.append("  ")
          .append(s.sql().span().path())
          .append(':')
          .append(s.sql().line())
          .append(": ")
          .append(ReportSupport.onlineDdl(v))
          .append(" (")
          .append(ReportSupport.lower(v.source()))
          .append(')');
      s.statement()
          .effects()
          .rewrites()
          .forEach(r -> out.append(", rebuilds ").append(oneLine(r.relation())));
      s.statement()
          .effects()
          .error()
          .ifPresent(e -> out.append(", failed on the replica: ").append(oneLine(e)));
      out.append("  ").append(oneLine(MarkdownText.shorten(s.sql().sql(), 80))).append('\n');
    }
  }

  private static void decision(StringBuilder out, Decision d) {
    out.append("decision: ").append(d.outcome().label()).append('\n');
    d.reasonsBesideApprovals().forEach(r -> out.append("  - ").append(oneLine(r)).append('\n'));
    for (Decision.ApprovalRequirement a : d.requiredApprovals()) {
      out.append("  needs ")
          .append(a.count())
          .append(" approval")
          .append(a.count() == 1 ? "" : "s")
          .append(" from ")
          .append(
              String.join(
                  " or ",
                  a.approvers().stream()
                      .map(who -> who.equals("*") ? "any eligible reviewer" : who)
                      .toList()))
          .append(" (")
          .append(a.policyId())
          .append("): ")
          .append(oneLine(a.reason()));
      if (!a.satisfiedBy().isEmpty()) {
        out.append("; approved by ").append(String.join(", ", a.satisfiedBy()));
      }
      out.append('\n');
    }
  }

  static String verdict(ReviewReport report) {
    return (report.blocked() ? "BLOCKED" : "PASSES")
        + ": "
        + MarkdownText.plural(report.changedMigrationCount(), "migration")
        + ", "
        + MarkdownText.plural(ReportSupport.statements(report).size(), "statement")
        + ", "
        + MarkdownText.plural(report.count(Severity.ERROR), "error")
        + ", "
        + MarkdownText.plural(report.count(Severity.WARNING), "warning")
        + ", "
        + MarkdownText.plural(report.count(Severity.INFO), "info")
        + " (fail-on "
        + report.failOn().label()
        + ")";
  }

  // Compiled once: String.replaceAll compiles its pattern on every call, i.e. for every finding.
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

  private static String oneLine(String s) {
    return LINE_BREAKS.matcher(s).replaceAll(" ").strip();
  }
}
