package dev.schemawarden.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.Reviews;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden review} of a MariaDB Flyway repository, in-process, with the trace on one real embedded MariaDB
 * 11.4 for the class (the replica provider the production wiring would open from replica.url-env): what the server
 * accepted for each ALTER is the statement's {@code online_ddl}, and the traced rebuild merges with MY101.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariadbReviewEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  private EmbeddedMariadb server;
  private MysqlReplicaProvider provider;
  private GitFixture repo;

  @BeforeAll
  void a_mariadb_flyway_history_and_a_change() throws Exception {
    // performance_schema is on in the shared server: warden snapshot reads write counters from it
    server = EmbeddedMariadb.shared();
    provider =
        MysqlReplicaProvider.server("mariadb", server.adminUrl(), ReplicaSettings.defaults());
    repo =
        new GitFixture(tmp.resolve("shop"))
            .write(
                ".schemawarden.yml",
                "engine: mariadb\nengine-version: 11.4.5\nreplica:\n  statement-timeout: 5s\n")
            .write(
                "db/migration/V1__t.sql",
                "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(40)) ENGINE=InnoDB;\n"
                    + "INSERT INTO t VALUES (1, 'a'), (2, 'b');\n")
            .commit("base")
            .branch("feature")
            .write(
                "db/migration/V2__c.sql",
                """
            ALTER TABLE t ADD COLUMN c INT;
            ALTER TABLE t MODIFY c BIGINT;
            ALTER TABLE t ADD INDEX (c);
            """)
            .commit("add, widen and index c");
  }

  @AfterAll
  void stop() {
    provider.close();
  }

  private Cli.Run review(String... extra) {
    return review(tracer(), extra);
  }

  private Cli.Run review(MysqlReplicaTracer mysql, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "review", "--repo", repo.dir().toString(), "--base", "main", "--format", "json"));
    args.addAll(List.of(extra));
    return warden(mysql, args.toArray(String[]::new));
  }

  private Cli.Run warden(MysqlReplicaTracer mysql, String... args) {
    return Cli.run(
        (out, err) -> {
          ReviewService service =
              Main.reviewService(
                  Reviews.replicas(),
                  mysql,
                  SnapshotDrift.Settings.defaults().withCacheDir(tmp.resolve("cache")),
                  Clock.systemUTC());
          return new CliContext(
              out, err, service, Main.renderers(service), false, Reviews.replicas());
        },
        args);
  }

  @Test
  void the_review_reports_what_mariadb_accepted_for_each_alter_and_merges_the_rebuild_with_my101()
      throws Exception {
    long start = System.nanoTime();
    Cli.Run run = review();
    long millis = (System.nanoTime() - start) / 1_000_000;

    JsonNode report = JSON.readTree(run.out());
    JsonNode statements = report.get("migrations").get(0).get("statements");
    assertThat(statements).hasSize(3);
    assertThat(List.of(ddl(statements.get(0)), ddl(statements.get(1)), ddl(statements.get(2))))
        .as(
            "ALTER ADD COLUMN is instant on 11.4; MODIFY INT -> BIGINT copies; a secondary index builds without"
                + " copying (MariaDB's NOCOPY, cheaper than INPLACE) and without a lock; %s",
            run)
        .containsExactly("INSTANT/NONE/traced", "COPY/SHARED/traced", "NOCOPY/NONE/traced");
    assertThat(statements.get(1).get("rewrites").findValuesAsText("relation"))
        .as("t got a new InnoDB table id")
        .containsExactly("t");
    assertThat(statements.findValuesAsText("source"))
        .as("every statement ran on the replica")
        .containsOnly("traced");
    List<String> findings =
        StreamSupport.stream(report.get("findings").spliterator(), false)
            .map(f -> f.get("rule").asText() + ":" + f.get("line").asInt())
            .toList();
    assertThat(findings)
        .as("%s", report.get("findings"))
        .containsExactly("MY103:1", "MY101:2", "MY104:2");
    JsonNode my101 = report.get("findings").get(1);
    assertThat(my101.get("evidence").findValuesAsText("kind"))
        .as("the static MY101 and the traced TR102, one concern")
        .containsExactly("predicted", "traced");
    assertThat(my101.get("evidence").findValuesAsText("rule")).containsExactly("MY101", "TR102");
    assertThat(my101.get("concern").asText()).isEqualTo("rewrite:t");
    try (var in = getClass().getResourceAsStream("/schemas/report-v1.schema.json")) {
      var schema =
          com.networknt.schema.JsonSchemaFactory.getInstance(
                  com.networknt.schema.SpecVersion.VersionFlag.V202012)
              .getSchema(JSON.readTree(in));
      assertThat(schema.validate(report))
          .as("online_ddl as report-v1.schema.json declares it")
          .isEmpty();
    }
    assertThat(report.get("engine").asText() + " " + report.get("engine_version").asText())
        .as("the engine and version the findings were judged for")
        .isEqualTo("mariadb 11.4.5");
    assertThat(step(report, "trace"))
        .as("the trace ran on MariaDB 11.4")
        .contains("MariaDB 11.4.5")
        .contains("3 statement(s) traced");
    System.out.printf("warden review with the MariaDB trace: %d ms (server already up)%n", millis);
  }

  /** The shipped jar: no embedded MariaDB and no replica.url-env. The review says so and predicts. */
  @Test
  void without_a_replica_server_online_ddl_is_predicted_and_the_trace_step_says_why()
      throws Exception {
    Cli.Run run = review(MysqlReplicaTracer.standard());

    JsonNode report = JSON.readTree(run.out());
    JsonNode statements = report.get("migrations").get(0).get("statements");
    assertThat(List.of(ddl(statements.get(0)), ddl(statements.get(1)), ddl(statements.get(2))))
        .as("MariaDB 11.4's documented online DDL; %s", run)
        .containsExactly(
            "INSTANT/NONE/predicted", "COPY/SHARED/predicted", "NOCOPY/NONE/predicted");
    assertThat(step(report, "trace"))
        .contains("replica.provider: server")
        .contains("replica.url-env");
    assertThat(report.get("findings"))
        .extracting(f -> f.get("rule").asText())
        .as("the static findings stand")
        .containsExactly("MY103", "MY101", "MY104");
    Cli.Run asked = review(MysqlReplicaTracer.standard(), "--trace");
    assertThat(asked.exitCode())
        .as("--trace with no replica is a configuration error: %s", asked)
        .isEqualTo(2);
    assertThat(asked.err()).contains("replica.provider: server");
  }

  @Test
  void a_change_that_reaches_for_the_server_s_files_is_a_finding_not_a_crash() throws Exception {
    repo.checkout("feature")
        .branch("hostile")
        .write(
            "db/migration/V3__leak.sql",
            "SELECT LOAD_FILE('/etc/passwd') INTO OUTFILE '/tmp/warden-e2e.txt';\n"
                + "ALTER TABLE t ADD COLUMN d INT;\n")
        .commit("leak");
    try {
      Cli.Run run = review();
      JsonNode report = JSON.readTree(run.out());
      assertThat(report.get("findings"))
          .extracting(f -> f.get("rule").asText())
          .as("%s", run)
          .contains("TR108");
      assertThat(report.get("errors")).as("no crash, no degraded trace").isEmpty();
      assertThat(java.nio.file.Files.exists(Path.of("/tmp/warden-e2e.txt"))).isFalse();
    } finally {
      repo.checkout("feature");
    }
  }

  /**
   * Issue 14's drift: production was built by the history and then a column was added by hand; {@code warden
   * snapshot} reads it from information_schema and {@code warden drift} replays the history in a sandbox database
   * of the same server and names exactly that column.
   */
  @Test
  void warden_snapshot_and_warden_drift_find_the_hotfix_column() throws Exception {
    Path snapshot = production();

    Cli.Run drift =
        warden(
            tracer(),
            "drift",
            "--repo",
            repo.dir().toString(),
            "--ref",
            "main",
            "--snapshot",
            snapshot.toString(),
            "--cache-dir",
            tmp.resolve("drift-cache").toString(),
            "--format",
            "json");

    assertThat(drift.exitCode()).as("drift found: %s", drift).isEqualTo(1);
    JsonNode items = JSON.readTree(drift.out()).get("drift");
    assertThat(items)
        .as("%s", items)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.get("kind").asText()).isEqualTo("extra");
              assertThat(i.get("object_type").asText()).isEqualTo("column");
              assertThat(i.get("object").asText())
                  .as("the sandbox database is compared as prod_shop")
                  .isEqualTo("prod_shop.t.hotfix");
            });
  }

  /** The review crosses the change with that drift: V2 alters t, which production changed by hand (DR101). */
  @Test
  void a_review_with_the_mariadb_snapshot_reports_the_drifted_table_the_change_alters()
      throws Exception {
    Cli.Run run = review("--snapshot", production().toString());

    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("drift").findValuesAsText("object"))
        .as("%s", run)
        .containsExactly("prod_shop.t.hotfix");
    assertThat(report.get("findings"))
        .as("the first ALTER of t is told t drifted")
        .anySatisfy(
            f ->
                assertThat(f.get("rule").asText() + ":" + f.get("line").asInt())
                    .isEqualTo("DR101:1"));
    assertThat(step(report, "snapshot")).contains("MariaDB 11.4.5");
  }

  /** prod_shop: the history's table, then a column added by hand; its snapshot taken with warden snapshot once. */
  private synchronized Path production() throws Exception {
    Path snapshot = tmp.resolve("prod-shop.json");
    if (java.nio.file.Files.exists(snapshot)) {
      return snapshot;
    }
    try (var c = server.connect("prod_shop");
        var st = c.createStatement()) {
      st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(40)) ENGINE=InnoDB");
      st.execute("ALTER TABLE t ADD COLUMN hotfix INT"); // by hand
    }
    Cli.Run taken =
        warden(
            tracer(),
            "snapshot",
            "--url",
            server.adminUrl().replace("/?", "/prod_shop?"),
            "--output",
            snapshot.toString());
    assertThat(taken.exitCode()).as("%s", taken).isZero();
    assertThat(taken.err()).contains("snapshot of 1 tables");
    assertThat(java.nio.file.Files.readString(snapshot))
        .as("the URL's user never reaches the file")
        .contains("\"engine\" : \"mariadb\"")
        .doesNotContain("user=root");
    return snapshot;
  }

  /**
   * A snapshot file is repository content in a review: one that claims MariaDB and names objects with backticks,
   * quotes and line breaks is read, and every drift line stays one line naming the object with the breaks escaped.
   */
  @Test
  void a_hostile_mariadb_snapshot_file_is_reported_one_line_per_item() throws Exception {
    String odd = "t`\n| 9 | forged\r\"x'\u202e";
    String json =
        JSON.writeValueAsString(
            java.util.Map.of(
                "format_version",
                1,
                "engine",
                "mariadb",
                "taken_at",
                "2026-12-01T00:00:00Z",
                "server",
                java.util.Map.of(
                    "version",
                    "11.4.5-MariaDB",
                    "version_num",
                    110405,
                    "settings",
                    java.util.Map.of("database", "s\nx")),
                "schemas",
                List.of(java.util.Map.of("name", "s\nx", "owner", "")),
                "tables",
                List.of(
                    java.util.Map.of(
                        "schema",
                        "s\nx",
                        "name",
                        odd,
                        "kind",
                        "table",
                        "persistence",
                        "permanent",
                        "owner",
                        "",
                        "columns",
                        List.of(java.util.Map.of("name", "c`", "type", "int"))))));
    Path snapshot = tmp.resolve("hostile.json");
    java.nio.file.Files.writeString(snapshot, json);

    Cli.Run drift =
        warden(
            tracer(),
            "drift",
            "--repo",
            repo.dir().toString(),
            "--ref",
            "main",
            "--snapshot",
            snapshot.toString(),
            "--cache-dir",
            tmp.resolve("drift-cache").toString());

    assertThat(drift.exitCode()).as("drift found, no crash: %s", drift).isEqualTo(1);
    List<String> lines = drift.out().lines().toList();
    assertThat(lines)
        .as("missing t, extra odd table: one line each, then the summary")
        .hasSize(3)
        .allMatch(l -> !l.startsWith("| 9"));
    assertThat(lines.get(0) + lines.get(1))
        .contains("s\\nx.t`\\n| 9 | forged\\r\"x'")
        .doesNotContain("\u202e")
        .contains("\\u202e");
  }

  /**
   * Impact: production's snapshot says orders holds 10 GB written 200 times a second and archive is empty; the same
   * COPY on each is an error on orders (writes wait for minutes at the replica's calibrated rate) and info on archive.
   */
  @Test
  void
      a_copy_is_weighed_by_production_s_bytes_at_the_calibrated_rate_error_on_a_hot_10_gb_table_info_on_an_empty_one()
          throws Exception {
    GitFixture shop = impactRepo();
    Path snapshot =
        impactSnapshot(
            "impact-prod.json",
            orders -> {
              orders
                  .put("total_bytes", 10L << 30)
                  .put("index_bytes", 2L << 30)
                  .put("tuples", 50_000_000)
                  .put("inserts", 200L * 86_400);
            });

    JsonNode report =
        JSON.readTree(review(shop, impactTracer(), "--snapshot", snapshot.toString()).out());

    String step = step(report, "trace");
    java.util.regex.Matcher rates =
        java.util.regex.Pattern.compile(
                "calibrated COPY ([0-9.]+) (KiB|MiB|GiB)/s, index build ([0-9.]+) (KiB|MiB|GiB)/s")
            .matcher(step);
    assertThat(rates.find()).as("the replica was calibrated: %s", step).isTrue();
    // The printed rates are rounded to 0.1 of their unit: the fastest they can be is that much
    // more.
    double copyMibPerSecond = mib(rates.group(1), rates.group(2), 0.05);
    double indexMibPerSecond = mib(rates.group(3), rates.group(4), 0.05);
    double floor = (8.0 * 1024 / copyMibPerSecond + 2.0 * 1024 / indexMibPerSecond) * 1000;
    JsonNode statements = report.get("migrations").get(0).get("statements");
    JsonNode orders = statements.get(0).get("impact");
    assertThat(orders.get("relation").asText()).isEqualTo("prod_impact.orders");
    assertThat(orders.get("mode").asText())
        .as("ALGORITHM=COPY, LOCK=SHARED: writes wait")
        .isEqualTo("ShareLock");
    assertThat(orders.get("estimated_lock_held_ms").asDouble())
        .as("8 GB of rows and 2 GB of index at the" + " calibrated rates; %s", orders)
        .isGreaterThanOrEqualTo(floor);
    assertThat(orders.get("writes_per_second").asDouble())
        .isCloseTo(200, org.assertj.core.data.Offset.offset(1.0));
    assertThat(orders.get("computation").asText())
        .contains("ALGORITHM=COPY, LOCK=SHARED (traced)")
        .contains("calibrated on the replica");
    assertThat(statements.get(1).get("impact").get("relation_bytes").asLong()).isEqualTo(16_384);
    try (var in = getClass().getResourceAsStream("/schemas/report-v1.schema.json")) {
      assertThat(
              com.networknt.schema.JsonSchemaFactory.getInstance(
                      com.networknt.schema.SpecVersion.VersionFlag.V202012)
                  .getSchema(JSON.readTree(in))
                  .validate(report))
          .as("impact as the schema declares it")
          .isEmpty();
    }
    assertThat(MariadbImpactFixture.severity(report, 1))
        .as("a COPY of a hot 10 GB table: %s", report.get("findings"))
        .isEqualTo("error");
    assertThat(MariadbImpactFixture.severity(report, 2))
        .as("the same COPY of an empty table: %s", report.get("findings"))
        .isEqualTo("info");

    JsonNode predicted =
        JSON.readTree(
                review(shop, MysqlReplicaTracer.standard(), "--snapshot", snapshot.toString())
                    .out())
            .get("migrations")
            .get(0)
            .get("statements")
            .get(0)
            .get("impact");
    assertThat(predicted.get("computation").asText())
        .as("no replica: the prediction weighed at an assumed rate")
        .contains("(predicted)")
        .contains("throughput assumed");
    assertThat(predicted.get("estimated_lock_held_ms").asLong()).isGreaterThan(60_000);
    System.out.printf(
        "MariaDB impact: %s%n  orders: %s%n  predicted: %s%n", step, orders, predicted);
  }

  /**
   * Where performance_schema is on, warden snapshot reads each table's rows inserted, updated and deleted since the
   * server started, and the start as the counters' window (the shared drift server runs with it off: sizes only).
   */
  @Test
  void warden_snapshot_reads_the_write_counters_where_performance_schema_is_on() throws Exception {
    impactSnapshot("impact-counted.json", orders -> {});

    JsonNode stats = JSON.readTree(tmp.resolve("impact-taken.json").toFile()).get("statistics");
    JsonNode orders =
        StreamSupport.stream(stats.get("relations").spliterator(), false)
            .filter(r -> r.get("relation").asText().equals("prod_impact.orders"))
            .findFirst()
            .orElseThrow();
    assertThat(
            List.of(
                orders.get("inserts").asLong(),
                orders.get("updates").asLong(),
                orders.get("deletes").asLong()))
        .as("300 rows inserted, 100 updated, 50 deleted: %s", orders)
        .containsExactly(300L, 100L, 50L);
    java.time.Duration window =
        java.time.Duration.between(
            java.time.Instant.parse(stats.get("counters_since").asText()),
            java.time.Instant.parse(stats.get("read_at").asText()));
    assertThat(window)
        .as("the uptime of a server started for this class")
        .isBetween(java.time.Duration.ZERO, java.time.Duration.ofMinutes(30));
  }

  /** A snapshot file is repository content: impossible statistics are clamped and said, never a crash. */
  @Test
  void absurd_snapshot_statistics_are_clamped_and_named_not_a_crash_or_an_overflow()
      throws Exception {
    GitFixture shop = impactRepo();
    Path snapshot =
        impactSnapshot(
            "impact-absurd.json",
            orders -> {
              orders
                  .put("total_bytes", 1e30)
                  .put("index_bytes", -5)
                  .put("tuples", "NaN")
                  .put("inserts", Long.MAX_VALUE)
                  .put("updates", Long.MAX_VALUE)
                  .put("deletes", Long.MAX_VALUE);
            });

    Cli.Run run = review(shop, impactTracer(), "--snapshot", snapshot.toString());

    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("errors")).as("no crash, no degraded trace: %s", run).isEmpty();
    JsonNode orders = report.get("migrations").get(0).get("statements").get(0).get("impact");
    assertThat(orders.get("relation_bytes").asLong()).as("a petabyte at most").isEqualTo(1L << 50);
    assertThat(orders.get("estimated_lock_held_ms").asLong())
        .as("bounded")
        .isBetween(1L, java.time.Duration.ofDays(365).toMillis());
    assertThat(orders.get("writes_per_second").asDouble()).isEqualTo(1e9);
    assertThat(step(report, "trace")).contains("impossible value(s) clamped");
  }

  /** The calibration's table is as big as it claims: its rates are bytes InnoDB counts, as DATA_LENGTH does. */
  @Test
  void the_calibration_table_s_size_matches_innodb_s_data_length() throws Exception {
    var plan = dev.schemawarden.analyzers.api.TraceAnalysis.mysqlCalibration(8L << 20);
    try (var c = server.connect("calibration_check");
        var st = c.createStatement()) {
      for (String sql : plan.statements().subList(0, plan.scan())) {
        st.execute(sql);
      }
      st.execute("ANALYZE TABLE warden_calibration");
      try (var rs =
          st.executeQuery(
              "SELECT DATA_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                  + " 'calibration_check' AND TABLE_NAME = 'warden_calibration'")) {
        rs.next();
        assertThat((double) rs.getLong(1))
            .as("the plan's bytes against InnoDB's")
            .isCloseTo(plan.bytes(), org.assertj.core.data.Percentage.withPercentage(25));
      }
      st.execute("DROP DATABASE calibration_check");
    }
  }

  private MysqlReplicaTracer impact;

  /** One tracer for the impact tests: the replica is calibrated once, as in a running service. */
  private synchronized MysqlReplicaTracer impactTracer() {
    if (impact == null) {
      impact = tracer();
    }
    return impact;
  }

  private GitFixture impactRepo() throws Exception {
    return MariadbImpactFixture.repo(tmp.resolve("impact-shop"));
  }

  /** prod_impact, from the base history plus some writes, read by warden snapshot once; then edited for the test. */
  private Path impactSnapshot(
      String name, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit)
      throws Exception {
    Path taken = tmp.resolve("impact-taken.json");
    synchronized (this) {
      if (!java.nio.file.Files.exists(taken)) {
        try (var c = server.connect("prod_impact");
            var st = c.createStatement()) {
          for (String sql : MariadbImpactFixture.PRODUCTION) {
            st.execute(sql);
          }
        }
        Cli.Run run =
            warden(
                tracer(),
                "snapshot",
                "--url",
                server.adminUrl().replace("/?", "/prod_impact?"),
                "--output",
                taken.toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
      }
    }
    return MariadbImpactFixture.edited(taken, tmp.resolve(name), edit);
  }

  private Cli.Run review(GitFixture shop, MysqlReplicaTracer mysql, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "review", "--repo", shop.dir().toString(), "--base", "main", "--format", "json"));
    args.addAll(List.of(extra));
    return warden(mysql, args.toArray(String[]::new));
  }

  private MysqlReplicaTracer tracer() {
    return new MysqlReplicaTracer((rc, engine, version) -> Optional.of(provider));
  }

  private static String ddl(JsonNode statement) {
    JsonNode o = statement.get("online_ddl");
    return o.isNull()
        ? "null"
        : o.get("algorithm").asText()
            + "/"
            + o.get("lock").asText()
            + "/"
            + o.get("source").asText();
  }

  private static String step(JsonNode report, String name) {
    for (JsonNode s : report.get("steps")) {
      if (s.get("name").asText().equals(name)) {
        return s.get("detail").asText();
      }
    }
    return "";
  }

  /** A printed size ({@code ByteSize}'s units) in MiB, plus {@code slack} of its own unit. */
  private static double mib(String number, String unit, double slack) {
    double value = Double.parseDouble(number) + slack;
    return switch (unit) {
      case "KiB" -> value / 1024;
      case "GiB" -> value * 1024;
      default -> value;
    };
  }
}
