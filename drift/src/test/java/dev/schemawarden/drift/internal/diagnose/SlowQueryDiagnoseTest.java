package dev.schemawarden.drift.internal.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.DiagnoseSettings.SlowQueries;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DG111 against a real server with {@code pg_stat_statements} preloaded (one cluster for the class): statements
 * really run, their counters really kept, their plans really made. No HypoPG in these binaries, so every candidate
 * is "not verified".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowQueryDiagnoseTest {
  static final DiagnoseSettings SETTINGS =
      DiagnoseSettings.defaults()
          .withWindow(Duration.ZERO)
          .withSlowQueries(new SlowQueries(Duration.ZERO, 20, 1024 * 1024));
  static final String TABLE = "we\"ird\nt";
  static final String COLUMN = "c\"ol --";
  private EmbeddedPostgres pg;

  @BeforeAll
  void start() throws Exception {
    pg =
        EmbeddedPostgres.builder()
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .start();
    for (String db : List.of("slow", "plain", "hostile")) {
      exec("postgres", "CREATE DATABASE " + db);
    }
    exec(
        "slow",
        "CREATE EXTENSION pg_stat_statements",
        "CREATE TABLE orders_big (id int PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL, note text)",
        "INSERT INTO orders_big SELECT g, g % 5000, 's' || (g % 7), md5(g::text) FROM generate_series(1, 50000) g",
        "CREATE TABLE events_big (id int PRIMARY KEY, kind text NOT NULL)",
        "INSERT INTO events_big SELECT g, 'k' || (g % 50) FROM generate_series(1, 50000) g",
        "CREATE TABLE small (id int PRIMARY KEY, v int)",
        "INSERT INTO small SELECT g, g FROM generate_series(1, 100) g",
        "ANALYZE");
    repeat("slow", "SELECT id, note FROM orders_big WHERE customer_id = ?", 20);
    repeat("slow", "SELECT count(*) FROM events_big WHERE lower(kind) = ?", 5);
    repeat("slow", "SELECT id FROM small WHERE v = ?", 20);
    exec("plain", "CREATE TABLE orders_big (id int PRIMARY KEY, customer_id int NOT NULL)");
    repeat("plain", "SELECT id FROM orders_big WHERE customer_id = ?", 5);
    String t = Identifiers.quote(TABLE);
    exec(
        "hostile",
        "CREATE EXTENSION pg_stat_statements",
        "CREATE TABLE victim (id int PRIMARY KEY)",
        "CREATE TABLE "
            + t
            + " (id int PRIMARY KEY, "
            + Identifiers.quote(COLUMN)
            + " int, note text)",
        "INSERT INTO " + t + " SELECT g, g % 1000, md5(g::text) FROM generate_series(1, 50000) g",
        "ANALYZE");
    repeat(
        "hostile",
        "SELECT * FROM " + t + " WHERE " + Identifiers.quote(COLUMN) + " = ? /* owner: */ -- */ x",
        5);
    // Run as it is, its text in pg_stat_statements keeps the comment: a ';' and a statement after
    // it.
    exec("hostile", "SELECT count(*) FROM " + t + " WHERE id > 5 /* ; DROP TABLE victim; */");
  }

  @AfterAll
  void stop() throws Exception {
    pg.close();
  }

  private Connection connect(String db) throws SQLException {
    return pg.getDatabase("postgres", db).getConnection();
  }

  private void exec(String db, String... sql) throws SQLException {
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private void repeat(String db, String sql, int times) throws SQLException {
    try (Connection c = connect(db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < times; i++) {
        ps.setObject(1, sql.contains("lower(") ? "k" + i : (Object) (i + 7));
        ps.execute();
      }
    }
  }

  private long number(String db, String sql) throws SQLException {
    try (Connection c = connect(db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Diagnosis diagnose(String db) throws SQLException {
    try (Connection c = connect(db)) {
      return Diagnoses.run(c, SETTINGS);
    }
  }

  private static List<Problem> slow(Diagnosis d) {
    return d.problems().stream().filter(p -> p.check().equals("DG111")).toList();
  }

  private void runFix(String db, ProposedFix fix) throws SQLException {
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      for (SqlStatement s :
          Engines.forName("postgres").parser().parse("fix.sql", fix.sql()).statements()) {
        st.execute(s.sql());
      }
    }
  }

  @Test
  void a_repeated_query_scanning_a_large_table_gets_a_candidate_index_and_none_once_it_exists()
      throws Exception {
    List<Problem> found = slow(diagnose("slow"));
    assertThat(found)
        .extracting(Problem::object)
        .as("the small table's scans are not worth an index")
        .containsExactlyInAnyOrder("public.orders_big(customer_id)", "public.events_big");
    Problem p =
        found.stream()
            .filter(x -> x.object().startsWith("public.orders_big"))
            .findFirst()
            .orElseThrow();
    assertThat(p.measure("calls").orElseThrow().value())
        .as("calls as pg_stat_statements counted them")
        .isEqualTo(
            number(
                "slow",
                "SELECT calls FROM pg_stat_statements WHERE query LIKE '%FROM orders_big%'"
                    + " AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"))
        .isEqualTo(20);
    assertThat(p.measure("table_bytes").orElseThrow().value())
        .isEqualTo(number("slow", "SELECT pg_relation_size('orders_big')"));
    assertThat(p.measure("verified").orElseThrow().value()).isZero();
    assertThat(p.measure("statements_observed_seconds"))
        .as("since pg_stat_statements_info.stats_reset")
        .isPresent();
    assertThat(p.message())
        .contains("candidate index (customer_id), not verified (HypoPG is not installed)");
    assertThat(p.severity()).as("under large-table-mb").isEqualTo(Severity.INFO);
    ProposedFix fix = p.fix().orElseThrow();
    assertThat(fix.sql())
        .isEqualTo(
            Fixes.LOCK_TIMEOUT
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS"
                + " \"orders_big_customer_id_idx\" ON \"public\".\"orders_big\" (\"customer_id\");\n");
    assertThat(fix.outsideTransaction()).isTrue();
    assertThat(DiagnoseFixtures.lint(fix, "V7__idx.sql"))
        .as("Schema Warden's own lint")
        .noneMatch(f -> f.severity() == Severity.ERROR);
    Problem expression =
        found.stream()
            .filter(x -> x.object().equals("public.events_big"))
            .findFirst()
            .orElseThrow();
    assertThat(expression.fix()).as("lower(kind) is an expression: never guessed at").isEmpty();
    assertThat(expression.message()).contains("no index is proposed");

    runFix("slow", fix);
    assertThat(slow(diagnose("slow")))
        .extracting(Problem::object)
        .as("the planner uses the index now")
        .containsExactly("public.events_big");
  }

  @Test
  void a_role_that_may_not_read_the_texts_gets_a_note_not_a_guess() throws SQLException {
    exec(
        "postgres",
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dg111_ro') THEN"
            + " CREATE ROLE dg111_ro LOGIN; END IF; END $$");
    Diagnosis d;
    try (Connection c = java.sql.DriverManager.getConnection(pg.getJdbcUrl("dg111_ro", "slow"))) {
      d = Diagnoses.run(c, SETTINGS);
    }
    assertThat(slow(d)).as("without pg_read_all_stats other roles' texts are hidden").isEmpty();
    assertThat(d.notes())
        .anyMatch(
            n ->
                n.startsWith("DG111 statements not explained: ")
                    && n.contains(
                        "statements of other roles (their texts need pg_read_all_stats)"));
  }

  @Test
  void without_the_extension_the_check_says_it_did_not_run() throws SQLException {
    Diagnosis d = diagnose("plain");
    assertThat(slow(d)).isEmpty();
    assertThat(d.notes())
        .contains(
            "DG111 slow queries not checked: the pg_stat_statements extension is not"
                + " installed in this database (docs/rules/DG111.md)");
  }

  @Test
  void hostile_statement_texts_only_run_as_explain_and_hostile_names_are_quoted_in_the_fix()
      throws SQLException {
    Diagnosis d = diagnose("hostile");
    long refused =
        number(
            "hostile",
            "SELECT queryid FROM pg_stat_statements WHERE query LIKE '%DROP TABLE victim%'");
    assertThat(d.notes())
        .as("the text with a ';' is refused by its queryid, its text never printed")
        .anyMatch(
            n ->
                n.startsWith("DG111 statements not explained: ")
                    && n.contains("query " + refused + " (refused: it holds a ';')")
                    && !n.contains("victim"));
    Problem p =
        slow(d).stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError(d.problems() + " " + d.notes()));
    assertThat(p.object())
        .as("escaped")
        .doesNotContain("\n")
        .isEqualTo("public.\"we\"\"ird\\nt\"(\"c\"\"ol --\")");
    assertThat(p.message()).doesNotContain("\n");
    ProposedFix fix = p.fix().orElseThrow();
    assertThat(fix.sql())
        .contains(
            "ON \"public\"." + Identifiers.quote(TABLE) + " (" + Identifiers.quote(COLUMN) + ")");
    assertThat(Engines.forName("postgres").parser().parse("fix.sql", fix.sql()).statements())
        .as("SET lock_timeout and the index, nothing injected")
        .hasSize(2);
    runFix("hostile", fix);
    assertThat(
            number(
                "hostile",
                "SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%USING btree ("
                    + Identifiers.quote(COLUMN).replace("'", "''")
                    + ")'"))
        .as("the index was built")
        .isEqualTo(1);
    assertThat(number("hostile", "SELECT count(*) FROM pg_class WHERE relname = 'victim'"))
        .isEqualTo(1);
  }
}
