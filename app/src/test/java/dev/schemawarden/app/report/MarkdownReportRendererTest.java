package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

  private final MarkdownReportRenderer renderer =
      new MarkdownReportRenderer(ReportFixtures.TOOL, ReportFixtures.RULES);

  // --- layout ---

  @Test
  void starts_with_the_hidden_marker_then_the_verdict() {
    List<String> lines = renderer.render(ReportFixtures.blocked()).lines().toList();

    assertThat(lines.get(0)).isEqualTo(MarkdownReportRenderer.MARKER);
    assertThat(lines.get(1))
        .isEqualTo(
            "### Schema Warden — 1 migration, 3 statements: **blocked**, 2 errors, 1 warning");
  }

  @Test
  void a_clean_review_passes_and_says_so() {
    String md = renderer.render(ReportFixtures.clean());

    assertThat(md.lines().toList().get(1))
        .isEqualTo("### Schema Warden — 1 migration, 2 statements: **passes**, no findings");
    assertThat(md)
        .contains("| 2 | `0007_notes.up.sql:3`")
        .contains("SHARE UPDATE EXCLUSIVE on `public.orders`")
        .doesNotContain("<details>");
  }

  @Test
  void table_row_shows_lock_rewrite_impact_and_linked_worst_rule() {
    String row =
        renderer
            .render(ReportFixtures.blocked())
            .lines()
            .filter(l -> l.startsWith("| 3 |"))
            .findFirst()
            .orElseThrow();

    assertThat(row)
        .contains(
            "*traced:* ACCESS EXCLUSIVE on `public.orders`<br>**table rewrite** of `public.orders`")
        .contains("41 GiB, 2.1 M rows, ~380 writes/s; blocks reads and writes for ~23 min")
        .endsWith("**error** [LK204](" + ReportFixtures.TOOL.ruleDocUri("LK204") + ") |");
  }

  @Test
  void needed_approvals_reach_the_headline_and_decision_and_drift_get_sections() {
    String md = renderer.render(ReportFixtures.decisionAndDrift());

    assertThat(md.lines().toList().get(1)).contains("needs 1 approval from @acme/dba");
    assertThat(md)
        .contains("**Policy:** needs approval")
        .contains(
            "- `pii-needs-privacy` requires 2 approvals from @carol or @acme/privacy: touches a pii table"
                + " (approved by carol)")
        .contains("**Drift:** production differs from the migration history in 2 places")
        .contains(":warning: failed on the replica: permission denied for language sql");
  }

  @Test
  void safer_rewrite_sits_in_a_details_block_with_a_sql_fence() {
    String md = renderer.render(ReportFixtures.blocked());

    assertThat(md)
        .contains(
            "<details><summary>Safer rewrite — Build the index without blocking writes; it cannot"
                + " run in a transaction</summary>\n\n```sql\nCREATE INDEX CONCURRENTLY orders_status_idx ON orders"
                + " (status)\n```\n</details>\n");
  }

  // --- escaping ---

  @Test
  void pipes_and_backticks_in_sql_do_not_break_the_table() {
    String sql = "SELECT a || b, `x` FROM t";
    String md = renderer.render(report(sql, List.of()));

    String row = md.lines().filter(l -> l.startsWith("| 1 |")).findFirst().orElseThrow();
    assertThat(row).contains("``SELECT a \\|\\| b, `x` FROM t``");
    assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count())
        .as("six cell delimiters: five columns")
        .isEqualTo(6);
  }

  @Test
  void long_sql_is_shortened_in_the_table() {
    String sql = "INSERT INTO t (a) VALUES " + "(1), ".repeat(40) + "(2)";
    String row =
        renderer
            .render(report(sql, List.of()))
            .lines()
            .filter(l -> l.startsWith("| 1 |"))
            .findFirst()
            .orElseThrow();

    assertThat(row).contains("…`").doesNotContain("(2)");
  }

  @Test
  void a_fix_cannot_close_the_details_block_or_the_fence() {
    Fix fix = Fix.replacement("avoid </details><b>", "SELECT '```' AS fence");
    String md = renderer.render(report("SELECT 1", List.of(fix)));

    assertThat(md)
        .contains("<summary>Safer rewrite — avoid &lt;/details&gt;&lt;b&gt;</summary>")
        .contains("````sql\nSELECT '```' AS fence\n````\n");
  }

  @Test
  void code_spans_outgrow_the_backticks_inside() {
    assertThat(MarkdownText.code("a`b")).isEqualTo("``a`b``");
    assertThat(MarkdownText.code("`x`")).isEqualTo("`` `x` ``");
    assertThat(MarkdownText.codeInCell("a|b")).isEqualTo("`a\\|b`");
    assertThat(MarkdownText.cell("a\nb | c")).isEqualTo("a b \\| c");
    assertThat(MarkdownText.shorten("abcdef", 4)).isEqualTo("abc…");
  }

  // --- truncation ---

  @Test
  void long_report_is_cut_at_a_section_boundary_with_a_pointer_to_the_full_report() {
    ReviewReport big = manyStatements(400);
    String full = renderer.render(big, Integer.MAX_VALUE);
    assertThat(full.length()).as("precondition: the report is long").isGreaterThan(60_000);

    String cut = renderer.render(big, 20_000);

    assertThat(cut.length()).isLessThanOrEqualTo(20_000);
    assertThat(cut)
        .startsWith(MarkdownReportRenderer.MARKER)
        .contains("**Truncated:**")
        .endsWith("The full report (JSON and SARIF) is attached to the check run.\n");
    String kept = cut.substring(0, cut.indexOf("\n---\n:scissors:"));
    assertThat(full)
        .as("what is kept is an unchanged prefix made of whole sections")
        .startsWith(kept);
    assertThat(renderer.sections(big))
        .as("the cut falls between two sections")
        .anySatisfy(s -> assertThat(full.substring(kept.length())).startsWith(s));
  }

  @Test
  void headline_and_table_survive_and_details_go_first() {
    ReviewReport big = manyStatements(60);
    String full = renderer.render(big, Integer.MAX_VALUE);
    int tableEnd = full.indexOf("\n#### ");

    String cut = renderer.render(big, tableEnd + 400);

    assertThat(cut).contains("| 60 |").doesNotContain("#### 60 ·");
  }

  @Test
  void a_report_within_the_limit_is_not_truncated() {
    String md =
        renderer.render(ReportFixtures.blocked(), MarkdownReportRenderer.GITHUB_COMMENT_LIMIT);

    assertThat(md).doesNotContain("Truncated").isEqualTo(renderer.render(ReportFixtures.blocked()));
  }

  @Test
  void even_an_absurdly_small_limit_is_respected() {
    assertThat(renderer.render(ReportFixtures.blocked(), 100)).hasSizeLessThanOrEqualTo(100);
  }

  private static ReviewReport report(String sql, List<Fix> fixes) {
    SqlStatement s =
        ReportFixtures.stmt(0, sql, "db/V1__x.sql", 1, 1, sql.length(), ReportFixtures.alter("t"));
    Finding f = new Finding("LK101", Severity.ERROR, s.span(), "m", Optional.empty(), fixes, sql);
    return ReportFixtures.single(s, f);
  }

  private static ReviewReport manyStatements(int n) {
    String path = "db/migration/V50__many.sql";
    List<SqlStatement> statements = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int line = 2 * i + 1;
      SqlStatement s =
          new SqlStatement(
              i,
              "CREATE INDEX idx_" + i + " ON orders (c" + i + ")",
              new SourceSpan(path, line, 1, line, 40),
              ReportFixtures.alter("orders"),
              SqlStatement.ParsedBy.JSQLPARSER,
              Optional.empty());
      statements.add(s);
      findings.add(
          new Finding(
              "LK101",
              Severity.ERROR,
              s.span(),
              "CREATE INDEX blocks writes on `public.orders`",
              Optional.empty(),
              List.of(
                  Fix.replacement(
                      "Build it concurrently",
                      "CREATE INDEX CONCURRENTLY idx_" + i + " ON orders (c" + i + ")")),
              s.sql()));
    }
    Migration m = ReportFixtures.flyway(path, "50", "many", true, statements);
    List<StatementReport> reports =
        statements.stream()
            .map(s -> new StatementReport(s, StatementEffects.predicted(List.of())))
            .toList();
    return new ReviewReport(
        "review",
        Optional.empty(),
        List.of(new MigrationReport(m, "added", reports)),
        findings,
        List.of(),
        Optional.empty(),
        ReportFixtures.steps(),
        List.of(),
        Severity.ERROR);
  }
}
