package dev.schemawarden.app.review;

import static dev.schemawarden.app.testing.ReportJson.findings;
import static dev.schemawarden.app.testing.ReportJson.json;
import static dev.schemawarden.app.testing.ReportJson.step;
import static dev.schemawarden.app.testing.ReportJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the trace sees, on a real embedded PostgreSQL (one cluster for the class): locks on tables a statement
 * does not name (TR109), objects CASCADE dropped (TR110, one finding with DS108), and TR104 naming the table of an
 * index.
 */
class UnnamedRelationsTraceTest {
  private static final String BASE =
      """
      CREATE TABLE customers (id bigint PRIMARY KEY);
      CREATE TABLE orders (id bigint PRIMARY KEY,
          customer_id bigint CONSTRAINT orders_customer_fk REFERENCES customers (id));
      CREATE INDEX orders_customer_idx ON orders (customer_id);
      CREATE VIEW open_orders AS SELECT id FROM orders;
      CREATE VIEW open_order_ids AS SELECT id FROM open_orders;
      CREATE VIEW order_count AS SELECT count(*) FROM open_orders;
      CREATE TABLE events (at date NOT NULL, x int) PARTITION BY RANGE (at);
      CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      """;

  private static ReplicaTracer stage;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    stage =
        new ReplicaTracer(
            rc -> ReplicaProvider.embedded(ReplicaSettings.defaults()),
            ReplicaTracer.StatisticsSource.NONE);
  }

  @AfterAll
  static void stop() {
    stage.close();
  }

  private JsonNode review(String change) {
    Path b = tmp.resolve("base");
    Path h = tmp.resolve("head");
    for (Path p : List.of(b, h)) {
      write(p.resolve("db/migration/V1__init.sql"), BASE);
      write(p.resolve(".schemawarden.yml"), "migrations:\n  tool: flyway\n");
    }
    write(h.resolve("db/migration/V2__change.sql"), change);
    Cli.Run run =
        Cli.run(
            (out, err) -> {
              ReviewService service = dev.schemawarden.app.testing.Reviews.tracing(stage);
              return new CliContext(out, err, service, Main.renderers(service), false);
            },
            "review",
            "--repo",
            h.toString(),
            "--base-dir",
            b.toString(),
            "--format",
            "json");
    JsonNode report = json(run);
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    return report;
  }

  private static List<JsonNode> evidence(JsonNode finding, String rule) {
    return StreamSupport.stream(finding.path("evidence").spliterator(), false)
        .filter(e -> e.path("rule").asText().equals(rule))
        .toList();
  }

  @Test
  void dropping_a_foreign_key_locks_the_referenced_table_and_says_why() {
    JsonNode report =
        review(
            "SET lock_timeout = '2s';\nALTER TABLE orders DROP CONSTRAINT orders_customer_fk;\n");

    assertThat(findings(report, "TR109"))
        .as("the trace saw ACCESS EXCLUSIVE on customers")
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("line").asInt()).isEqualTo(2);
              assertThat(f.path("message").asText())
                  .startsWith(
                      "ACCESS EXCLUSIVE on public.customers, which the"
                          + " statement does not name")
                  .contains("a foreign key of public.orders references");
              assertThat(f.path("concern").asText()).isEqualTo("unnamed-lock:customers");
            });
  }

  @Test
  void dropping_a_partition_locks_its_partitioned_table() {
    JsonNode report = review("SET lock_timeout = '2s';\nDROP TABLE events_2024;\n");

    assertThat(findings(report, "TR109"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.path("message").asText())
                    .contains(
                        "ACCESS EXCLUSIVE on public.events",
                        "the partitioned table public.events_2024 is a partition of"));
  }

  @Test
  void
      cascade_lists_the_views_it_dropped_except_those_the_change_recreates_in_one_finding_with_DS108() {
    JsonNode report =
        review(
            "SET lock_timeout = '2s';\nDROP VIEW open_orders CASCADE;\n"
                + "CREATE VIEW open_orders AS SELECT id FROM orders;\n"
                + "CREATE VIEW order_count AS SELECT count(*) FROM open_orders;\n");

    assertThat(findings(report, "TR110"))
        .as("one problem, the static and the traced view of it")
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("rule").asText()).isEqualTo("DS108");
              assertThat(f.path("concern").asText()).isEqualTo("drop-cascade");
              assertThat(evidence(f, "TR110"))
                  .singleElement()
                  .satisfies(
                      e ->
                          assertThat(e.path("detail").asText())
                              .contains("also dropped view public.open_order_ids,")
                              .doesNotContain("order_count"));
            });
    assertThat(findings(report, "TR109"))
        .as("a dropped view is TR110's, not a lock to report")
        .isEmpty();
  }

  @Test
  void TR104_names_the_table_an_index_is_on_and_prefers_the_named_table() {
    JsonNode report =
        review(
            "REINDEX INDEX orders_customer_idx;\n"
                + "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;\n");

    List<String> traced =
        findings(report, "TR104").stream()
            .flatMap(f -> evidence(f, "TR104").stream())
            .map(e -> e.path("detail").isNull() ? "" : e.path("detail").asText())
            .toList();
    String all =
        String.join("\n", traced) + findings(report, "TR104").get(0).path("message").asText();
    assertThat(all)
        .as("the index's table, with the index named beside it")
        .contains(
            "ACCESS EXCLUSIVE on public.orders (index public.orders_customer_idx) taken with lock_timeout")
        .as("of two ACCESS EXCLUSIVE locks, the table the statement names")
        .doesNotContain("ACCESS EXCLUSIVE on public.customers taken");
  }
}
