package dev.schemawarden.app.review;

import static dev.schemawarden.app.testing.ReportJson.findings;
import static dev.schemawarden.app.testing.ReportJson.json;
import static dev.schemawarden.app.testing.ReportJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.analyzers.api.RelationStatistics;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden review} with the trace stage on a real embedded PostgreSQL, in-process: one provider for the class
 * (one cluster start), production statistics injected through the stage's statistics seam.
 */
class TraceReviewTest {
  private static final String SCHEMA =
      """
      -- pg_dump -s style production schema
      CREATE TABLE public.customers (id bigint PRIMARY KEY, name text);
      CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id bigint, amount integer, note varchar(10));
      CREATE INDEX orders_note_idx ON public.orders (note);
      """;
  private static final AtomicReference<TraceAnalysis.Statistics> STATS =
      new AtomicReference<>(TraceAnalysis.Statistics.NONE);
  private static final List<String> STARTS = new ArrayList<>();
  private static ReplicaTracer stage;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    stage =
        new ReplicaTracer(
            rc -> {
              STARTS.add(rc.providerId());
              return ReplicaProvider.embedded(ReplicaSettings.defaults());
            },
            (config, root) -> STATS.get());
  }

  @AfterAll
  static void stop() {
    stage.close();
  }

  private static CliContext context(
      java.io.PrintStream out, java.io.PrintStream err, Tracer tracer) {
    ReviewService service = dev.schemawarden.app.testing.Reviews.tracing(tracer);
    return new CliContext(out, err, service, Main.renderers(service), false);
  }

  /** base has V1; head adds V2 with {@code migration}; the config points the replica at a pg_dump -s file. */
  private Path[] repo(String migration, String extraConfig) {
    Path base = tmp.resolve("base");
    Path head = tmp.resolve("head");
    for (Path p : List.of(base, head)) {
      write(p.resolve("db/migration/V1__init.sql"), "CREATE TABLE audit (id bigint);\n");
      write(p.resolve("prod/schema.sql"), SCHEMA); // production's schema is read from the base side
    }
    write(head.resolve("db/migration/V2__change.sql"), migration);
    write(
        head.resolve(".schemawarden.yml"),
        "migrations:\n  tool: flyway\nsnapshot:\n  path: prod/schema.sql\n" + extraConfig);
    return new Path[] {head, base};
  }

  private static Cli.Run review(Path[] repo, Tracer tracer, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("review", "--repo", repo[0].toString(), "--base-dir", repo[1].toString()));
    args.addAll(List.of(extra));
    return Cli.run((out, err) -> context(out, err, tracer), args.toArray(String[]::new));
  }

  private static final String REWRITE =
      "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN amount TYPE bigint;\n";

  @Test
  void
      dropping_a_column_production_does_not_have_fails_the_review_with_postgres_error_at_its_line() {
    Cli.Run run =
        review(repo("-- tidy up\n\nALTER TABLE orders DROP COLUMN discount;\n", ""), stage);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .as(run.toString())
        .contains("db/migration/V2__change.sql:3:1: error TR101")
        .contains("column \"discount\" of relation \"orders\" does not exist")
        .contains("42703");
    assertThat(STARTS).as("one embedded cluster for the whole class").hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void a_rewrite_reports_traced_locks_and_TR102_in_json() {
    STATS.set(TraceAnalysis.Statistics.NONE);
    Cli.Run run = review(repo(REWRITE, ""), stage, "--format", "json");

    assertThat(run.exitCode()).as(run.toString()).isIn(0, 1);
    JsonNode report = json(run);
    JsonNode alter = report.at("/migrations/0/statements/1");
    assertThat(alter.get("source").asText()).isEqualTo("traced");
    assertThat(alter.get("locks").toString())
        .contains("\"relation\":\"public.orders\"")
        .contains("\"mode\":\"AccessExclusiveLock\"");
    assertThat(alter.get("rewrites").toString()).contains("public.orders");
    assertThat(alter.at("/impact/computation").asText()).contains("no production statistics");
    assertThat(findings(report, "TR102"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.get("rule").asText())
                    .as(
                        "one finding per concern: the static LK113 and the traced TR102 on one rewrite")
                    .isEqualTo("LK113"))
        .satisfies(f -> assertThat(f.get("concern").asText()).isEqualTo("rewrite:orders"))
        .satisfies(
            f ->
                assertThat(f.get("evidence").toString())
                    .as("no statistics: the trace did not weigh it, the static severity stays")
                    .contains("\"kind\":\"predicted\",\"rule\":\"LK113\"")
                    .contains(
                        "\"kind\":\"traced\",\"rule\":\"TR102\",\"line\":2,\"weighed\":false"))
        .satisfies(f -> assertThat(f.get("severity").asText()).isEqualTo("error"))
        .satisfies(f -> assertThat(f.get("line").asInt()).isEqualTo(2));
    assertThat(report.get("steps").toString()).contains("\"name\":\"trace\",\"status\":\"ok\"");
  }

  @Test
  void no_trace_falls_back_to_predicted_effects() {
    Cli.Run run = review(repo(REWRITE, ""), stage, "--format", "json", "--no-trace");

    JsonNode report = json(run);
    assertThat(report.at("/migrations/0/statements/1/source").asText()).isEqualTo("predicted");
    assertThat(findings(report, "TR102")).isEmpty();
    assertThat(report.get("steps").toString())
        .contains("\"name\":\"trace\",\"status\":\"skipped\"");
  }

  @Test
  void provider_off_in_config_skips_tracing() {
    Cli.Run run = review(repo(REWRITE, "replica:\n  provider: off\n"), stage, "--format", "json");

    assertThat(json(run).at("/migrations/0/statements/1/source").asText()).isEqualTo("predicted");
  }

  @Test
  void a_foreign_key_without_an_index_is_TR106_with_the_index_to_create() {
    Cli.Run run =
        review(
            repo(
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk"
                    + " FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n",
                ""),
            stage,
            "--format",
            "json");

    List<JsonNode> tr106 = findings(json(run), "TR106");
    assertThat(tr106)
        .as(run.toString())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("line").asInt()).isEqualTo(2);
              assertThat(f.get("fix").asText())
                  .contains("CREATE INDEX CONCURRENTLY")
                  .contains("public.orders (customer_id)");
            });
  }

  @Nested
  class suppression {
    @Test
    void warden_ignore_hides_a_traced_TR102_like_a_lint_finding() {
      STATS.set(TraceAnalysis.Statistics.NONE);
      Cli.Run run =
          review(
              repo(
                  "SET lock_timeout = '2s';\n-- warden:ignore TR102 orders holds 12 rows\n"
                      + "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;\n",
                  ""),
              stage,
              "--format",
              "json");

      JsonNode report = json(run);
      assertThat(report.at("/migrations/0/statements/1/rewrites").toString())
          .as("the rewrite was traced")
          .contains("public.orders");
      assertThat(findings(report, "TR102")).as(run.toString()).isEmpty();
      assertThat(findings(report, "WD001")).isEmpty();
      assertThat(findings(report, "WD002")).as("the directive was used").isEmpty();
    }

    @Test
    void an_ignore_for_a_trace_rule_that_reported_nothing_is_WD002() {
      STATS.set(TraceAnalysis.Statistics.NONE);
      Cli.Run run =
          review(
              repo(
                  "SET lock_timeout = '2s';\n-- warden:ignore TR102 expected a rewrite\n"
                      + "ALTER TABLE orders ADD COLUMN note2 text;\n",
                  ""),
              stage,
              "--format",
              "json");

      assertThat(findings(json(run), "WD002"))
          .as(run.toString())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.get("line").asInt()).isEqualTo(2);
                assertThat(f.get("message").asText())
                    .contains("TR102")
                    .contains("suppresses nothing");
              });
    }

    @Test
    void with_no_trace_a_TR_ignore_is_dormant_not_stale() {
      Cli.Run run =
          review(
              repo(
                  "SET lock_timeout = '2s';\n-- warden:ignore TR102 orders holds 12 rows\n"
                      + "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;\n",
                  ""),
              stage,
              "--format",
              "json",
              "--no-trace");

      JsonNode report = json(run);
      assertThat(findings(report, "WD001")).as(run.toString()).isEmpty();
      assertThat(findings(report, "WD002"))
          .as("TR102 could not run, so the directive is not stale")
          .isEmpty();
    }
  }

  @Nested
  class one_cluster {
    @Test
    void the_production_wiring_traces_on_the_replica_holder_the_drift_stage_uses() {
      java.util.concurrent.atomic.AtomicInteger starts =
          new java.util.concurrent.atomic.AtomicInteger();
      try (ReplicaHolder replicas =
          new ReplicaHolder(
              () -> {
                starts.incrementAndGet();
                return ReplicaProvider.embedded(ReplicaSettings.defaults());
              })) {
        ReviewService service =
            Main.reviewService(
                replicas,
                SnapshotDrift.Settings.defaults().withCacheDir(tmp.resolve("cache")),
                java.time.Clock.systemUTC());
        Path[] repo =
            repo("SET lock_timeout = '2s';\nALTER TABLE audit ALTER COLUMN id TYPE text;\n", "");
        // No snapshot: the replica is the history (V1) replayed, the drift stage has nothing to
        // compare.
        write(repo[0].resolve(".schemawarden.yml"), "migrations:\n  tool: flyway\n");
        Cli.Run run =
            Cli.run(
                (out, err) ->
                    new CliContext(out, err, service, Main.renderers(service), false, replicas),
                "review",
                "--repo",
                repo[0].toString(),
                "--base-dir",
                repo[1].toString(),
                "--format",
                "json");

        JsonNode report = json(run);
        assertThat(report.at("/migrations/0/statements/1/source").asText())
            .as(run.toString())
            .isEqualTo("traced");
        assertThat(starts.get())
            .as("the trace stage started the holder's cluster, not one of its own")
            .isEqualTo(1);
      }
    }
  }

  @Nested
  class impact {
    @Test
    void the_same_rewrite_is_an_error_on_a_50_GB_hot_table_and_info_on_an_empty_one() {
      long gb = 1L << 30;
      STATS.set(
          new TraceAnalysis.Statistics(
              Optional.of("test statistics"),
              Map.of(
                  "public.orders",
                  new RelationStatistics(
                      "public.orders", 50 * gb, 10 * gb, 400_000_000L, 1200, 10, 1_000_000))));
      JsonNode big = json(review(repo(REWRITE, ""), stage, "--format", "json"));

      STATS.set(
          new TraceAnalysis.Statistics(
              Optional.of("test statistics"),
              Map.of(
                  "public.orders",
                  new RelationStatistics("public.orders", 16384, 8192, 0, 0, 0, 0))));
      JsonNode empty = json(review(repo(REWRITE, ""), stage, "--format", "json"));
      STATS.set(TraceAnalysis.Statistics.NONE);

      assertThat(findings(big, "TR102"))
          .singleElement()
          .satisfies(f -> assertThat(f.get("severity").asText()).isEqualTo("error"))
          .satisfies(
              f -> assertThat(f.get("message").asText()).contains("50 GiB").contains("writes/s"));
      JsonNode bigImpact = big.at("/migrations/0/statements/1/impact");
      assertThat(bigImpact.get("estimated_lock_held_ms").asLong())
          .as("40 GB of heap cannot be copied in 1 s")
          .isGreaterThan(1000);
      assertThat(bigImpact.get("computation").asText())
          .contains("rewrite: 40 GiB /")
          .contains("calibrated");
      assertThat(bigImpact.get("blocks").asText())
          .contains("blocks SELECT")
          .contains("INSERT/UPDATE/DELETE");
      assertThat(findings(empty, "TR102"))
          .singleElement()
          .as("the trace weighed it: its impact decides, over the static LK113's error")
          .satisfies(f -> assertThat(f.get("severity").asText()).isEqualTo("info"));
    }
  }

  @Nested
  class failures {
    private final Tracer broken =
        new ReplicaTracer(
            rc -> {
              throw new dev.schemawarden.analyzers.api.WardenException(
                  dev.schemawarden.analyzers.api.ErrorCode.INFRASTRUCTURE,
                  "cannot start PostgreSQL: no space left");
            },
            ReplicaTracer.StatisticsSource.NONE);

    @Test
    void an_infrastructure_failure_degrades_to_predicted_effects_and_is_recorded() {
      Cli.Run run = review(repo(REWRITE, ""), broken, "--format", "json");

      assertThat(run.exitCode()).as(run.toString()).isNotEqualTo(2);
      JsonNode report = json(run);
      assertThat(report.at("/migrations/0/statements/1/source").asText()).isEqualTo("predicted");
      assertThat(report.get("errors").toString()).contains("no space left");
      assertThat(report.get("steps").toString())
          .contains("\"name\":\"trace\",\"status\":\"failed\"");
    }

    @Test
    void with_explicit_trace_an_infrastructure_failure_exits_2() {
      Cli.Run run = review(repo(REWRITE, ""), broken, "--trace");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("no space left");
    }
  }
}
