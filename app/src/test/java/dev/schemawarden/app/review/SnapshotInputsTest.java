package dev.schemawarden.app.review;

import static dev.schemawarden.app.testing.ReportJson.json;
import static dev.schemawarden.app.testing.ReportJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One snapshot input for the trace: {@code --snapshot FILE} and {@code snapshot.path} (a JSON snapshot or a
 * {@code pg_dump -s} script, told apart by content, whatever the file is called) build the replica the change is
 * traced on. The history creates only {@code audit}; production (the snapshot) has {@code orders}: a traced lock on
 * {@code public.orders} and no TR101 prove the snapshot was used.
 */
class SnapshotInputsTest {
  private static final String PRODUCTION =
      "CREATE TABLE public.orders (id bigint PRIMARY KEY, amount integer);\n";
  private static ReplicaProvider provider;
  private static ReplicaTracer stage;
  private static String snapshotJson;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws SQLException {
    provider = ReplicaProvider.embedded(ReplicaSettings.defaults());
    try (Replica r = provider.create(new SchemaSource.SqlDump(PRODUCTION));
        Connection c = r.connect()) {
      snapshotJson = Snapshots.toJson(Snapshots.take(c, new SnapshotOptions(List.of(), true)));
    }
    stage = new ReplicaTracer(rc -> borrowed(), ReplicaTracer.StatisticsSource.SNAPSHOT);
  }

  @AfterAll
  static void stop() {
    stage.close();
    provider.close();
  }

  private static ReplicaProvider borrowed() {
    return new ReplicaHolder(() -> provider).borrowed();
  }

  private Path[] repo(String config) {
    Path base = tmp.resolve("base");
    Path head = tmp.resolve("head");
    for (Path p : List.of(base, head)) {
      write(p.resolve("db/migration/V1__init.sql"), "CREATE TABLE audit (id bigint);\n");
      write(p.resolve(".schemawarden.yml"), "migrations:\n  tool: flyway\n" + config);
    }
    write(
        head.resolve("db/migration/V2__change.sql"), "ALTER TABLE orders ADD COLUMN note text;\n");
    return new Path[] {head, base};
  }

  private static Cli.Run review(Path[] repo, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "review",
                "--repo",
                repo[0].toString(),
                "--base-dir",
                repo[1].toString(),
                "--format",
                "json"));
    args.addAll(List.of(extra));
    return Cli.run(
        (out, err) -> {
          ReviewService service = dev.schemawarden.app.testing.Reviews.tracing(stage);
          return new CliContext(out, err, service, Main.renderers(service), false);
        },
        args.toArray(String[]::new));
  }

  private static void assertTracedOnProduction(Cli.Run run, String origin) {
    JsonNode report = json(run);
    JsonNode trace =
        StreamSupport.stream(report.path("steps").spliterator(), false)
            .filter(s -> s.path("name").asText().equals("trace"))
            .findFirst()
            .orElseThrow();
    assertThat(trace.path("status").asText()).as(run.toString()).isEqualTo("ok");
    assertThat(trace.path("detail").asText()).contains("schema from " + origin);
    assertThat(report.path("findings").toString()).doesNotContain("TR101");
    assertThat(report.path("migrations").get(0).path("statements").get(0).path("locks").toString())
        .contains("public.orders")
        .contains("AccessExclusiveLock");
  }

  @Test
  void the_snapshot_option_feeds_the_trace() {
    Path file = tmp.resolve("outside/prod.json");
    write(file, snapshotJson);

    Cli.Run run = review(repo(""), "--snapshot", file.toString());

    assertTracedOnProduction(run, "snapshot " + file);
  }

  @Test
  void a_snapshot_url_feeds_the_trace_through_the_one_snapshot_the_drift_stage_loaded()
      throws IOException {
    com.sun.net.httpserver.HttpServer http =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = snapshotJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.util.concurrent.atomic.AtomicInteger fetches =
        new java.util.concurrent.atomic.AtomicInteger();
    http.createContext(
        "/prod.json",
        ex -> {
          fetches.incrementAndGet();
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    http.start();
    try {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/prod.json";
      Path[] repo = repo("snapshot:\n  url: " + url + "\n");
      ReviewService service =
          Main.reviewService(
              new ReplicaHolder(SnapshotInputsTest::borrowed),
              new SnapshotDrift.Settings(
                  tmp.resolve("expected-cache"),
                  java.time.Duration.ofSeconds(10),
                  1 << 20,
                  java.time.Clock.systemUTC(),
                  name -> null),
              java.time.Clock.systemUTC());

      Cli.Run run =
          Cli.run(
              (out, err) -> new CliContext(out, err, service, Main.renderers(service), false),
              "review",
              "--repo",
              repo[0].toString(),
              "--base-dir",
              repo[1].toString(),
              "--format",
              "json");

      assertTracedOnProduction(run, "snapshot " + url);
      assertThat(fetches.get()).as("fetched once, for drift and trace alike").isEqualTo(1);
    } finally {
      http.stop(0);
    }
  }

  @Test
  void a_pg_dump_file_is_recognised_by_its_content_whatever_its_name() {
    Path[] repo = repo("snapshot:\n  path: prod/schema.dump\n");
    write(
        repo[1].resolve("prod/schema.dump"),
        "-- pg_dump -s\nSET statement_timeout = 0;\n" + PRODUCTION);

    assertTracedOnProduction(review(repo), "snapshot prod/schema.dump");
  }

  @Test
  void a_json_snapshot_is_recognised_by_its_content_whatever_its_name() {
    Path[] repo = repo("snapshot:\n  path: prod/schema.sql\n");
    write(repo[1].resolve("prod/schema.sql"), snapshotJson);

    assertTracedOnProduction(review(repo), "snapshot prod/schema.sql");
  }

  @Test
  void a_broken_json_snapshot_is_one_line_naming_the_file_and_exit_2() {
    Path[] repo = repo("snapshot:\n  path: prod/schema.json\n");
    write(repo[1].resolve("prod/schema.json"), "{\"format_version\": 1, \"tables\": [");

    Cli.Run run = review(repo);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines()).as("one line, no stack trace").hasSize(1);
    assertThat(run.err()).contains("prod/schema.json").doesNotContain("\tat ");
  }
}
