package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.RuleCatalog;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The diagnose renderers on a hand-built pass: exact SQL in JSON, nothing a terminal would execute in text. */
class DiagnoseRenderersTest {
  /** An index name with an escape sequence (clears the screen), a line break and a Markdown link. */
  static final String SQL =
      "SET lock_timeout = '3s';\nDROP INDEX CONCURRENTLY IF EXISTS \"public\".\"i\u001b[2J\n"
          + "[x](https://evil.example)\";\n";

  static final Instant READ = Instant.parse("2026-12-01T12:00:00Z");

  static DiagnoseReport report(Severity failOn) {
    Problem p =
        new Problem(
            "DG101",
            Severity.WARNING,
            "public.\"i\\u001b[2J\\n[x](https://evil.example)\"",
            "index public.\"i\\u001b[2J\\n[x](https://evil.example)\" has had no scan",
            List.of(
                new Problem.Measure("index_bytes", 3_145_728, "bytes"),
                new Problem.Measure("index_writes_per_second", 12.345, "per_second")),
            Optional.of(
                new ProposedFix(
                    "drop the unused index, concurrently",
                    ProposedFix.Kind.MIGRATION,
                    SQL,
                    Optional.of("CREATE INDEX CONCURRENTLY i ON public.t (a);\n"),
                    true,
                    Optional.empty())));
    Diagnosis d =
        new Diagnosis(
            "shop",
            "17.7",
            READ,
            READ.minus(Duration.ofDays(9)),
            Duration.ofDays(7),
            List.of(p),
            List.of(),
            11,
            Duration.ofMillis(42));
    return new DiagnoseReport("production", d, failOn);
  }

  @Test
  void json_keeps_the_sql_exact_and_the_numbers_as_numbers() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                new DiagnoseJsonRenderer(ToolInfo.of("1.0"), RuleCatalog::find)
                    .json(report(Severity.ERROR)));
    JsonNode problem = json.get("problems").get(0);
    assertThat(problem.get("fix").get("sql").asText()).isEqualTo(SQL);
    assertThat(problem.get("slug").asText()).isEqualTo("unused-index");
    assertThat(problem.get("evidence").get(0).get("value").isIntegralNumber()).isTrue();
    assertThat(problem.get("evidence").get(1).get("value").asDouble()).isEqualTo(12.345);
    assertThat(json.get("observed_seconds").asLong()).isEqualTo(Duration.ofDays(9).toSeconds());
    assertThat(json.get("blocked").asBoolean()).as("a warning under --fail-on error").isFalse();
    assertThat(json.get("cost").get("queries").asInt()).isEqualTo(11);
  }

  @Test
  void text_never_sends_a_control_character_to_the_terminal() {
    String text = new DiagnoseTextRenderer(ToolInfo.of("1.0")).text(report(Severity.WARNING));
    assertThat(text)
        .doesNotContain("\u001b")
        .contains("\\u001b[2J")
        .contains("WARNING DG101")
        .contains("index_bytes 3 MiB")
        .contains("blocked (at or above warning)")
        .contains("11 queries on production in 42 ms");
  }

  @Test
  void markdown_keeps_sql_in_a_closed_fence_and_escapes_the_rest() {
    String md = new DiagnoseTextRenderer(ToolInfo.of("1.0")).markdown(report(Severity.ERROR));
    assertThat(md).as("the exact SQL, in a fence").contains("```sql\n" + SQL + "```\n");
    assertThat(md)
        .as("the message's link is escaped text")
        .contains("\\[x\\]\\(https://evil.example\\)");
    assertThat(md)
        .as("the summary's link is entities")
        .contains("&#91;x&#93;&#40;https://evil.example&#41;\"</summary>");
  }
}
