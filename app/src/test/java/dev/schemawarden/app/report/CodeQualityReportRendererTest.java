package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeQualityReportRendererTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final CodeQualityReportRenderer renderer =
      new CodeQualityReportRenderer(ReportFixtures.RULES);

  @Test
  void each_finding_becomes_an_issue_with_gitlab_fields() throws IOException {
    JsonNode issues = MAPPER.readTree(renderer.render(ReportFixtures.blocked()));

    assertThat(issues).hasSize(3);
    JsonNode lk101 = issues.get(1);
    assertThat(lk101.get("check_name").asText())
        .isEqualTo("LK101 require-concurrent-index-creation");
    assertThat(lk101.get("severity").asText()).isEqualTo("critical");
    assertThat(lk101.at("/location/path").asText())
        .isEqualTo("db/migration/V42__orders_status.sql");
    assertThat(lk101.at("/location/lines/begin").asInt()).isEqualTo(5);
    assertThat(lk101.get("description").asText()).startsWith("LK101: CREATE INDEX takes SHARE");
    assertThat(issues.get(0).get("severity").asText()).isEqualTo("major");
  }

  @Test
  void severities_map_onto_gitlab_levels() {
    assertThat(CodeQualityReportRenderer.severity(Severity.ERROR)).isEqualTo("critical");
    assertThat(CodeQualityReportRenderer.severity(Severity.WARNING)).isEqualTo("major");
    assertThat(CodeQualityReportRenderer.severity(Severity.INFO)).isEqualTo("info");
  }

  @Test
  void identical_statements_in_one_file_still_get_unique_fingerprints() throws IOException {
    String path = "db/V9__twice.sql";
    SqlStatement a =
        ReportFixtures.stmt(
            0, "CREATE INDEX i ON t (c)", path, 1, 1, 23, ReportFixtures.alter("t"));
    SqlStatement b =
        ReportFixtures.stmt(
            1, "CREATE INDEX i ON t (c)", path, 3, 3, 23, ReportFixtures.alter("t"));
    Migration m = ReportFixtures.flyway(path, "9", "twice", true, List.of(a, b));
    List<Finding> findings =
        List.of(
            new Finding(
                "LK101", Severity.ERROR, a.span(), "m", Optional.empty(), List.of(), a.sql()),
            new Finding(
                "LK101", Severity.ERROR, b.span(), "m", Optional.empty(), List.of(), b.sql()));
    ReviewReport report =
        new ReviewReport(
            "lint",
            Optional.empty(),
            List.of(
                new MigrationReport(
                    m,
                    "linted",
                    List.of(
                        new StatementReport(a, StatementEffects.predicted(List.of())),
                        new StatementReport(b, StatementEffects.predicted(List.of()))))),
            findings,
            List.of(),
            Optional.empty(),
            List.of(),
            List.of(),
            Severity.ERROR);
    assertThat(findings.get(0).fingerprint())
        .as("precondition")
        .isEqualTo(findings.get(1).fingerprint());

    JsonNode issues = MAPPER.readTree(renderer.render(report));

    Set<String> fingerprints = new HashSet<>();
    issues.forEach(i -> fingerprints.add(i.get("fingerprint").asText()));
    assertThat(fingerprints).as("GitLab keeps one issue per fingerprint").hasSize(2);
    assertThat(issues.get(0).get("fingerprint").asText())
        .as("first occurrence keeps the stable fingerprint")
        .isEqualTo(findings.get(0).fingerprint());
  }

  @Test
  void no_findings_renders_an_empty_array() {
    assertThat(renderer.render(ReportFixtures.clean())).isEqualTo("[]\n");
  }
}
