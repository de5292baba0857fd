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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden review} of a pull request written by an attacker, traced for real on the embedded replica: no
 * command runs on the host, production's schema stays the base side's, and every review ends with a finding that
 * says what was stopped or refused.
 */
@Timeout(120)
class HostileRepositoryReviewTest {
  private static final String SCHEMA =
      "CREATE TABLE public.orders (id bigint PRIMARY KEY, amount integer);\n";
  private static ReplicaTracer stage;

  @TempDir Path tmp;
  private Path marker;

  @BeforeAll
  static void start() {
    stage =
        new ReplicaTracer(
            rc -> ReplicaProvider.embedded(ReplicaSettings.defaults()),
            ReplicaTracer.StatisticsSource.SNAPSHOT);
  }

  @AfterAll
  static void stop() {
    stage.close();
  }

  @BeforeEach
  void marker() {
    marker = Path.of("/tmp", "warden-hostile-review-" + UUID.randomUUID());
  }

  @AfterEach
  void no_command_ran_on_the_host() throws IOException {
    assertThat(marker).as("a command from the pull request ran on the review host").doesNotExist();
    Files.deleteIfExists(marker);
  }

  private String copyToProgram() {
    return "COPY (SELECT 1) TO PROGRAM 'touch " + marker + "'";
  }

  /** base: V1 and production's schema; head: V2 = {@code migration}, plus whatever {@code head} adds. */
  private Path[] repo(String migration, String config) {
    Path base = tmp.resolve("base");
    Path head = tmp.resolve("head");
    for (Path p : List.of(base, head)) {
      write(p.resolve("db/migration/V1__init.sql"), SCHEMA);
      write(p.resolve(".schemawarden.yml"), "migrations:\n  tool: flyway\n" + config);
    }
    write(head.resolve("db/migration/V2__change.sql"), migration);
    return new Path[] {head, base};
  }

  private static Cli.Run review(Path[] repo) {
    return Cli.run(
        (out, err) -> {
          ReviewService service = dev.schemawarden.app.testing.Reviews.tracingWithPolicy(stage);
          return new CliContext(out, err, service, Main.renderers(service), false);
        },
        "review",
        "--repo",
        repo[0].toString(),
        "--base-dir",
        repo[1].toString(),
        "--format",
        "json");
  }

  @Test
  void a_pull_request_that_replaces_the_snapshot_still_gets_the_base_side_schema() {
    Path[] repo =
        repo("ALTER TABLE orders ADD COLUMN note text;\n", "snapshot:\n  path: prod/schema.sql\n");
    write(repo[1].resolve("prod/schema.sql"), SCHEMA);
    write(repo[0].resolve("prod/schema.sql"), SCHEMA + copyToProgram() + ";\n");

    Cli.Run run = review(repo);

    JsonNode report = json(run);
    assertThat(step(report, "trace").path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(statement(report, 0).path("locks").toString())
        .contains("public.orders")
        .contains("AccessExclusiveLock");
  }

  @Test
  void a_snapshot_only_the_pull_request_has_is_ignored_with_a_note() {
    Path[] repo =
        repo("ALTER TABLE orders ADD COLUMN note text;\n", "snapshot:\n  path: prod/schema.sql\n");
    write(repo[0].resolve("prod/schema.sql"), copyToProgram() + ";\n");

    Cli.Run run = review(repo);

    JsonNode trace = step(json(run), "trace");
    assertThat(trace.path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(trace.path("detail").asText()).contains("only on the pull request's side");
  }

  @Test
  void a_statement_that_swallows_every_cancel_is_stopped_and_the_review_ends_with_TR107() {
    Path[] repo =
        repo(
            "DO $$ BEGIN LOOP BEGIN PERFORM pg_sleep(1); EXCEPTION WHEN query_canceled THEN NULL; END;"
                + " END LOOP; END $$;\nALTER TABLE orders ADD COLUMN note text;\n",
            "replica:\n  statement-timeout: 2s\n");
    long t0 = System.nanoTime();

    Cli.Run run = review(repo);

    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .as("2 s budget, then cancel, then terminate")
        .isLessThan(Duration.ofSeconds(30));
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    List<JsonNode> tr107 = findings(json(run), "TR107");
    assertThat(tr107).hasSize(1);
    assertThat(tr107.get(0).path("severity").asText()).isEqualTo("error");
    assertThat(tr107.get(0).path("line").asInt()).isEqualTo(1);
    assertThat(tr107.get(0).path("message").asText()).contains("terminated");
  }

  @Test
  void an_escape_the_text_filter_misses_is_refused_by_postgres_and_blocks_with_TR108() {
    Path[] repo =
        repo(
            "DO $$ BEGIN EXECUTE 'CO' || 'PY (SELECT 1) TO PROGRAM ''touch "
                + marker
                + "'''; END $$;\n",
            "");

    Cli.Run run = review(repo);

    JsonNode report = json(run);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    List<JsonNode> tr108 = findings(report, "TR108");
    assertThat(tr108).hasSize(1);
    assertThat(tr108.get(0).path("severity").asText()).isEqualTo("error");
    assertThat(tr108.get(0).path("message").asText()).containsIgnoringCase("permission denied");
    assertThat(report.path("decision").path("outcome").asText()).isEqualTo("needs_approval");
  }

  private static JsonNode statement(JsonNode report, int index) {
    return report.path("migrations").get(0).path("statements").get(index);
  }
}
