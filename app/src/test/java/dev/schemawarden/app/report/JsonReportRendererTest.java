package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReportRendererTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonNode schemaNode;
  private static JsonSchema schema;

  private final JsonReportRenderer renderer = new JsonReportRenderer(ReportFixtures.TOOL);

  @BeforeAll
  static void load_schema() throws IOException {
    try (InputStream in =
        JsonReportRendererTest.class.getResourceAsStream("/schemas/report-v1.schema.json")) {
      schemaNode = MAPPER.readTree(in);
    }
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
  }

  @ParameterizedTest
  @ValueSource(strings = {"blocked", "clean", "lint", "decision-drift", "mariadb"})
  void rendered_report_validates_against_the_published_schema(String name) throws IOException {
    JsonNode doc = MAPPER.readTree(renderer.render(ReportFixtures.all().get(name)));

    Set<ValidationMessage> errors = schema.validate(doc);

    assertThat(errors).as("schema violations of " + name).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"blocked", "clean", "lint", "decision-drift", "mariadb"})
  void every_key_the_renderer_writes_is_declared_in_the_schema(String name) throws IOException {
    JsonNode doc = MAPPER.readTree(renderer.render(ReportFixtures.all().get(name)));
    List<String> undeclared = new ArrayList<>();

    walk(doc, schemaNode, "$", undeclared);

    assertThat(undeclared)
        .as("fields missing from report-v1.schema.json (and so from docs/report-format.md)")
        .isEmpty();
  }

  @Test
  void the_schema_rejects_a_document_that_breaks_the_contract() throws IOException {
    JsonNode doc = MAPPER.readTree(renderer.render(ReportFixtures.blocked()));
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            doc.get("migrations").get(0).get("statements").get(0).get("locks").get(0))
        .put("mode", "ACCESS EXCLUSIVE");

    assertThat(schema.validate(doc))
        .as("lock modes must be spelled as pg_locks spells them")
        .isNotEmpty();
  }

  @Test
  void locks_use_pg_locks_spelling_and_lines_are_one_based() throws IOException {
    JsonNode statement =
        MAPPER
            .readTree(renderer.render(ReportFixtures.blocked()))
            .get("migrations")
            .get(0)
            .get("statements")
            .get(1);

    assertThat(statement.get("locks").get(0).get("mode").asText()).isEqualTo("ShareLock");
    assertThat(statement.get("line").asInt()).isEqualTo(5);
    assertThat(statement.get("change").asText()).isEqualTo("create_index");
    assertThat(statement.get("source").asText()).isEqualTo("traced");
  }

  @Test
  void finding_carries_first_fix_sql_all_fixes_doc_path_and_fingerprint() throws IOException {
    JsonNode finding =
        MAPPER.readTree(renderer.render(ReportFixtures.blocked())).get("findings").get(1);

    assertThat(finding.get("rule").asText()).isEqualTo("LK101");
    assertThat(finding.get("fix").asText())
        .isEqualTo("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)");
    assertThat(finding.get("fixes").get(0).get("replaces_statement").asBoolean()).isTrue();
    assertThat(finding.get("doc").asText()).isEqualTo("docs/rules/LK101.md");
    assertThat(finding.get("fingerprint").asText())
        .isEqualTo(ReportFixtures.blocked().findings().get(1).fingerprint());
  }

  @Test
  void absent_values_are_null_not_missing() throws IOException {
    JsonNode doc = MAPPER.readTree(renderer.render(ReportFixtures.lint()));

    assertThat(doc.has("target")).isTrue();
    assertThat(doc.get("target").isNull()).as("lint has no target").isTrue();
    assertThat(doc.get("decision").isNull()).as("lint has no decision").isTrue();
    assertThat(doc.get("findings").get(0).get("fix").isNull()).as("WD002 has no fix").isTrue();
    assertThat(doc.get("migrations").get(0).get("statements").get(0).get("impact").isNull())
        .isTrue();
  }

  @Test
  void decision_and_summary_follow_the_report() throws IOException {
    JsonNode doc = MAPPER.readTree(renderer.render(ReportFixtures.decisionAndDrift()));

    assertThat(doc.get("decision").get("outcome").asText()).isEqualTo("needs_approval");
    assertThat(
            doc.get("decision")
                .get("required_approvals")
                .get(1)
                .get("satisfied_by")
                .get(0)
                .asText())
        .isEqualTo("carol");
    assertThat(doc.get("summary").get("blocked").asBoolean()).isTrue();
    assertThat(doc.get("drift").get(1).get("expected").asText()).isEqualTo("text");
  }

  @Test
  void output_is_pretty_printed_with_lf_and_no_space_before_colon() {
    String json = renderer.render(ReportFixtures.clean());

    assertThat(json)
        .startsWith("{\n  \"format_version\": 1,\n  \"kind\": \"review\",")
        .doesNotContain("\r")
        .contains("\"rewrites\": [],")
        .endsWith("}\n");
  }

  @Test
  void docs_page_embeds_the_current_schema_and_example() throws IOException {
    String doc = Files.readString(Path.of("../docs/report-format.md"), StandardCharsets.UTF_8);
    String schemaText =
        Files.readString(
            Path.of("src/main/resources/schemas/report-v1.schema.json"), StandardCharsets.UTF_8);

    assertThat(doc)
        .as("docs/report-format.md must include the schema verbatim; copy it after changing it")
        .contains("```json\n" + schemaText + "```\n");
    assertThat(doc)
        .as("the example in docs/report-format.md must be the current golden blocked.json")
        .contains("```json\n" + renderer.render(ReportFixtures.blocked()) + "```\n");
  }

  /** Checks that every object key in {@code node} appears under {@code properties} of the matching schema. */
  private static void walk(
      JsonNode node, JsonNode schemaPart, String path, List<String> undeclared) {
    JsonNode s = resolve(schemaPart);
    if (node.isObject()) {
      JsonNode props = s.get("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (props == null || !props.has(e.getKey())) {
          undeclared.add(path + "." + e.getKey());
        } else {
          walk(e.getValue(), props.get(e.getKey()), path + "." + e.getKey(), undeclared);
        }
      }
    } else if (node.isArray() && s.has("items")) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), s.get("items"), path + "[" + i + "]", undeclared);
      }
    }
  }

  private static JsonNode resolve(JsonNode s) {
    if (s.has("$ref")) {
      return resolve(schemaNode.at(s.get("$ref").asText().substring(1)));
    }
    if (s.has("oneOf")) {
      for (JsonNode alt : s.get("oneOf")) {
        JsonNode r = resolve(alt);
        if (r.has("properties")) {
          return r;
        }
      }
    }
    return s;
  }
}
