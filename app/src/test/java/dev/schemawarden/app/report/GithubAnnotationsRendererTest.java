package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GithubAnnotationsRendererTest {

  private final GithubAnnotationsRenderer renderer =
      new GithubAnnotationsRenderer(ReportFixtures.TOOL, ReportFixtures.RULES);

  @Test
  void one_command_per_finding_with_severity_mapped_to_error_warning_notice() {
    List<String> lines = renderer.render(ReportFixtures.lint()).lines().toList();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("::notice file=db/changelog/changes/2024-orders.sql,line=1,");
    assertThat(lines.get(1)).startsWith("::warning ");
    assertThat(renderer.render(ReportFixtures.blocked()).lines().toList().get(1))
        .startsWith(
            "::error file=db/migration/V42__orders_status.sql,line=5,endLine=5,col=1,"
                + "title=LK101 require-concurrent-index-creation::CREATE INDEX takes SHARE");
  }

  @Test
  void message_escapes_percent_cr_and_lf_so_the_command_stays_on_one_line() {
    Finding f = finding("db/V1.sql", "100% of rows\r\nare rewritten", List.of());

    String line = renderer.render(ReportFixtures.single(statement("db/V1.sql"), f));

    assertThat(line.lines().toList()).as("one physical line").hasSize(1);
    assertThat(line).contains("::100%25 of rows%0D%0Aare rewritten%0A%0ASee ");
  }

  @Test
  void properties_also_escape_colon_and_comma() {
    String path = "db/a,b:c%.sql";
    Finding f = finding(path, "m", List.of());

    String line = renderer.render(ReportFixtures.single(statement(path), f));

    assertThat(line).startsWith("::error file=db/a%2Cb%3Ac%25.sql,line=1,");
    assertThat(GithubAnnotationsRenderer.escapeProperty("LK101 a:b,c"))
        .isEqualTo("LK101 a%3Ab%2Cc");
    assertThat(GithubAnnotationsRenderer.escapeData("a:b,c"))
        .as("data keeps : and ,")
        .isEqualTo("a:b,c");
  }

  @Test
  void message_includes_the_first_fix_and_the_rule_doc() {
    Finding f =
        finding(
            "db/V1.sql",
            "m",
            List.of(Fix.replacement("use concurrently", "CREATE INDEX CONCURRENTLY i ON t (c)")));

    String line = renderer.render(ReportFixtures.single(statement("db/V1.sql"), f));

    assertThat(line)
        .contains("%0A%0ASafer: use concurrently%0ACREATE INDEX CONCURRENTLY i ON t (c)")
        .contains("See " + ReportFixtures.TOOL.ruleDocUri("DS101"));
  }

  @Test
  void no_findings_means_no_output() {
    assertThat(renderer.render(ReportFixtures.clean())).isEmpty();
  }

  static SqlStatement statement(String path) {
    return new SqlStatement(
        0,
        "DROP TABLE t",
        new SourceSpan(path, 1, 1, 1, 12),
        ReportFixtures.alter("t"),
        SqlStatement.ParsedBy.JSQLPARSER,
        Optional.empty());
  }

  static Finding finding(String path, String message, List<Fix> fixes) {
    return new Finding(
        "DS101",
        Severity.ERROR,
        new SourceSpan(path, 1, 1, 1, 12),
        message,
        Optional.empty(),
        fixes,
        "DROP TABLE t");
  }
}
