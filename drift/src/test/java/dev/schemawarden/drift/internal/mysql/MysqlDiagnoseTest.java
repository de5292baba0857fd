package dev.schemawarden.drift.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.DatabaseEngine;
import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LintSettings;
import dev.schemawarden.analyzers.api.Linter;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlParser;
import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code warden diagnose} on a real MariaDB with performance_schema on: each check against a database that has the
 * problem and one that has none, the numbers read back independently, every fix run through the MySQL lint and
 * the hostile names' fix run on the server. A role that may not read performance_schema gets the checks that need
 * it reported as skipped, and the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MysqlDiagnoseTest {
  private static final DiagnoseSettings NOW =
      DiagnoseSettings.defaults()
          .withWindow(Duration.ZERO)
          .withSlowQueries(new DiagnoseSettings.SlowQueries(Duration.ZERO, 20, 0));
  static final String HOSTILE_TABLE = "we`ird\nt */ DROP TABLE victim; --";
  static final String HOSTILE_INDEX = "i`x */\n; DROP TABLE victim";
  private EmbeddedMariadb server;
  private Diagnosis sick;
  private Diagnosis healthy;

  @BeforeAll
  void build_a_sick_and_a_healthy_database() throws Exception {
    server = SharedMariadb.get();
    exec(
        "diag_sick",
        "CREATE TABLE customers (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50))",
        "CREATE TABLE orders (id INT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL, note VARCHAR(100),"
            + " status INT, created DATE, KEY orders_note_idx (note), KEY orders_customer_idx (customer_id),"
            + " KEY orders_status_idx (status), KEY orders_status_dup (status), KEY orders_created_idx (created),"
            + " KEY orders_created_status_idx (created, status),"
            + " CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id))",
        "CREATE TABLE events (payload VARCHAR(20)) ENGINE=InnoDB",
        "CREATE TABLE accounts (email VARCHAR(50) NOT NULL, UNIQUE KEY accounts_email_key (email)) ENGINE=InnoDB",
        "CREATE TABLE tickets (id SMALLINT PRIMARY KEY AUTO_INCREMENT, x INT) AUTO_INCREMENT = 30000",
        "CREATE TABLE people (id INT PRIMARY KEY AUTO_INCREMENT, email VARCHAR(50), age INT)",
        "INSERT INTO customers (name) VALUES ('a'), ('b')",
        "INSERT INTO orders (customer_id, note, status, created) SELECT 1 + seq % 2, CONCAT('n', seq), seq % 5,"
            + " '2024-01-01' + INTERVAL seq % 300 DAY FROM seq_1_to_2000",
        "INSERT INTO tickets (x) VALUES (1)",
        "INSERT INTO people (email, age) SELECT CONCAT('p', seq, '@x'), seq % 90 FROM seq_1_to_2000",
        "ANALYZE TABLE orders, people",
        "SELECT id FROM orders FORCE INDEX (orders_status_idx) WHERE status = 3",
        "SELECT id FROM orders FORCE INDEX (orders_created_idx) WHERE created = '2024-02-01'",
        "SELECT id FROM people WHERE email = 'p7@x' AND age > 30");
    exec(
        "diag_healthy",
        "CREATE TABLE customers (id INT PRIMARY KEY AUTO_INCREMENT, email VARCHAR(50) NOT NULL,"
            + " UNIQUE KEY customers_email_key (email))",
        "CREATE TABLE orders (id BIGINT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL,"
            + " KEY orders_customer_idx (customer_id),"
            + " CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id))",
        "INSERT INTO customers (email) VALUES ('a'), ('b')",
        "INSERT INTO orders (customer_id) VALUES (1), (2)",
        "SELECT id FROM orders WHERE id = 1");
    sick = diagnose("diag_sick", "root", "");
    healthy = diagnose("diag_healthy", "root", "");
  }

  private Connection connect(String db, String user, String password) throws SQLException {
    String admin = server.adminUrl();
    return DriverManager.getConnection(
        admin.substring(0, admin.indexOf("/?"))
            + "/"
            + db
            + "?user="
            + user
            + "&password="
            + password);
  }

  private Diagnosis diagnose(String db, String user, String password) throws SQLException {
    try (Connection c = connect(db, user, password)) {
      return Diagnoses.run(c, NOW);
    }
  }

  private void exec(String db, String... sql) throws SQLException {
    server.connect(db).close();
    try (Connection c = connect(db, "root", "");
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private long query(String db, String sql) throws SQLException {
    try (Connection c = connect(db, "root", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Problem only(Diagnosis d, String check, String object) {
    List<Problem> of =
        d.problems().stream()
            .filter(p -> p.check().equals(check) && p.object().equals(object))
            .toList();
    assertThat(of)
        .as("%s on %s among %s", check, object, d.problems().stream().map(Problem::key).toList())
        .hasSize(1);
    return of.get(0);
  }

  private static double number(Problem p, String measure) {
    return p.measure(measure)
        .orElseThrow(() -> new AssertionError(p.key() + " has no " + measure))
        .value();
  }

  /** Lints a proposed migration with the MySQL rules, as the repository's review would. */
  static List<Finding> lint(ProposedFix fix) {
    DatabaseEngine engine = Engines.forName("mariadb");
    SqlParser.ParsedSql parsed = engine.parser().parse("fix.sql", fix.sql());
    Migration m =
        new Migration(
            "fix.sql",
            MigrationTool.PLAIN,
            Migration.Kind.PLAIN,
            Optional.empty(),
            fix.summary(),
            true,
            parsed.statements(),
            parsed.comments());
    return Linter.builtIn(
            engine, LintSettings.defaults().withServerVersion(engine.defaultVersion()))
        .lint(List.of(m));
  }

  private static void lintsClean(Problem p) {
    List<Finding> findings = lint(p.fix().orElseThrow());
    assertThat(findings)
        .as("the fix of %s passes the MySQL lint without an error: %s", p.key(), findings)
        .noneMatch(f -> f.severity() == Severity.ERROR);
    assertThat(findings)
        .as("lock_wait_timeout is set first (MY103)")
        .noneMatch(f -> f.rule().toString().equals("MY103"));
  }

  @Test
  void the_window_is_the_servers_uptime_and_the_pass_is_counted() {
    assertThat(sick.observed())
        .as("performance_schema counts since the server started")
        .isPositive();
    assertThat(sick.serverVersion()).containsIgnoringCase("mariadb");
    assertThat(sick.database()).isEqualTo("diag_sick");
    assertThat(sick.queries()).as("the pass says what it cost production").isBetween(5, 40);
  }

  @Test
  void an_unused_index_is_found_with_its_size_and_dropped_online() throws SQLException {
    Problem p = only(sick, "DG101", "diag_sick.orders.orders_note_idx");
    assertThat(number(p, "index_bytes"))
        .as("mysql.innodb_index_stats size times the page size")
        .isEqualTo(
            query(
                "diag_sick",
                "SELECT stat_value * @@innodb_page_size FROM mysql.innodb_index_stats"
                    + " WHERE database_name = 'diag_sick' AND table_name = 'orders' AND index_name = 'orders_note_idx'"
                    + " AND stat_name = 'size'"));
    assertThat(number(p, "index_writes")).as("the 2000 inserts").isGreaterThanOrEqualTo(2000);
    assertThat(p.fix().orElseThrow().sql())
        .isEqualTo(
            "SET SESSION lock_wait_timeout = 5;\n"
                + "ALTER TABLE `diag_sick`.`orders` DROP INDEX `orders_note_idx`, ALGORITHM=INPLACE, LOCK=NONE;\n");
    assertThat(p.fix().orElseThrow().rollback().orElseThrow())
        .contains(
            "ALTER TABLE `diag_sick`.`orders` ADD"
                + " INDEX `orders_note_idx` (`note`), ALGORITHM=INPLACE, LOCK=NONE;");
    lintsClean(p);
    assertThat(sick.problems())
        .as(
            "the foreign key's only index is never proposed for dropping, the used ones"
                + " and the primary key neither")
        .extracting(Problem::object)
        .doesNotContain(
            "diag_sick.orders.orders_customer_idx",
            "diag_sick.orders.orders_status_idx",
            "diag_sick.orders.PRIMARY");
  }

  @Test
  void duplicate_and_left_prefix_indexes_are_computed_from_information_schema() {
    Problem dup = only(sick, "DG102", "diag_sick.orders.orders_status_dup");
    assertThat(dup.message()).contains("duplicates orders_status_idx");
    assertThat(dup.fix().orElseThrow().sql())
        .contains("DROP INDEX `orders_status_dup`, ALGORITHM=INPLACE");
    lintsClean(dup);
    Problem overlap = only(sick, "DG103", "diag_sick.orders.orders_created_idx");
    assertThat(overlap.message()).contains("leading part of orders_created_status_idx");
    assertThat(overlap.fix().orElseThrow().rollback().orElseThrow())
        .contains("ADD INDEX `orders_created_idx`" + " (`created`)");
    lintsClean(overlap);
  }

  @Test
  void a_table_without_a_primary_key_is_found_and_a_unique_not_null_index_is_promoted() {
    Problem events = only(sick, "DG107", "diag_sick.events");
    assertThat(events.message()).contains("hidden 6-byte row id").contains("row-based replication");
    assertThat(events.fix()).as("no key to promote: chosen by hand").isEmpty();
    Problem accounts = only(sick, "DG107", "diag_sick.accounts");
    assertThat(accounts.fix().orElseThrow().sql())
        .contains(
            "ALTER TABLE `diag_sick`.`accounts` ADD PRIMARY KEY"
                + " (`email`), ALGORITHM=INPLACE, LOCK=NONE;");
    lintsClean(accounts);
  }

  @Test
  void an_auto_increment_near_its_types_limit_is_an_operation_for_an_online_schema_change_tool() {
    Problem p = only(sick, "DG106", "diag_sick.tickets.id");
    assertThat(number(p, "last_value")).isEqualTo(30000);
    assertThat(number(p, "max_value")).as("signed smallint").isEqualTo(32767);
    assertThat(p.severity()).as("91.6% is past the 90% error threshold").isEqualTo(Severity.ERROR);
    ProposedFix fix = p.fix().orElseThrow();
    assertThat(fix.kind())
        .as("a COPY is never an automatic migration")
        .isEqualTo(ProposedFix.Kind.OPERATION);
    assertThat(fix.sql())
        .contains("MODIFY COLUMN `id` BIGINT NOT NULL AUTO_INCREMENT, ALGORITHM=COPY");
    assertThat(fix.onlinePlan().orElseThrow())
        .contains("gh-ost")
        .contains("pt-online-schema-change");
  }

  @Test
  void a_slow_digest_without_an_index_gets_an_unverified_candidate() {
    Problem p = only(sick, "DG111", "diag_sick.people(email, age)");
    assertThat(p.message()).contains("not verified");
    assertThat(number(p, "calls")).isGreaterThanOrEqualTo(1);
    assertThat(p.fix().orElseThrow().sql())
        .contains(
            "ALTER TABLE `diag_sick`.`people` ADD INDEX"
                + " `people_email_age_idx` (`email`, `age`), ALGORITHM=INPLACE, LOCK=NONE;");
    lintsClean(p);
    assertThat(sick.problems())
        .as("statements that used an index, and the pass's own reads, are not reported")
        .filteredOn(x -> x.check().equals("DG111"))
        .hasSize(1);
  }

  @Test
  void unused_indexes_are_not_judged_before_the_server_has_been_up_for_the_window()
      throws SQLException {
    Diagnosis early = diagnose("diag_sick", "root", "");
    Diagnosis week;
    try (Connection c = connect("diag_sick", "root", "")) {
      week = Diagnoses.run(c, NOW.withWindow(Duration.ofDays(7)));
    }
    assertThat(early.problems()).extracting(Problem::check).contains("DG101");
    assertThat(week.problems())
        .extracting(Problem::check)
        .doesNotContain("DG101")
        .contains("DG102");
    assertThat(week.notes())
        .anyMatch(
            n ->
                n.startsWith(
                        "DG101 unused indexes not judged: performance_schema has"
                            + " counted since the server started")
                    && n.contains("--window 0"));
  }

  @Test
  void a_healthy_database_has_no_problem() {
    assertThat(healthy.problems()).as("%s", healthy.problems()).isEmpty();
    assertThat(healthy.notes()).as("every check ran").isEmpty();
  }

  @Test
  void a_role_that_cannot_read_performance_schema_gets_those_checks_skipped_and_the_others()
      throws SQLException {
    exec(
        "diag_sick",
        "CREATE USER IF NOT EXISTS 'diag_low'@'localhost' IDENTIFIED BY 'pw'",
        "GRANT SELECT ON diag_sick.* TO 'diag_low'@'localhost'");
    Diagnosis low = diagnose("diag_sick", "diag_low", "pw");
    assertThat(low.notes())
        .as("said, not silently absent")
        .anyMatch(
            n -> n.startsWith("DG101 unused indexes skipped: performance_schema is not readable"))
        .anyMatch(
            n -> n.startsWith("DG111 slow statements skipped: performance_schema is not readable"))
        .anyMatch(n -> n.startsWith("index sizes unknown"));
    assertThat(low.problems())
        .extracting(Problem::check)
        .contains("DG102", "DG103", "DG106", "DG107")
        .doesNotContain("DG101", "DG111");
    assertThat(only(low, "DG102", "diag_sick.orders.orders_status_idx").message())
        .as("without scans to tell them apart the first by name is kept")
        .contains("size unknown");
    assertThat(low.problems())
        .filteredOn(p -> p.check().equals("DG107"))
        .extracting(Problem::object)
        .as("primary keys are seen with SELECT alone")
        .containsExactlyInAnyOrder("diag_sick.events", "diag_sick.accounts");
  }

  @Test
  void
      hostile_names_are_quoted_in_the_fix_escaped_in_messages_and_the_fix_drops_exactly_that_index()
          throws SQLException {
    String t = "`" + HOSTILE_TABLE.replace("`", "``") + "`";
    String i = "`" + HOSTILE_INDEX.replace("`", "``") + "`";
    exec(
        "diag_hostile",
        "CREATE TABLE victim (id INT PRIMARY KEY)",
        "CREATE TABLE "
            + t
            + " (id INT PRIMARY KEY, note VARCHAR(20), KEY keep_idx (note), KEY "
            + i
            + " (note))");
    Diagnosis d = diagnose("diag_hostile", "root", "");
    Problem p =
        d.problems().stream().filter(x -> x.check().equals("DG102")).findFirst().orElseThrow();
    assertThat(p.message() + p.object())
        .as("no raw line break in what is printed")
        .doesNotContain("\n");
    List<Finding> findings = lint(p.fix().orElseThrow());
    assertThat(findings)
        .as("%s", findings)
        .noneMatch(f -> f.severity() == Severity.ERROR || f.rule().toString().startsWith("SQL"));
    exec("diag_hostile", p.fix().orElseThrow().sql().split(";\n"));
    assertThat(
            query(
                "diag_hostile",
                "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA ="
                    + " 'diag_hostile' AND INDEX_NAME IN ('keep_idx', '"
                    + HOSTILE_INDEX.replace("\n", "\\n")
                    + "')"))
        .as("exactly the duplicate is gone")
        .isEqualTo(1);
    assertThat(query("diag_hostile", "SELECT COUNT(*) FROM victim"))
        .as("victim still there")
        .isZero();
    exec("diag_hostile", p.fix().orElseThrow().rollback().orElseThrow().split(";\n"));
    assertThat(
            query(
                "diag_hostile",
                "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA ="
                    + " 'diag_hostile' AND TABLE_NAME <> 'victim'"))
        .as("the rollback adds it back: PRIMARY, keep_idx and it")
        .isEqualTo(3);
  }
}
