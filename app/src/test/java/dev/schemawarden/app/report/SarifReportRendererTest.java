package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.RuleCatalog;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SarifReportRendererTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema sarifSchema;

  private final SarifReportRenderer renderer =
      new SarifReportRenderer(ReportFixtures.TOOL, ReportFixtures.RULES);

  @BeforeAll
  static void load_official_schema() throws IOException {
    try (InputStream in =
        SarifReportRendererTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
      // The OASIS schema is draft-04.
      sarifSchema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(MAPPER.readTree(in));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"blocked", "clean", "lint", "decision-drift"})
  void output_validates_against_the_official_sarif_2_1_0_schema(String name) throws IOException {
    JsonNode sarif = MAPPER.readTree(renderer.render(ReportFixtures.all().get(name)));

    assertThat(sarifSchema.validate(sarif)).as("SARIF schema violations of " + name).isEmpty();
  }

  @Test
  void the_vendored_schema_rejects_an_invalid_log() throws IOException {
    JsonNode bad = MAPPER.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}");

    assertThat(sarifSchema.validate(bad))
        .as("a run without tool must fail, else the schema checks nothing")
        .isNotEmpty();
  }

  @Test
  void driver_lists_only_the_rules_that_fired_with_catalog_metadata_or_fallback()
      throws IOException {
    JsonNode driver =
        MAPPER.readTree(renderer.render(ReportFixtures.blocked())).at("/runs/0/tool/driver");

    assertThat(driver.get("rules")).hasSize(3);
    JsonNode lk101 = driver.get("rules").get(1);
    assertThat(lk101.get("id").asText()).isEqualTo("LK101");
    assertThat(lk101.get("name").asText()).isEqualTo("require-concurrent-index-creation");
    assertThat(lk101.get("helpUri").asText()).endsWith("/docs/rules/LK101.md");
    assertThat(lk101.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    JsonNode tx101 = driver.get("rules").get(0);
    assertThat(tx101.get("name").asText())
        .as("no catalog entry: the id stands in for the slug")
        .isEqualTo("TX101");
    assertThat(tx101.at("/defaultConfiguration/level").asText()).isEqualTo("warning");
  }

  @Test
  void results_carry_level_location_fingerprint_and_rule_index() throws IOException {
    JsonNode results =
        MAPPER.readTree(renderer.render(ReportFixtures.lint())).at("/runs/0/results");

    JsonNode info = results.get(0);
    assertThat(info.get("level").asText()).as("info maps to SARIF note").isEqualTo("note");
    assertThat(info.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("db/changelog/changes/2024-orders.sql");
    assertThat(info.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    assertThat(
            info.at(
                    "/partialFingerprints/"
                        + SarifReportRenderer.FINGERPRINT_KEY.replace("/", "~1"))
                .asText())
        .isEqualTo(ReportFixtures.lint().findings().get(0).fingerprint());
    assertThat(results.get(1).get("ruleIndex").asInt()).isEqualTo(1);
  }

  @Test
  void only_drop_in_replacements_become_sarif_fixes() throws IOException {
    JsonNode results =
        MAPPER.readTree(renderer.render(ReportFixtures.blocked())).at("/runs/0/results");

    assertThat(results.get(0).has("fixes"))
        .as("TX101's fix is advice, not a replacement")
        .isFalse();
    JsonNode replacement = results.get(1).at("/fixes/0/artifactChanges/0/replacements/0");
    assertThat(replacement.at("/insertedContent/text").asText())
        .isEqualTo("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)");
    assertThat(replacement.at("/deletedRegion/endColumn").asInt())
        .as("SARIF endColumn is the column after the last character (49)")
        .isEqualTo(50);
  }

  @Test
  void paths_with_spaces_and_reserved_characters_are_percent_encoded() throws IOException {
    String path = "db/migration/V1__add #1 100%.sql";
    SqlStatement s =
        new SqlStatement(
            0,
            "DROP TABLE t",
            new SourceSpan(path, 1, 1, 1, 12),
            ReportFixtures.alter("t"),
            SqlStatement.ParsedBy.CLASSIFIER,
            Optional.empty());
    Finding f =
        new Finding(
            "DS101",
            Severity.ERROR,
            s.span(),
            "drops t",
            Optional.empty(),
            List.of(Fix.replacement("keep it", "SELECT 1")),
            s.sql());
    String rendered = renderer.render(ReportFixtures.single(s, f));

    JsonNode sarif = MAPPER.readTree(rendered);

    assertThat(
            sarif
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                .asText())
        .isEqualTo("db/migration/V1__add%20%231%20100%25.sql");
    assertThat(sarifSchema.validate(sarif)).isEmpty();
  }

  @Test
  void real_rule_catalog_metadata_renders_valid_sarif() throws IOException {
    SarifReportRenderer withCatalog =
        new SarifReportRenderer(ReportFixtures.TOOL, RuleCatalog::find);

    JsonNode sarif = MAPPER.readTree(withCatalog.render(ReportFixtures.lint()));

    JsonNode wd002 = sarif.at("/runs/0/tool/driver/rules/0");
    assertThat(wd002.get("id").asText()).isEqualTo("WD002");
    assertThat(wd002.get("name").asText())
        .isEqualTo(RuleCatalog.find("WD002").orElseThrow().slug());
    assertThat(sarifSchema.validate(sarif)).isEmpty();
  }

  @Test
  void works_without_a_rule_catalog() throws IOException {
    SarifReportRenderer bare = new SarifReportRenderer(ReportFixtures.TOOL, ReportSupport.NO_RULES);

    JsonNode sarif = MAPPER.readTree(bare.render(ReportFixtures.blocked()));

    assertThat(sarif.at("/runs/0/tool/driver/rules/1/name").asText()).isEqualTo("LK101");
    assertThat(sarifSchema.validate(sarif)).isEmpty();
  }
}
