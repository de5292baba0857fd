package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.audit.TestPostgres;
import dev.schemawarden.app.review.ReplicaHolder;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.review.SnapshotDrift;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden snapshot}, {@code warden drift} and {@code warden review --snapshot} end to end, in-process, on one
 * real embedded PostgreSQL: production is migrated by Flyway, then drifted by hand (a view only production has, an
 * index created by hand); the expected schema is replayed on the same server through the server replica provider
 * (so the class starts PostgreSQL once).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  private TestPostgres pg;
  private ReplicaHolder replicas;
  private GitFixture repo;
  private Path production;
  private Path pure;

  @BeforeAll
  void production_migrated_by_flyway_then_drifted_by_hand() {
    pg = new TestPostgres();
    replicas =
        new ReplicaHolder(
            () ->
                ReplicaProvider.server(
                    "jdbc:postgresql://localhost:" + pg.port() + "/postgres",
                    "postgres",
                    "",
                    "",
                    ReplicaSettings.defaults()));
    repo =
        new GitFixture(tmp.resolve("shop"))
            // BC101 (renaming a column) is off so that only the drift can block the rename below.
            .write(".schemawarden.yml", "rules:\n  BC101: off\n")
            .write(
                "db/migration/V1__customers.sql",
                "create table customers (id bigint primary key, name text not null);\n")
            .write(
                "db/migration/V2__orders.sql",
                "create table orders (id bigint primary key, customer_id bigint references customers (id));\n")
            .commit("base")
            .branch("feature")
            .write(
                "db/migration/V3__rename_name.sql",
                "alter table customers rename column name to full_name;\n")
            .commit("rename customers.name");
    repo.checkout("main");

    String prodUrl = pg.newDatabase("shop");
    migrate(prodUrl);
    TestPostgres.exec(
        pg.dataSource(prodUrl),
        "CREATE VIEW public.customer_names AS SELECT id, name FROM public.customers",
        "CREATE INDEX orders_customer_hotfix ON public.orders (customer_id)");
    production = tmp.resolve("prod-schema.json");
    Cli.Run snap = warden("snapshot", "--url", prodUrl, "--output", production.toString());
    assertThat(snap.exitCode()).as(snap.toString()).isZero();

    String pureUrl = pg.newDatabase("pure");
    migrate(pureUrl);
    pure = tmp.resolve("pure-schema.json");
    assertThat(warden("snapshot", "--url", pureUrl, "--output", pure.toString()).exitCode())
        .isZero();
  }

  @AfterAll
  void stop() throws Exception {
    replicas.close();
    pg.close();
  }

  private void migrate(String url) {
    Flyway.configure()
        .dataSource(url, "postgres", "")
        .locations("filesystem:" + repo.dir().resolve("db/migration"))
        .load()
        .migrate();
  }

  private Cli.Run warden(String... args) {
    return wardenAt(Clock.systemUTC(), args);
  }

  private Cli.Run wardenAt(Clock clock, String... args) {
    return Cli.run(
        (out, err) -> {
          ReviewService service =
              Main.reviewService(
                  replicas,
                  SnapshotDrift.Settings.defaults()
                      .withCacheDir(tmp.resolve("cache"))
                      .withClock(clock),
                  java.time.Clock.systemUTC());
          return new CliContext(out, err, service, Main.renderers(service), false, replicas);
        },
        args);
  }

  @Test
  void drift_reports_the_hand_made_view_and_index_and_exits_1() throws Exception {
    Cli.Run run =
        warden(
            "drift",
            "--repo",
            repo.dir().toString(),
            "--snapshot",
            production.toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode items = JSON.readTree(run.out()).get("drift");
    assertThat(items.findValuesAsText("object"))
        .contains("public.customer_names", "public.orders_customer_hotfix");
    assertThat(items.findValuesAsText("kind"))
        .as("both are only in production")
        .containsOnly("extra");
  }

  @Test
  void drift_writes_its_report_to_the_output_file_in_the_format_asked_for() throws Exception {
    Path json = tmp.resolve("drift.json");
    Path text = tmp.resolve("drift.txt");

    Cli.Run asJson =
        warden(
            "drift",
            "--repo",
            repo.dir().toString(),
            "--snapshot",
            production.toString(),
            "--format",
            "json",
            "--output",
            json.toString());
    Cli.Run asText =
        warden(
            "drift",
            "--repo",
            repo.dir().toString(),
            "--snapshot",
            production.toString(),
            "--output",
            text.toString());

    assertThat(asJson.exitCode()).as(asJson.toString()).isEqualTo(1);
    assertThat(asJson.out()).as("the report went to the file").isEmpty();
    assertThat(asJson.err()).contains("wrote json drift report to " + json);
    assertThat(JSON.readTree(json.toFile()).get("drift").findValuesAsText("object"))
        .contains("public.customer_names");
    assertThat(Files.readString(text))
        .as("text is the default format")
        .contains("extra  ")
        .contains("drift items (snapshot taken ");
  }

  @Test
  void drift_with_an_unknown_format_fails_before_replaying_anything() {
    Cli.Run run =
        warden(
            "drift",
            "--repo",
            repo.dir().toString(),
            "--snapshot",
            production.toString(),
            "--format",
            "sarif");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown --format 'sarif' for drift: use text or json");
  }

  @Test
  void drift_on_a_database_built_only_from_the_migrations_is_empty() {
    Cli.Run run = warden("drift", "--repo", repo.dir().toString(), "--snapshot", pure.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("no drift: production matches the migration history")
        .contains("PostgreSQL ");
  }

  @Test
  void drift_at_a_ref_reads_that_commits_migrations() {
    Cli.Run atFeature =
        warden(
            "drift",
            "--repo",
            repo.dir().toString(),
            "--ref",
            "feature",
            "--snapshot",
            pure.toString());

    assertThat(atFeature.exitCode()).as(atFeature.toString()).isEqualTo(1);
    assertThat(atFeature.out())
        .as("the feature branch's V3 exists only at that ref")
        .contains("migration_not_applied")
        .contains("V3__rename_name.sql")
        .contains("public.customers.full_name");
    assertThat(
            warden(
                    "drift",
                    "--repo",
                    repo.dir().toString(),
                    "--ref",
                    "main",
                    "--snapshot",
                    pure.toString())
                .exitCode())
        .isZero();
  }

  @Test
  void drift_with_a_missing_snapshot_or_unknown_ref_exits_2() {
    Cli.Run noFile =
        warden(
            "drift",
            "--repo",
            repo.dir().toString(),
            "--snapshot",
            tmp.resolve("nope.json").toString());
    Cli.Run badRef =
        warden(
            "drift",
            "--repo",
            repo.dir().toString(),
            "--ref",
            "no-such-branch",
            "--snapshot",
            pure.toString());

    assertThat(noFile.exitCode()).as(noFile.toString()).isEqualTo(2);
    assertThat(noFile.err()).contains("nope.json: no such file");
    assertThat(badRef.exitCode()).as(badRef.toString()).isEqualTo(2);
    assertThat(badRef.err()).contains("--ref no-such-branch");
  }

  @Test
  void review_of_a_rename_a_production_only_view_depends_on_is_blocked_naming_both() {
    Cli.Run without =
        warden("review", "--repo", repo.dir().toString(), "--base", "main", "--head", "feature");
    Cli.Run with =
        warden(
            "review",
            "--repo",
            repo.dir().toString(),
            "--base",
            "main",
            "--head",
            "feature",
            "--snapshot",
            production.toString());

    assertThat(without.exitCode()).as("without a snapshot nothing blocks: " + without).isZero();
    assertThat(with.exitCode()).as(with.toString()).isEqualTo(1);
    assertThat(with.out())
        .contains("db/migration/V3__rename_name.sql:1:1: error DR102")
        .contains("public.customers.name")
        .contains("public.customer_names")
        .as("other drift is listed, not blocking")
        .contains("public.orders_customer_hotfix")
        .doesNotContain("DR104")
        .doesNotContain("DR103");
  }

  @Test
  void review_json_has_drift_items_and_the_DR102_finding() throws Exception {
    Cli.Run run =
        warden(
            "review",
            "--repo",
            repo.dir().toString(),
            "--base",
            "main",
            "--head",
            "feature",
            "--snapshot",
            production.toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode root = JSON.readTree(run.out());
    assertThat(root.get("findings").findValuesAsText("rule")).contains("DR102");
    assertThat(root.get("drift").toString()).contains("public.customer_names");
  }

  @Test
  void a_stale_snapshot_is_a_DR103_warning_and_fail_on_unrelated_blocks_on_any_drift() {
    GitFixture strict =
        new GitFixture(tmp.resolve("strict"))
            .write(
                ".schemawarden.yml",
                "snapshot:\n  path: prod-schema.json\n  max-age: 1h\n"
                    + "drift:\n  fail-on-unrelated: true\n")
            .write(
                "db/migration/V1__customers.sql",
                "create table customers (id bigint primary key, name text not null);\n")
            .write(
                "db/migration/V2__orders.sql",
                "create table orders (id bigint primary key, customer_id bigint references customers (id));\n")
            .write("prod-schema.json", read(production))
            .commit("base")
            .branch("feature")
            .write("db/migration/V3__note.sql", "alter table orders add column note text;\n")
            .commit("add note");
    Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

    Cli.Run run =
        wardenAt(twoHoursLater, "review", "--repo", strict.dir().toString(), "--base", "main");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("prod-schema.json:1:1: warning DR103")
        .contains("prod-schema.json:1:1: error DR104")
        .as("the change touches no drifted object")
        .doesNotContain("DR102");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
