package dev.schemawarden.app.report;

import static dev.schemawarden.app.report.MarkdownText.cell;
import static dev.schemawarden.app.report.MarkdownText.code;
import static dev.schemawarden.app.report.MarkdownText.codeInCell;
import static dev.schemawarden.app.report.MarkdownText.plural;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.app.report.ReportSupport.Grouped;
import dev.schemawarden.app.report.ReportSupport.NumberedStatement;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.policy.api.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sticky pull-request comment. Order is by what a reviewer needs first and what may be cut last: the verdict,
 * the per-statement table (what each statement locks, what that costs on production, the worst rule), the policy
 * decision and drift, then the findings with their safer rewrites, then errors and steps. When the comment would
 * exceed the host's limit, whole sections are dropped from the end and a pointer to the full report takes their
 * place, so the verdict and the table survive any truncation.
 */
public final class MarkdownReportRenderer implements ReportRenderer {

  /** The hidden marker by which a host finds and updates its earlier comment instead of posting a new one. */
  public static final String MARKER = "<!-- schema-warden:summary -->";

  /** GitHub's limit on an issue comment body, in characters. */
  public static final int GITHUB_COMMENT_LIMIT = 65_536;

  static final int SQL_IN_TABLE = 80;

  private final ToolInfo tool;
  private final Function<String, Optional<RuleMeta>> rules;

  public MarkdownReportRenderer(ToolInfo tool, Function<String, Optional<RuleMeta>> rules) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** Renders within GitHub's comment limit. */
  @Override
  public String render(ReviewReport report) {
    return render(report, GITHUB_COMMENT_LIMIT);
  }

  /** Renders in at most {@code maxLength} characters, cutting at a section boundary when needed. */
  public String render(ReviewReport report, int maxLength) {
    List<String> sections = sections(report);
    int total = sections.stream().mapToInt(String::length).sum();
    if (total <= maxLength) {
      return String.join("", sections);
    }
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (String section : sections) {
      String notice = truncationNotice(shown + 1, sections.size());
      if (out.length() + section.length() + notice.length() > maxLength) {
        break;
      }
      out.append(section);
      shown++;
    }
    String notice = truncationNotice(shown, sections.size());
    if (shown == 0) {
      // Not even the headline fits: cut it hard rather than exceed the host's limit.
      out.append(
          sections.get(0),
          0,
          Math.max(0, Math.min(sections.get(0).length(), maxLength - notice.length())));
    }
    out.append(notice);
    return out.length() <= maxLength ? out.toString() : out.substring(0, maxLength);
  }

  private static String truncationNotice(int shown, int total) {
    return "\n---\n:scissors: **Truncated:** this comment shows "
        + shown
        + " of "
        + total
        + " sections to stay within the comment size limit. The full report (JSON and SARIF) is attached to the"
        + " check run.\n";
  }

  List<String> sections(ReviewReport report) {
    Grouped grouped = ReportSupport.group(report);
    List<String> sections = new ArrayList<>();
    sections.add(headline(report, grouped));
    if (!grouped.statements().isEmpty()) {
      sections.add("| # | statement | lock | on production | verdict |\n|---:|---|---|---|---|\n");
      for (NumberedStatement s : grouped.statements()) {
        sections.add(row(s, grouped.of(s)));
      }
    }
    report.decision().ifPresent(d -> sections.add(decision(d)));
    if (!report.drift().isEmpty()) {
      sections.add(drift(report.drift()));
    }
    for (NumberedStatement s : grouped.statements()) {
      if (!grouped.of(s).isEmpty()) {
        sections.add(findings(s, grouped.of(s)));
      }
    }
    if (!grouped.unattached().isEmpty()) {
      StringBuilder b = new StringBuilder("\n#### Other findings\n\n");
      for (int i = 0; i < grouped.unattached().size(); i++) {
        finding(b, grouped.unattached().get(i), true, i == grouped.unattached().size() - 1);
      }
      sections.add(b.toString());
    }
    for (MigrationReport m : report.migrations()) {
      if (!m.downs().isEmpty()) {
        sections.add(rollbackPlan(report, m));
      }
    }
    if (!report.errors().isEmpty()) {
      StringBuilder b =
          new StringBuilder("\n**Problems during the review** (results may be incomplete):\n");
      report.errors().forEach(e -> b.append("- ").append(MarkdownText.oneLine(e)).append('\n'));
      sections.add(b.toString());
    }
    sections.add(footer(report));
    return sections;
  }

  private String headline(ReviewReport report, Grouped grouped) {
    String verdict;
    Optional<Decision> decision = report.decision();
    if (decision.map(d -> d.outcome() == Decision.Outcome.DENY).orElse(false)) {
      verdict = "**denied**";
    } else {
      verdict = report.blocked() ? "**blocked**" : "**passes**";
    }
    List<String> parts = new ArrayList<>();
    for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
      long n = report.count(s);
      if (n > 0) {
        parts.add(plural(n, s.label()));
      }
    }
    if (parts.isEmpty()) {
      parts.add("no findings");
    }
    decision.ifPresent(
        d ->
            d.requiredApprovals().stream()
                .filter(a -> a.satisfiedBy().size() < a.count())
                .forEach(
                    a ->
                        parts.add(
                            "needs "
                                + plural(a.count() - a.satisfiedBy().size(), "approval")
                                + " from "
                                + a.approvers().stream()
                                    .map(MarkdownText::mention)
                                    .collect(Collectors.joining(" or ")))));
    String what = report.kind().equals("lint") ? "Schema Warden lint" : "Schema Warden";
    StringBuilder b = new StringBuilder(MARKER).append('\n');
    b.append("### ")
        .append(what)
        .append(" — ")
        .append(plural(report.changedMigrationCount(), "migration"))
        .append(", ")
        .append(plural(grouped.statements().size(), "statement"))
        .append(": ")
        .append(verdict)
        .append(", ")
        .append(String.join(", ", parts))
        .append("\n\n");
    // The title is the author's text: a code span, so it can neither mention nor link anyone.
    report
        .target()
        .ifPresent(
            t ->
                b.append(code(t.repository()))
                    .append(t.pullRequest().isPresent() ? " #" + t.pullRequest().getAsInt() : "")
                    .append(
                        t.title().isBlank() ? "" : " " + code(MarkdownText.shorten(t.title(), 120)))
                    .append(": ")
                    .append(code(t.headRef()))
                    .append(sha(t.headSha()))
                    .append(" into ")
                    .append(code(t.baseRef()))
                    .append(sha(t.baseSha()))
                    .append(" · fail-on ")
                    .append(report.failOn().label())
                    .append("\n\n"));
    return b.toString();
  }

  private String row(NumberedStatement s, List<Finding> findings) {
    String statement =
        codeInCell(location(s))
            + "<br>"
            + codeInCell(MarkdownText.shorten(s.sql().sql(), SQL_IN_TABLE));
    String lock =
        s.statement()
            .onlineDdl()
            .map(v -> onlineDdl(v, s.statement().effects()))
            .orElseGet(() -> locks(s.statement().effects()));
    return "| "
        + s.number()
        + " | "
        + statement
        + " | "
        + lock
        + " | "
        + impact(s.statement().effects())
        + " | "
        + verdict(findings)
        + " |\n";
  }

  private static String locks(StatementEffects e) {
    List<String> parts = new ArrayList<>();
    String source = e.source() == StatementEffects.Source.TRACED ? "traced" : "predicted";
    for (StatementEffects.ObservedLock l : e.locks()) {
      parts.add(
          l.mode().sqlName()
              + " on "
              + codeInCell(l.relation())
              + (l.heldEarlier() ? " (already held from an earlier statement)" : ""));
    }
    String locks = parts.isEmpty() ? "no lock on existing tables" : String.join("<br>", parts);
    StringBuilder b = new StringBuilder("*").append(source).append(":* ").append(locks);
    e.rewrites()
        .forEach(r -> b.append("<br>**table rewrite** of ").append(codeInCell(r.relation())));
    e.scans()
        .forEach(
            r ->
                b.append("<br>full scan of ")
                    .append(codeInCell(r.relation()))
                    .append(" (")
                    .append(cell(r.reason()))
                    .append(')'));
    e.error()
        .ifPresent(
            err ->
                b.append("<br>:warning: failed on the replica: ")
                    .append(cell(MarkdownText.shorten(err, 120))));
    return b.toString();
  }

  /**
   * MySQL/MariaDB: the algorithm and lock the ALTER got take the place of PostgreSQL's lock list (the trace records
   * no metadata locks there), then what the statement rebuilt and how it failed.
   */
  private static String onlineDdl(OnlineDdl.Verdict v, StatementEffects e) {
    StringBuilder b =
        new StringBuilder("*")
            .append(ReportSupport.lower(v.source()))
            .append(":* **")
            .append(ReportSupport.onlineDdl(v))
            .append("**");
    e.rewrites()
        .forEach(r -> b.append("<br>**table rebuild** of ").append(codeInCell(r.relation())));
    e.error()
        .ifPresent(
            err ->
                b.append("<br>:warning: failed on the replica: ")
                    .append(cell(MarkdownText.shorten(err, 120))));
    return b.toString();
  }

  private static String impact(StatementEffects e) {
    if (e.impact().isEmpty()) {
      return "—";
    }
    StatementEffects.Impact i = e.impact().get();
    return ByteSize.format(i.relationBytes())
        + ", "
        + ReportSupport.humanCount(i.rows())
        + " rows, ~"
        + ReportSupport.oneDecimal(i.writesPerSecond())
        + " writes/s; "
        + cell(i.blocks())
        + " for ~"
        + HumanDuration.format(i.estimatedLockHeld());
  }

  private String verdict(List<Finding> findings) {
    Optional<Finding> worst = ReportSupport.worst(findings);
    if (worst.isEmpty()) {
      return "ok";
    }
    Finding f = worst.get();
    String sev = f.severity() == Severity.ERROR ? "**error**" : f.severity().label();
    String more = findings.size() > 1 ? " +" + (findings.size() - 1) : "";
    return sev + " " + ruleLink(f.rule()) + more;
  }

  private String ruleLink(String rule) {
    return "[" + rule + "](" + tool.ruleDocUri(rule) + ")";
  }

  private static String decision(Decision d) {
    String outcome =
        switch (d.outcome()) {
          case ALLOW -> "allow";
          case NEEDS_APPROVAL -> "needs approval";
          case DENY -> "deny";
        };
    StringBuilder b = new StringBuilder("\n**Policy:** ").append(outcome).append('\n');
    d.reasonsBesideApprovals()
        .forEach(r -> b.append("- ").append(MarkdownText.oneLine(r)).append('\n'));
    for (Decision.ApprovalRequirement a : d.requiredApprovals()) {
      b.append("- ")
          .append(code(a.policyId()))
          .append(" requires ")
          .append(plural(a.count(), "approval"))
          .append(" from ")
          .append(
              a.approvers().stream().map(MarkdownText::mention).collect(Collectors.joining(" or ")))
          .append(": ")
          .append(MarkdownText.oneLine(a.reason()));
      if (a.satisfiedBy().isEmpty()) {
        b.append(" (none yet)");
      } else {
        b.append(" (approved by ").append(String.join(", ", a.satisfiedBy())).append(')');
      }
      b.append('\n');
    }
    // Owners and tags of what the change touches, so reviewers see why a team was asked.
    d.objects().stream()
        .filter(o -> !o.tags().isEmpty() || !o.owners().isEmpty())
        .forEach(
            o -> {
              b.append("- ").append(code(o.object()));
              if (!o.tags().isEmpty()) {
                b.append(" tagged ")
                    .append(
                        o.tags().stream()
                            .map(MarkdownText::code)
                            .collect(Collectors.joining(", ")));
              }
              if (!o.owners().isEmpty()) {
                b.append(" owned by ")
                    .append(
                        o.owners().stream()
                            .map(MarkdownText::mention)
                            .collect(Collectors.joining(", ")));
              }
              b.append('\n');
            });
    return b.toString();
  }

  private static String drift(List<DriftItem> drift) {
    StringBuilder b =
        new StringBuilder("\n**Drift:** production differs from the migration history in ")
            .append(plural(drift.size(), "place"))
            .append('\n');
    for (DriftItem d : drift) {
      b.append("- ")
          .append(d.kind())
          .append(' ')
          .append(d.objectType())
          .append(' ')
          .append(code(d.object()))
          .append(": ")
          .append(MarkdownText.oneLine(d.message()))
          .append('\n');
    }
    return b.toString();
  }

  private String findings(NumberedStatement s, List<Finding> findings) {
    StringBuilder b =
        new StringBuilder("\n#### ")
            .append(s.number())
            .append(" · ")
            .append(code(location(s)))
            .append('\n')
            .append(code(MarkdownText.shorten(s.sql().sql(), 200)))
            .append("\n\n");
    for (int i = 0; i < findings.size(); i++) {
      finding(b, findings.get(i), false, i == findings.size() - 1);
    }
    return b.toString();
  }

  /** An up migration's downs with their findings: read them, they never block (docs/report-format.md). */
  private String rollbackPlan(ReviewReport report, MigrationReport up) {
    StringBuilder b =
        new StringBuilder("\n#### Rollback plan of ")
            .append(code(up.migration().label()))
            .append('\n');
    Map<Finding, MigrationReport> rollbackPlans = ReportSupport.rollbackPlans(report);
    for (MigrationReport down : up.downs()) {
      List<Finding> own =
          report.findings().stream()
              .filter(f -> rollbackPlans.get(f) == up)
              .filter(f -> down.migration().path().equals(f.span().path()))
              .toList();
      b.append('\n')
          .append(code(down.migration().path()))
          .append(" · ")
          .append(plural(down.statements().size(), "statement"))
          .append(own.isEmpty() ? ": no findings\n" : "\n\n");
      for (int i = 0; i < own.size(); i++) {
        finding(b, own.get(i), true, i == own.size() - 1);
      }
    }
    return b.toString();
  }

  /** {@code V42__orders.sql:5}: the file name is enough in a comment about one change, the path is in the JSON. */
  private static String location(NumberedStatement s) {
    String path = s.sql().span().path();
    return path.substring(path.lastIndexOf('/') + 1) + ":" + s.sql().line();
  }

  private void finding(StringBuilder b, Finding f, boolean withLocation, boolean last) {
    b.append("- ")
        .append(f.severity() == Severity.ERROR ? "**error**" : f.severity().label())
        .append(' ')
        .append(ruleLink(f.rule()));
    rules.apply(f.rule()).ifPresent(m -> b.append(' ').append(m.slug()));
    if (withLocation) {
      b.append(" at ").append(code(f.span().path() + ":" + f.span().line()));
    }
    b.append(": ").append(MarkdownText.oneLine(FindingMessages.shown(f))).append('\n');
    f.help().ifPresent(h -> b.append("  ").append(MarkdownText.oneLine(h)).append('\n'));
    FindingMessages.evidence(f)
        .ifPresent(
            e ->
                b.append("  <sub>evidence: ")
                    .append(MarkdownText.html(MarkdownText.oneLine(e)))
                    .append("</sub>\n"));
    for (Fix fix : f.fixes()) {
      String title = fix.replacesStatement() ? "Safer rewrite" : "Safer approach";
      b.append("\n<details><summary>")
          .append(title)
          .append(" — ")
          .append(MarkdownText.html(fix.description()))
          .append("</summary>\n\n")
          .append(MarkdownText.fence("sql", fix.sql()))
          .append("</details>\n");
    }
    // An HTML block ends only at a blank line: without one the next list item would be swallowed by
    // </details>.
    if (!f.fixes().isEmpty() && !last) {
      b.append('\n');
    }
  }

  private String footer(ReviewReport report) {
    StringBuilder b = new StringBuilder("\n");
    if (!report.steps().isEmpty()) {
      b.append("<sub>")
          .append(
              report.steps().stream()
                  .map(
                      s ->
                          s.name()
                              + " "
                              + s.status()
                              + " "
                              + s.millis()
                              + " ms"
                              + s.detail().map(d -> " (" + MarkdownText.html(d) + ")").orElse(""))
                  .collect(Collectors.joining(" · ")))
          .append("</sub>\n\n");
    }
    b.append("Full report: JSON and SARIF attached to the check run · rules: [docs/rules](")
        .append(tool.docsBaseUri())
        .append(") · ")
        .append(tool.name())
        .append(' ')
        .append(tool.version())
        .append('\n');
    return b.toString();
  }

  /** {@code " (abc1234)"}, or nothing for a side that is a directory, not a commit. */
  private static String sha(String sha) {
    return sha.isBlank() ? "" : " (" + code(shortSha(sha)) + ")";
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
