package dev.schemawarden.drift.internal.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.DiagnoseSettings.SlowQueries;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * DG111's HypoPG path on a real server: zonky's PostgreSQL 15 binaries (the jar the pom copies, unpacked into this
 * class's own directory) with Debian's {@code postgresql-15-hypopg} copied into them, since Debian builds HypoPG for
 * 15 only. Most statement texts carry no constants (they live in views); the {@code PARAMETERISED} ones are
 * recorded by pg_stat_statements with {@code $n}, which PostgreSQL 15 explains only through PREPARE and
 * {@code EXPLAIN EXECUTE} under {@code force_generic_plan} (there is no {@code EXPLAIN (GENERIC_PLAN)} before 16).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HypoSlowQueryTest {
  static final Path HYPOPG_SO = Path.of("/usr/lib/postgresql/15/lib/hypopg.so");
  static final Path HYPOPG_SHARE = Path.of("/usr/share/postgresql/15/extension");
  static final DiagnoseSettings SETTINGS =
      DiagnoseSettings.defaults()
          .withWindow(Duration.ZERO)
          .withSlowQueries(new SlowQueries(Duration.ZERO, 20, 1024 * 1024));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SELECTIVE = "SELECT id, note FROM hot_orders";
  private static final String UNSELECTIVE = "SELECT count(*) FROM half_orders";
  private static final String HOSTILE = "SELECT id, leak() FROM hot_events";
  private static final String PARAMETERISED = "SELECT * FROM big WHERE customer_id = 42";

  /** Run once, it calls leak() for each of its 10 rows; DG111 must explain it without running it. */
  private static final String PARAMETERISED_HOSTILE = "SELECT id, leak() FROM big WHERE region = 7";

  /** Recorded as {@code SELECT $1 IS NULL ...}: no type can be inferred for $1, so it cannot be prepared. */
  private static final String UNPREPARABLE = "SELECT NULL IS NULL AS nothing FROM big";

  /** Prepared, then its EXPLAIN fails with the hypothetical index: the prepared statement outlives the failure. */
  private static final String PARAMETERISED_FRAGILE =
      "SELECT fragile(), id FROM big WHERE note = 'x'";

  /** Recorded as {@code $1::watched}: EXECUTE's NULL for it would run the domain's CHECK, and so watch(). */
  private static final String DOMAIN_PARAMETER =
      "SELECT id FROM big WHERE customer_id = 5::watched";

  private static final List<String> FRAGILE =
      List.of(
          "SELECT id FROM events_big WHERE batch = fragile()",
          "SELECT payload FROM events_big WHERE batch = fragile()");
  private EmbeddedPostgres pg;
  private Diagnosis diagnosis;
  private long hypotheticalLeft;
  private long preparedLeft;
  private long domainChecksBefore;

  @BeforeAll
  void start(@TempDir Path work) throws Exception {
    Assumptions.assumeTrue(
        Files.exists(HYPOPG_SO) && Files.exists(HYPOPG_SHARE.resolve("hypopg.control")),
        "HypoPG for PostgreSQL 15 is not installed (Debian package postgresql-15-hypopg): DG111's HypoPG path"
            + " not tested");
    Path jar =
        Path.of(
            System.getProperty(
                "postgres.hypopg.jar", "target/pg-binaries/postgres-binaries-hypopg.jar"));
    pg =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(work.toFile())
            .setPgBinaryResolver((system, hardware) -> binaries(jar))
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .start();
    installHypopg();
    exec("postgres", "CREATE DATABASE shop");
    exec(
        "shop",
        "CREATE EXTENSION pg_stat_statements",
        "CREATE EXTENSION hypopg",
        "CREATE EXTENSION dblink",
        "CREATE TABLE orders_big (id int PRIMARY KEY, customer_id int NOT NULL, flag int NOT NULL, note text)",
        "INSERT INTO orders_big SELECT g, g % 5000, g % 2, md5(g::text) FROM generate_series(1, 50000) g",
        "CREATE VIEW hot_orders AS SELECT id, note FROM orders_big WHERE customer_id = 42",
        "CREATE VIEW half_orders AS SELECT id FROM orders_big WHERE flag = 1",
        "CREATE TABLE events_big (id int PRIMARY KEY, kind_id int NOT NULL, batch int NOT NULL, payload text)",
        "INSERT INTO events_big SELECT g, g % 5000, g % 1000, md5(g::text) FROM generate_series(1, 50000) g",
        "CREATE VIEW hot_events AS SELECT id FROM events_big WHERE kind_id = 7",
        "CREATE TABLE big (id int PRIMARY KEY, customer_id int NOT NULL, region int NOT NULL, note text)",
        "INSERT INTO big SELECT g, g % 5000, g % 5000, md5(g::text) FROM generate_series(1, 50000) g",
        // A volatile function whose effect escapes a READ ONLY transaction: a write through a
        // second session.
        "CREATE TABLE side_effects (at timestamptz NOT NULL)",
        "CREATE SEQUENCE leak_seq",
        "CREATE FUNCTION leak() RETURNS bigint VOLATILE LANGUAGE plpgsql AS $$ BEGIN"
            + " PERFORM dblink_exec('dbname=shop user=postgres port="
            + pg.getPort()
            + "',"
            + " 'INSERT INTO side_effects VALUES (now())'); RETURN nextval('leak_seq'); END $$",
        "CREATE TABLE domain_checks (at timestamptz NOT NULL)",
        // Run by DG111 it would fail (a READ ONLY transaction) and the note would say so instead of
        // "domain type".
        "CREATE FUNCTION watch() RETURNS int VOLATILE LANGUAGE plpgsql AS $$ BEGIN"
            + " INSERT INTO domain_checks VALUES (now()); RETURN 1; END $$",
        "CREATE DOMAIN watched AS int CHECK (watch() = 1 AND VALUE > 0)",
        // The planner folds an IMMUTABLE function into a constant as it plans: this one fails with
        // a hypothetical index in the session, so every plan after a hypothetical index left behind
        // fails too.
        "CREATE FUNCTION fragile() RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$ BEGIN IF EXISTS (SELECT FROM"
            + " hypopg_list_indexes) THEN RAISE EXCEPTION 'a hypothetical index is in this session'; END IF;"
            + " RETURN 3; END $$",
        "ANALYZE");
    exec("shop", "SELECT pg_stat_statements_reset()");
    for (int i = 0; i < 5; i++) {
      exec("shop", SELECTIVE, UNSELECTIVE);
    }
    exec("shop", HOSTILE);
    exec("shop", FRAGILE.toArray(String[]::new));
    // Run once, the fragile text is likely the quickest $n text in total, so the last one prepared:
    // the prepared statement its failed EXPLAIN leaves in the session is then only dropped at the
    // end of the pass.
    exec(
        "shop",
        PARAMETERISED,
        PARAMETERISED,
        PARAMETERISED,
        PARAMETERISED_HOSTILE,
        UNPREPARABLE,
        PARAMETERISED_FRAGILE,
        DOMAIN_PARAMETER);
    try (Connection c = connect()) {
      domainChecksBefore = number(c, "SELECT count(*) FROM domain_checks");
      diagnosis = Diagnoses.run(c, SETTINGS);
      hypotheticalLeft = number(c, "SELECT count(*) FROM hypopg_list_indexes");
      preparedLeft =
          number(c, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'warden_q'");
    }
  }

  @AfterAll
  void stop() throws IOException {
    if (pg != null) {
      pg.close();
    }
  }

  private static ByteArrayInputStream binaries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return new ByteArrayInputStream(
          file.getInputStream(file.getEntry("postgres-linux-x86_64.txz")).readAllBytes());
    }
  }

  /** The server says where its own (relocated) library and share directories are. */
  private void installHypopg() throws Exception {
    Path lib;
    Path share;
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      lib = Path.of(text(st, "SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR'"));
      share =
          Path.of(text(st, "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'"), "extension");
    }
    Files.copy(HYPOPG_SO, lib.resolve("hypopg.so"), StandardCopyOption.REPLACE_EXISTING);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(HYPOPG_SHARE, "hypopg*")) {
      for (Path f : files) {
        Files.copy(f, share.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static String text(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private Connection connect() throws SQLException {
    return pg.getDatabase("postgres", "shop").getConnection();
  }

  private void exec(String db, String... sql) throws SQLException {
    try (Connection c = pg.getDatabase("postgres", db).getConnection();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private static long number(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from: " + sql).isTrue();
      return rs.getLong(1);
    }
  }

  /** The plan's total cost, explained here as the planner sees it, optionally with the candidate hypothetical. */
  private double cost(String query, String candidate) throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      if (!candidate.isEmpty()) {
        st.execute("SELECT hypopg_create_index('" + candidate + "')");
      }
      JsonNode plan = JSON.readTree(text(st, "EXPLAIN (VERBOSE, FORMAT JSON) " + query));
      st.execute("SELECT hypopg_reset()");
      return plan.path(0).path("Plan").path("Total Cost").asDouble();
    }
  }

  private Problem problem(String object) {
    return diagnosis.problems().stream()
        .filter(p -> p.check().equals("DG111") && p.object().equals(object))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    object + " not in " + diagnosis.problems() + " notes " + diagnosis.notes()));
  }

  private static double measure(Problem p, String name) {
    return p.measure(name)
        .orElseThrow(() -> new AssertionError(name + " not in " + p.evidence()))
        .value();
  }

  private static String shown(double cost) {
    return new Measure("", cost, "").display();
  }

  @Test
  void a_selective_candidate_is_verified_with_both_plan_costs_in_the_finding() throws Exception {
    Problem p = problem("public.orders_big(customer_id)");
    double without = cost(SELECTIVE, "");
    double with = cost(SELECTIVE, "CREATE INDEX ON orders_big (customer_id)");
    assertThat(with)
        .as("the test's own premise: an index on customer_id makes the plan cheaper")
        .isLessThan(without);
    assertThat(measure(p, "verified")).isEqualTo(1);
    assertThat(measure(p, "plan_cost")).as("the plan as production makes it").isEqualTo(without);
    assertThat(measure(p, "plan_cost_with_index"))
        .as("the plan with the hypothetical index")
        .isEqualTo(with);
    assertThat(p.message())
        .contains(
            "candidate index (customer_id), verified: with it hypothetically created"
                + " (HypoPG) the planner uses it (plan cost "
                + shown(without)
                + " without it, "
                + shown(with)
                + " with it)");
    assertThat(p.fix().orElseThrow().summary()).contains("(verified)");
    assertThat(hypotheticalLeft)
        .as("the pass leaves no hypothetical index in the session")
        .isZero();
  }

  @Test
  void a_candidate_the_planner_ignores_is_reported_not_verified_with_its_costs() throws Exception {
    Problem p = problem("public.orders_big(flag)");
    double without = cost(UNSELECTIVE, "");
    assertThat(cost(UNSELECTIVE, "CREATE INDEX ON orders_big (flag)"))
        .as("premise: half the rows match")
        .isEqualTo(without);
    assertThat(measure(p, "verified")).isZero();
    assertThat(measure(p, "plan_cost_with_index"))
        .as("no cheaper with it")
        .isEqualTo(measure(p, "plan_cost"))
        .isEqualTo(without);
    assertThat(p.message())
        .contains(
            "candidate index (flag), not verified: with it hypothetically created (HypoPG)"
                + " the planner still scans the table (plan cost "
                + shown(without)
                + " without it, "
                + shown(without)
                + " with it)");
    assertThat(p.fix().orElseThrow().summary()).contains("(not verified)");
  }

  @Test
  void a_statement_with_a_side_effect_is_explained_twice_and_never_run() throws Exception {
    Problem p = problem("public.events_big(kind_id)");
    assertThat(measure(p, "verified")).as("HypoPG explained it with the candidate").isEqualTo(1);
    try (Connection c = connect()) {
      assertThat(number(c, "SELECT count(*) FROM side_effects"))
          .as("only the test's own runs (this one and the parameterised one) wrote, once per row")
          .isEqualTo(20);
      assertThat(number(c, "SELECT last_value FROM leak_seq")).isEqualTo(20);
    }
  }

  @Test
  void a_failed_hypopg_attempt_leaves_no_hypothetical_index_for_the_next_statement() {
    Problem p = problem("public.events_big(batch)");
    assertThat(measure(p, "statements"))
        .as("the second statement planned: nothing was left behind")
        .isEqualTo(2);
    assertThat(measure(p, "verified")).isZero();
    assertThat(p.evidence()).extracting(Measure::name).doesNotContain("plan_cost_with_index");
    assertThat(p.message())
        .contains(
            "candidate index (batch), not verified: HypoPG could not explain the statement"
                + " with it");
  }

  @Test
  void the_texts_carry_no_parameter_so_postgres_15_explains_them() throws Exception {
    try (Connection c = connect()) {
      for (String text : List.of(SELECTIVE, UNSELECTIVE, HOSTILE, FRAGILE.get(0), FRAGILE.get(1))) {
        long id = number(c, "SELECT queryid FROM pg_stat_statements WHERE query = '" + text + "'");
        assertThat(diagnosis.notes())
            .as("pg_stat_statements kept the text as it is, and DG111 explained it")
            .noneMatch(n -> n.contains(QueryText.name(id) + " "));
      }
    }
  }

  private long queryId(String normalised) throws SQLException {
    try (Connection c = connect()) {
      return number(c, "SELECT queryid FROM pg_stat_statements WHERE query = '" + normalised + "'");
    }
  }

  @Test
  void a_parameterised_text_is_explained_on_15_through_a_generic_prepared_plan_and_verified()
      throws Exception {
    long id = queryId("SELECT * FROM big WHERE customer_id = $1");
    Problem p = problem("public.big(customer_id)");
    assertThat(p.message())
        .as("the statement behind it is the $1 text")
        .contains(QueryText.name(id));
    assertThat(measure(p, "verified"))
        .as("HypoPG explained the prepared text with the candidate")
        .isEqualTo(1);
    double without = measure(p, "plan_cost");
    double with = measure(p, "plan_cost_with_index");
    assertThat(with).as("the generic plan is cheaper with the index").isLessThan(without);
    assertThat(p.message())
        .contains(
            "candidate index (customer_id), verified: with it hypothetically created"
                + " (HypoPG) the planner uses it (plan cost "
                + shown(without)
                + " without it, "
                + shown(with)
                + " with it)");
    assertThat(diagnosis.notes())
        .as("no note skips it")
        .noneMatch(n -> n.contains(QueryText.name(id) + " "));
  }

  @Test
  void a_parameterised_text_with_a_side_effect_is_prepared_and_explained_twice_and_never_run()
      throws Exception {
    Problem p = problem("public.big(region)");
    assertThat(p.message())
        .contains(QueryText.name(queryId("SELECT id, leak() FROM big WHERE region = $1")));
    assertThat(measure(p, "verified")).as("explained with and without the candidate").isEqualTo(1);
    try (Connection c = connect()) {
      assertThat(number(c, "SELECT count(*) FROM side_effects"))
          .as(
              "10 rows of HOSTILE and 10 of the"
                  + " parameterised one, both run by the test itself, and not one by DG111")
          .isEqualTo(20);
      assertThat(number(c, "SELECT last_value FROM leak_seq")).isEqualTo(20);
    }
  }

  @Test
  void a_parameterised_text_the_server_cannot_prepare_is_skipped_with_why() throws Exception {
    long id = queryId("SELECT $1 IS NULL AS nothing FROM big");
    assertThat(diagnosis.notes())
        .as("named by queryid, with the server's reason")
        .anyMatch(
            n ->
                n.contains(QueryText.name(id) + " (not prepared or planned: ")
                    && n.contains("could not determine data type of parameter $1"));
  }

  @Test
  void a_prepared_text_whose_explain_fails_leaves_no_prepared_statement_behind() throws Exception {
    long id = queryId("SELECT fragile(), id FROM big WHERE note = $1");
    assertThat(diagnosis.problems())
        .as("it was prepared and planned without the hypothetical index")
        .anyMatch(
            p ->
                p.check().equals("DG111")
                    && p.message().contains(QueryText.name(id))
                    && p.message()
                        .contains("not verified: HypoPG could not explain the statement with it"));
    assertThat(preparedLeft)
        .as("the pass leaves no prepared statement in the caller's session")
        .isZero();
  }

  @Test
  void a_parameter_of_a_domain_type_is_skipped_so_its_check_never_runs() throws Exception {
    long id = queryId("SELECT id FROM big WHERE customer_id = $1::watched");
    assertThat(diagnosis.notes())
        .as("skipped by queryid, with why")
        .anyMatch(
            n ->
                n.contains(QueryText.name(id) + " (not prepared or planned: ")
                    && n.contains("a parameter is of a domain type"));
    try (Connection c = connect()) {
      assertThat(number(c, "SELECT count(*) FROM domain_checks"))
          .as("the test's own run checked the domain;" + " DG111 never did")
          .isEqualTo(domainChecksBefore)
          .isPositive();
    }
  }
}
