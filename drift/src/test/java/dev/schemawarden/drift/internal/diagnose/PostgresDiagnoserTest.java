package dev.schemawarden.drift.internal.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnoses;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.ProposedFix;
import dev.schemawarden.drift.internal.snapshot.TestClusters;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each check against a real database that has the problem, with the numbers read back independently, and a
 * healthy database that has none. One "production" database with every problem and one healthy one per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresDiagnoserTest {
  private static final DiagnoseSettings NOW = DiagnoseSettings.defaults().withWindow(Duration.ZERO);
  private String sick;
  private String healthy;
  private Diagnosis found;

  @BeforeAll
  void build_a_sick_and_a_healthy_database() throws Exception {
    sick = TestClusters.createDatabase("diag_sick");
    healthy = TestClusters.createDatabase("diag_healthy");
    DiagnoseFixtures.sick(sick);
    DiagnoseFixtures.healthy(healthy);
    found = diagnose(sick, NOW);
  }

  static Diagnosis diagnose(String db, DiagnoseSettings settings) throws SQLException {
    try (Connection c = TestClusters.admin(db)) {
      return Diagnoses.run(c, settings);
    }
  }

  private Problem only(String check, String object) {
    List<Problem> of =
        found.problems().stream()
            .filter(p -> p.check().equals(check) && p.object().equals(object))
            .toList();
    assertThat(of)
        .as(
            "%s on %s among %s",
            check, object, found.problems().stream().map(Problem::key).toList())
        .hasSize(1);
    return of.get(0);
  }

  private static double number(Problem p, String measure) {
    return p.measure(measure)
        .orElseThrow(() -> new AssertionError(p.key() + " has no " + measure))
        .value();
  }

  static long query(String db, String sql) throws SQLException {
    try (Connection c = TestClusters.admin(db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void an_unused_index_on_a_written_table_is_found_with_its_size_and_write_load()
      throws SQLException {
    Problem p = only("DG101", "public.orders_note_idx");
    assertThat(number(p, "index_bytes"))
        .as("pg_relation_size of the index")
        .isEqualTo(query(sick, "SELECT pg_relation_size('orders_note_idx')"))
        .isGreaterThan(1_000_000);
    assertThat(number(p, "index_scans")).isZero();
    assertThat(number(p, "index_writes"))
        .as("inserts plus non-HOT updates of orders")
        .isEqualTo(
            query(
                sick,
                "SELECT n_tup_ins + n_tup_upd - n_tup_hot_upd FROM pg_stat_user_tables"
                    + " WHERE relname = 'orders'"));
    assertThat(p.severity()).as("over the 1 MiB warning size").isEqualTo(Severity.WARNING);
    assertThat(p.fix().orElseThrow().sql())
        .contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"orders_note_idx\"");
    assertThat(p.fix().orElseThrow().rollback().orElseThrow())
        .contains("CREATE INDEX CONCURRENTLY orders_note_idx ON public.orders USING btree (note)");
    assertThat(found.problems())
        .as("indexes that back a constraint or were scanned are not unused")
        .noneMatch(
            x ->
                x.check().equals("DG101")
                    && (x.object().contains("pkey")
                        || x.object().contains("_key")
                        || x.object().equals("public.events_kind_at_idx")));
  }

  @Test
  void the_window_keeps_young_counters_from_judging_indexes_unused() throws SQLException {
    Diagnosis week = diagnose(sick, DiagnoseSettings.defaults());
    assertThat(week.problems()).extracting(Problem::check).doesNotContain("DG101");
    assertThat(week.notes()).anyMatch(n -> n.startsWith("DG101 unused indexes not judged"));
    assertThat(week.observed()).isLessThan(Duration.ofDays(7));
  }

  @Test
  void a_duplicate_of_a_constraint_index_is_found_and_the_constraint_kept() {
    Problem p = only("DG102", "public.customers_email_idx");
    assertThat(p.message()).contains("duplicates public.customers_email_key");
    assertThat(p.fix().orElseThrow().sql())
        .contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"customers_email_idx\"");
  }

  @Test
  void an_index_that_leads_a_wider_one_is_overlapping() {
    Problem p = only("DG103", "public.events_kind_idx");
    assertThat(p.message()).contains("public.events_kind_at_idx");
    assertThat(number(p, "covering_index_scans")).isPositive();
  }

  @Test
  void an_index_left_invalid_by_a_failed_concurrent_build_is_found_with_a_rebuild() {
    Problem p = only("DG104", "public.dupes_val_idx");
    assertThat(p.fix().orElseThrow().sql())
        .contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"dupes_val_idx\"")
        .contains("CREATE UNIQUE INDEX CONCURRENTLY dupes_val_idx ON public.dupes");
    assertThat(p.fix().orElseThrow().outsideTransaction()).isTrue();
  }

  @Test
  void a_foreign_key_without_an_index_is_weighted_by_the_parents_deletes() throws SQLException {
    Problem p = only("DG105", "public.order_lines.order_lines_order_id_fkey");
    assertThat(number(p, "parent_updates_deletes"))
        .as("orders' updates and deletes")
        .isEqualTo(
            query(
                sick,
                "SELECT n_tup_upd + n_tup_del FROM pg_stat_user_tables WHERE relname = 'orders'"))
        .isPositive();
    assertThat(p.severity())
        .as("the parent takes deletes, the child is small")
        .isEqualTo(Severity.WARNING);
    assertThat(p.fix().orElseThrow().sql())
        .contains(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"order_lines_order_id_idx\" ON \"public\".\"order_lines\" (order_id)");
    assertThat(found.problems())
        .as("a partial index does not cover a foreign key; a full one does")
        .anyMatch(x -> x.key().equals("DG105 public.partial_refs.partial_refs_customer_id_fkey"))
        .noneMatch(x -> x.check().equals("DG105") && x.object().startsWith("public.orders."));
  }

  @Test
  void a_serial_at_85_percent_of_integer_is_found_with_an_online_plan() {
    Problem p = only("DG106", "public.tickets_id_seq");
    assertThat(number(p, "last_value")).isEqualTo(1_825_361_100L);
    assertThat(number(p, "max_value")).isEqualTo(Integer.MAX_VALUE);
    assertThat(number(p, "used_fraction"))
        .isCloseTo(0.85, org.assertj.core.data.Offset.offset(0.0001));
    assertThat(p.severity()).isEqualTo(Severity.WARNING);
    assertThat(p.fix().orElseThrow().sql())
        .contains("ALTER TABLE \"public\".\"tickets\" ALTER COLUMN \"id\" TYPE bigint;")
        .contains("ALTER SEQUENCE \"public\".\"tickets_id_seq\" AS bigint;");
    assertThat(p.fix().orElseThrow().onlinePlan()).get().asString().contains("expand/contract");
  }

  @Test
  void a_table_without_a_primary_key_is_found_and_a_unique_not_null_index_promoted() {
    Problem bare = only("DG107", "public.audit_log");
    assertThat(bare.severity()).as("it takes updates").isEqualTo(Severity.WARNING);
    assertThat(bare.fix().orElseThrow().onlinePlan()).isPresent();
    Problem keyed = only("DG107", "public.codes");
    assertThat(keyed.fix().orElseThrow().sql())
        .contains("ADD CONSTRAINT \"codes_code_key\" PRIMARY KEY USING INDEX \"codes_code_key\"");
  }

  @Test
  void partitioned_tables_get_no_fix_that_postgresql_would_refuse() {
    Problem fk = only("DG105", "public.measurements.measurements_customer_id_fkey");
    assertThat(fk.fix())
        .as("CREATE INDEX CONCURRENTLY does not take a partitioned table")
        .isEmpty();
    assertThat(fk.message()).contains("ATTACH");
    assertThat(only("DG107", "public.measurements").fix())
        .as("the key must include the partition key")
        .isEmpty();
    assertThat(only("DG105", "public.measurements_2026.measurements_customer_id_fkey").fix())
        .as("a partition itself can be indexed concurrently")
        .isPresent();
    assertThat(found.problems())
        .as("a partition's index cannot be dropped on its own")
        .noneMatch(p -> p.object().startsWith("public.measurements_2026_v"));
  }

  @Test
  void transaction_id_age_is_measured_against_autovacuum_freeze_max_age() throws SQLException {
    long before =
        query(sick, "SELECT age(datfrozenxid) FROM pg_database WHERE datname = current_database()");
    Diagnosis d =
        diagnose(
            sick,
            new DiagnoseSettings(
                Duration.ZERO,
                NOW.largeTableBytes(),
                10,
                1,
                2,
                0.75,
                0.9,
                1e-9,
                1e-9,
                1,
                NOW.bloatMinBytes(),
                NOW.bloatMinRatio()));
    long after =
        query(sick, "SELECT age(datfrozenxid) FROM pg_database WHERE datname = current_database()");
    Problem p =
        d.problems().stream().filter(x -> x.check().equals("DG108")).findFirst().orElseThrow();
    assertThat(number(p, "xid_age")).isBetween((double) before, (double) after);
    assertThat(number(p, "autovacuum_freeze_max_age"))
        .isEqualTo(query(sick, "SELECT current_setting('autovacuum_freeze_max_age')::bigint"));
    assertThat(p.severity()).isEqualTo(Severity.ERROR);
    assertThat(p.fix().orElseThrow().sql()).startsWith("VACUUM (FREEZE, VERBOSE) ");
    assertThat(found.problems())
        .as("with the default thresholds a young database is fine")
        .extracting(Problem::check)
        .doesNotContain("DG108");
  }

  @Test
  void a_table_mostly_deleted_without_vacuum_is_bloated_with_its_numbers_and_a_locking_warning()
      throws SQLException {
    Diagnosis small = diagnose(sick, NOW.withBloat(256 * 1024, 0.3));
    List<Problem> bloat = small.problems().stream().filter(p -> p.check().equals("DG110")).toList();
    assertThat(bloat)
        .extracting(Problem::object)
        .as("orders lost a few of its rows, bloated nine in ten")
        .containsExactly("public.bloated");
    Problem p = bloat.get(0);
    long real =
        query(
            sick,
            "SELECT pg_relation_size(oid) + coalesce(pg_relation_size(nullif(reltoastrelid, 0)), 0)"
                + " FROM pg_class WHERE relname = 'bloated'");
    assertThat(number(p, "table_bytes"))
        .as("heap and TOAST pages, as ANALYZE counted them")
        .isEqualTo(real);
    long live = query(sick, "SELECT sum(pg_column_size(b.*) + 4) FROM bloated b");
    assertThat(number(p, "expected_bytes"))
        .as("about the live rows' bytes (%s), in whole pages", live)
        .isBetween(0.8 * live, 1.5 * live);
    assertThat(number(p, "wasted_bytes"))
        .isEqualTo(number(p, "table_bytes") - number(p, "expected_bytes"));
    assertThat(number(p, "wasted_fraction")).isGreaterThan(0.8);
    assertThat(number(p, "rows")).as("reltuples after ANALYZE").isEqualTo(2000);
    assertThat(number(p, "dead_rows"))
        .isEqualTo(
            query(sick, "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'bloated'"))
        .isPositive();
    assertThat(p.measure("seconds_since_vacuum")).as("never vacuumed").isEmpty();
    assertThat(p.message()).contains("never vacuumed");
    assertThat(p.severity()).as("under ten times the threshold").isEqualTo(Severity.WARNING);
    ProposedFix fix = p.fix().orElseThrow();
    assertThat(fix.kind())
        .as("a rewrite is run by hand, not committed")
        .isEqualTo(ProposedFix.Kind.OPERATION);
    assertThat(fix.sql()).isEqualTo("VACUUM (FULL, ANALYZE, VERBOSE) \"public\".\"bloated\";\n");
    assertThat(fix.onlinePlan())
        .get()
        .asString()
        .contains("ACCESS EXCLUSIVE")
        .contains("pg_repack --dbname='" + sick + "' --table='public.bloated'");
    assertThat(diagnose(sick, NOW.withBloat(64 * 1024, 0.3)).problems())
        .filteredOn(x -> x.check().equals("DG110"))
        .extracting(Problem::severity)
        .as("weighted by size")
        .containsExactly(Severity.ERROR);
    assertThat(found.problems())
        .as("far below the default 100 MB")
        .extracting(Problem::check)
        .doesNotContain("DG110");
  }

  /**
   * Every migration diagnose proposes passes Schema Warden's own lint, as the tool would run it (in a transaction
   * or not): no error remains, except on fixes that say they need an online plan, whose errors are its reason.
   */
  @Test
  void every_proposed_migration_lints_without_errors_unless_it_needs_an_online_plan() {
    List<Problem> withMigrations =
        found.problems().stream()
            .filter(p -> p.fix().map(f -> f.kind() == ProposedFix.Kind.MIGRATION).orElse(false))
            .toList();
    assertThat(withMigrations)
        .extracting(Problem::check)
        .as("a migration for each kind of problem")
        .contains("DG101", "DG102", "DG103", "DG104", "DG105", "DG106", "DG107");
    for (Problem p : withMigrations) {
      ProposedFix fix = p.fix().orElseThrow();
      List<String> errors = errors(DiagnoseFixtures.lint(fix, "V1__fix.sql"));
      if (fix.onlinePlan().isEmpty()) {
        assertThat(errors).as("lint errors of the fix for %s:\n%s", p.key(), fix.sql()).isEmpty();
      } else {
        // Explained: the statement as written rewrites the table (LK112 identity column, LK113 type
        // change), which is exactly why the fix carries an online plan instead of being applied as
        // it is.
        assertThat(errors)
            .as("lint errors of the fix for %s:\n%s", p.key(), fix.sql())
            .isNotEmpty()
            .allMatch(e -> e.startsWith("LK112: ") || e.startsWith("LK113: "));
      }
    }
  }

  private static List<String> errors(List<Finding> findings) {
    return findings.stream()
        .filter(f -> f.severity() == Severity.ERROR)
        .map(f -> f.rule() + ": " + f.message())
        .toList();
  }

  @Test
  void
      the_least_privileged_role_sees_the_same_problems_and_a_note_for_each_sequence_it_cannot_read()
          throws SQLException {
    String role = "warden_diag_ro";
    String password = "ro-" + ProcessHandle.current().pid();
    try (Connection c = TestClusters.admin("postgres");
        Statement st = c.createStatement()) {
      st.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
              + role
              + "') THEN CREATE ROLE "
              + role
              + " LOGIN; END IF; END $$");
      st.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
      st.execute("GRANT pg_monitor TO " + role);
    }
    Diagnosis ro;
    try (Connection c =
        java.sql.DriverManager.getConnection(TestClusters.url(sick), role, password)) {
      ro = Diagnoses.run(c, NOW);
    }
    assertThat(ro.problems())
        .extracting(Problem::key)
        .as("CONNECT and pg_monitor read every catalog and counter")
        .containsExactlyInAnyOrderElementsOf(
            found.problems().stream()
                .map(Problem::key)
                .filter(k -> !k.startsWith("DG106"))
                .toList());
    assertThat(ro.notes())
        .as("a sequence is never guessed at")
        .contains(
            "DG106 sequence public.tickets_id_seq not"
                + " read: GRANT SELECT ON SEQUENCE to the diagnose role to have it checked");
    try (Connection c =
        java.sql.DriverManager.getConnection(TestClusters.url(sick), role, password)) {
      ro = Diagnoses.run(c, NOW.withBloat(256 * 1024, 0.3));
    }
    assertThat(ro.problems())
        .extracting(Problem::check)
        .as("pg_stats hides columns it may not SELECT")
        .doesNotContain("DG110");
    assertThat(ro.notes())
        .as("so bloat is not guessed at either")
        .anyMatch(
            n ->
                n.startsWith("DG110 bloat not estimated for ")
                    && n.contains("public.bloated")
                    && n.contains(": a column has no statistics the role can read"));
  }

  @Test
  void a_healthy_database_has_no_problem() throws SQLException {
    Diagnosis d = diagnose(healthy, NOW);
    assertThat(d.problems()).as("problems of the healthy database").isEmpty();
    assertThat(d.notes())
        .as("only DG111, which needs pg_stat_statements (SlowQueryDiagnoseTest)")
        .containsExactly(
            "DG111 slow queries not checked: the pg_stat_statements extension is not installed in this database"
                + " (docs/rules/DG111.md)");
    assertThat(d.queries()).as("the pass reports what it cost").isBetween(5, 20);
    assertThat(diagnose(healthy, NOW.withBloat(0, 0.3)).problems())
        .as("no table of it is 30 percent dead space")
        .isEmpty();
  }
}
