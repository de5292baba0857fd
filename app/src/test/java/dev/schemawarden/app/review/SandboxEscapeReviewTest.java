package dev.schemawarden.app.review;

import static dev.schemawarden.app.testing.ReportJson.json;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pull request whose migration tries to leave the replica sandbox fails the review with TR108 at ERROR and the
 * decision needs a human (POL003), whether the text filter or PostgreSQL itself stopped it; nothing runs on the host.
 * Real embedded PostgreSQL, production wiring apart from the shared trace stage.
 */
class SandboxEscapeReviewTest {
  private static ReplicaTracer stage;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    stage =
        new ReplicaTracer(
            rc -> ReplicaProvider.embedded(ReplicaSettings.defaults()),
            (config, root) -> dev.schemawarden.analyzers.api.TraceAnalysis.Statistics.NONE);
  }

  @AfterAll
  static void stop() {
    stage.close();
  }

  private static CliContext context(java.io.PrintStream out, java.io.PrintStream err) {
    ReviewService service = dev.schemawarden.app.testing.Reviews.tracingWithPolicy(stage);
    return new CliContext(out, err, service, Main.renderers(service), false);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // the text filter stops it before it runs
        "COPY (SELECT 1) TO PROGRAM 'touch MARKER';",
        // the filter cannot read 'CO' || 'PY': PostgreSQL's privileges stop it, and that decides
        "DO $$ BEGIN EXECUTE 'CO' || 'PY (SELECT 1) TO PROGRAM ''touch MARKER'''; END $$;"
      })
  void an_escape_fails_the_review_and_the_decision_needs_a_human(String escape) throws IOException {
    Path marker = markerIn(tmp.resolve("host"));
    Path[] repo =
        repo(
            "CREATE TABLE refunds (id bigint);\n"
                + escape.replace("MARKER", marker.toString())
                + "\n");

    Cli.Run run =
        Cli.run(
            SandboxEscapeReviewTest::context,
            "review",
            "--repo",
            repo[0].toString(),
            "--base-dir",
            repo[1].toString(),
            "--format",
            "json",
            "--author",
            "alice");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode report = json(run);
    List<JsonNode> escapes =
        StreamSupport.stream(report.get("findings").spliterator(), false)
            .filter(f -> f.get("rule").asText().equals("TR108"))
            .toList();
    assertThat(escapes)
        .as(run.toString())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("severity").asText()).isEqualTo("error");
              assertThat(f.toString())
                  .contains("V2__change.sql")
                  .contains("reach outside the replica sandbox");
            });
    JsonNode decision = report.get("decision");
    assertThat(decision.get("outcome").asText())
        .as(decision.toString())
        .isEqualTo("needs_approval");
    assertThat(decision.get("required_approvals").toString()).contains("POL003");
    assertThat(marker).as("no program ran on the host").doesNotExist();
  }

  /** A path the server process could write to if an escape ever succeeded, so its absence means something. */
  private static Path markerIn(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    return dir.resolve("escaped");
  }

  /** base has V1; head adds V2; no snapshot, so the replica is the base history (V1) replayed. */
  private Path[] repo(String migration) {
    Path base = tmp.resolve("base");
    Path head = tmp.resolve("head");
    for (Path p : List.of(base, head)) {
      write(p.resolve("db/migration/V1__init.sql"), "CREATE TABLE audit (id bigint);\n");
      write(p.resolve(".schemawarden.yml"), "migrations:\n  tool: flyway\n");
    }
    write(head.resolve("db/migration/V2__change.sql"), migration);
    return new Path[] {head, base};
  }
}
