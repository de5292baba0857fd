package dev.schemawarden.app.review;

import static dev.schemawarden.app.testing.ReportJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.replica.api.LocalPostgres;
import dev.schemawarden.replica.api.LocalPostgresSettings;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reviews at once on one {@code server} replica provider, and on two (two processes sharing a scratch server): each
 * traces, none falls back to predicted locks, and identical input gives an identical report. A trace that does
 * fall back says so in every format.
 */
class ConcurrentTraceReviewTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA =
      """
      CREATE TABLE public.customers (id bigint PRIMARY KEY, name text);
      CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id bigint, amount integer, note varchar(10));
      CREATE INDEX orders_note_idx ON public.orders (note);
      GRANT SELECT ON public.orders TO app_reader;
      """;
  private static final String MIGRATION =
      "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN amount TYPE bigint;\n"
          + "CREATE INDEX orders_customer_idx ON orders (customer_id);\n";

  private static Path data;
  private static LocalPostgres server;
  private static ReplicaTracer first;
  private static ReplicaTracer second;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("warden-concurrent-trace-");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    server =
        LocalPostgres.start(
            LocalPostgresSettings.scratch(data.resolve("pg")).withServerConfig("fsync", "off"));
    first = new ReplicaTracer(rc -> serverProvider(), ReplicaTracer.StatisticsSource.NONE);
    second = new ReplicaTracer(rc -> serverProvider(), ReplicaTracer.StatisticsSource.NONE);
  }

  @AfterAll
  static void stop() throws IOException {
    first.close();
    second.close();
    server.close();
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  private static ReplicaProvider serverProvider() {
    return ReplicaProvider.server(
        server.jdbcUrl("postgres"),
        LocalPostgres.SUPERUSER,
        server.superuserPassword(),
        "",
        ReplicaSettings.defaults());
  }

  @Test
  void three_reviews_at_once_on_shared_server_replicas_all_trace_and_report_the_same()
      throws Exception {
    Path[] repo = repo();
    List<Tracer> tracers = List.of(first, second, first);
    ExecutorService pool = Executors.newFixedThreadPool(tracers.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Cli.Run>> runs = new ArrayList<>();
    try {
      for (Tracer tracer : tracers) {
        runs.add(
            pool.submit(
                () -> {
                  go.await();
                  return review(repo, tracer, "--format", "json");
                }));
      }
      go.countDown();
      List<String> reports = new ArrayList<>();
      for (Future<Cli.Run> f : runs) {
        Cli.Run run = f.get(5, TimeUnit.MINUTES);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("errors")).as("no silent or loud fallback: " + run).isEmpty();
        assertThat(report.at("/migrations/0/statements/1/source").asText())
            .as(run.toString())
            .isEqualTo("traced");
        reports.add(withoutTimings(report));
      }
      assertThat(reports)
          .as("identical input, identical report")
          .allSatisfy(r -> assertThat(r).isEqualTo(reports.get(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_trace_that_falls_back_says_so_in_text_markdown_and_json() throws IOException {
    Tracer broken =
        new ReplicaTracer(
            rc -> {
              throw new WardenException(ErrorCode.INFRASTRUCTURE, "duplicate template name");
            },
            ReplicaTracer.StatisticsSource.NONE);
    Path[] repo = repo();

    Cli.Run text = review(repo, broken);
    Cli.Run markdown = review(repo, broken, "--format", "markdown");
    Cli.Run json = review(repo, broken, "--format", "json");

    assertThat(text.out())
        .as(text.toString())
        .contains(
            "error: trace: duplicate template name; the report shows predicted locks instead of traced ones");
    assertThat(markdown.out())
        .as(markdown.toString())
        .contains("Problems during the review")
        .contains("predicted locks instead of traced ones")
        .contains("trace failed");
    JsonNode report = JSON.readTree(json.out());
    assertThat(report.get("errors").toString()).contains("predicted locks instead of traced ones");
    assertThat(report.get("steps").toString()).contains("\"name\":\"trace\",\"status\":\"failed\"");
    assertThat(withoutTimings(JSON.readTree(review(repo, broken, "--format", "json").out())))
        .as("the fallback too is the same every time")
        .isEqualTo(withoutTimings(report));
  }

  /**
   * The report minus what is measured on the replica (step times, how long a lock was held), which no two runs
   * share, as the golden files normalise it; rules, severities, messages, locks and fingerprints stay.
   */
  private static String withoutTimings(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    copy.remove("steps");
    return copy.toString()
        .replaceAll("\\d+ ms", "N ms")
        .replaceAll("\"(duration_ms|estimated_lock_held_ms)\":\\d+", "\"$1\":N");
  }

  private Path[] repo() {
    Path base = tmp.resolve("base");
    Path head = tmp.resolve("head");
    for (Path p : List.of(base, head)) {
      write(p.resolve("db/migration/V1__init.sql"), "CREATE TABLE audit (id bigint);\n");
      write(p.resolve("prod/schema.sql"), SCHEMA);
    }
    write(head.resolve("db/migration/V2__change.sql"), MIGRATION);
    write(
        head.resolve(".schemawarden.yml"),
        "migrations:\n  tool: flyway\nsnapshot:\n  path: prod/schema.sql\n");
    return new Path[] {head, base};
  }

  private static Cli.Run review(Path[] repo, Tracer tracer, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("review", "--repo", repo[0].toString(), "--base-dir", repo[1].toString()));
    args.addAll(List.of(extra));
    return Cli.run((out, err) -> context(out, err, tracer), args.toArray(String[]::new));
  }

  private static CliContext context(
      java.io.PrintStream out, java.io.PrintStream err, Tracer tracer) {
    ReviewService service = dev.schemawarden.app.testing.Reviews.tracing(tracer);
    return new CliContext(out, err, service, Main.renderers(service), false);
  }
}
