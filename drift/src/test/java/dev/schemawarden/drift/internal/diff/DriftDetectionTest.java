package dev.schemawarden.drift.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.MigrationSources;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.DriftFinding;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.drift.internal.snapshot.TestClusters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift on real PostgreSQL: production is migrated by Flyway itself (so its history rows and checksums are Flyway's
 * own), the expected schema is the same migrations replayed on a replica, and drift is then made by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftDetectionTest {
  private Path repo;
  private Path cache;
  private List<Migration> migrations;
  private SchemaSnapshot expected;

  @BeforeAll
  void repository_and_expected_schema(@TempDir Path tmp) throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    cache = Files.createDirectories(tmp.resolve("cache"));
    Path dir = Files.createDirectories(repo.resolve("db/migration"));
    Files.writeString(
        dir.resolve("V1__customers.sql"),
        """
        CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
        CREATE INDEX customers_email_idx ON customers (email);
        """);
    Files.writeString(
        dir.resolve("V2__orders.sql"),
        """
        CREATE TABLE orders (
          id bigint PRIMARY KEY,
          customer_id bigint REFERENCES customers (id),
          status text NOT NULL DEFAULT 'new',
          amount integer
        );
        CREATE VIEW open_orders AS SELECT id, amount FROM orders WHERE status <> 'done';
        """);
    migrations =
        MigrationSources.detect(repo, MigrationSettings.defaults())
            .load(repo, MigrationSettings.defaults(), Engines.forName("postgres").parser());
    expected = Snapshots.expected(TestClusters.provider(), migrations, cache);
  }

  private String production() throws SQLException {
    String db = TestClusters.createDatabase("prod");
    Flyway.configure()
        .dataSource(TestClusters.url(db), "postgres", TestClusters.password())
        .locations("filesystem:" + repo.resolve("db/migration"))
        .load()
        .migrate();
    return db;
  }

  private SchemaSnapshot snapshot(String db) throws SQLException {
    try (Connection c = TestClusters.admin(db)) {
      return Snapshots.take(c, SnapshotOptions.defaults());
    }
  }

  private List<DriftItem> drift(SchemaSnapshot production) {
    return Snapshots.drift(repo, migrations, expected, production);
  }

  @Test
  void a_database_built_purely_from_the_migrations_has_no_drift() throws SQLException {
    SchemaSnapshot production = snapshot(production());
    assertThat(production.history()).extracting(h -> h.id().orElse("")).containsExactly("1", "2");
    assertThat(drift(production))
        .as("Flyway's checksums equal ours, the schema equals the replay")
        .isEmpty();
  }

  @Test
  void the_expected_schema_is_cached_by_the_migrations_hash() throws IOException {
    try (var files = Files.list(cache)) {
      assertThat(files.filter(f -> f.toString().endsWith(".json")).count()).isEqualTo(1);
    }
    long t0 = System.nanoTime();
    SchemaSnapshot again = Snapshots.expected(TestClusters.provider(), migrations, cache);
    assertThat(again).isEqualTo(expected);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .as("read from the cache, not replayed")
        .isLessThan(Duration.ofMillis(500));
  }

  @Test
  void hand_made_drift_is_reported_item_by_item() throws SQLException {
    String db = production();
    try (Connection c = TestClusters.admin(db)) {
      TestClusters.exec(
          c,
          """
          ALTER TABLE customers ADD COLUMN vip boolean;
          DROP INDEX customers_email_idx;
          CREATE OR REPLACE VIEW open_orders AS SELECT id, amount FROM orders WHERE status NOT IN ('done', 'void');
          ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';
          INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
            installed_by, execution_time, success) VALUES (3, '3', 'hotfix', 'SQL', 'V3__hotfix.sql', 42, 'dba', 1, true);
          UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1';
          """);
    }
    List<DriftItem> items = drift(snapshot(db));
    assertThat(items)
        .extracting(i -> i.kind() + " " + i.objectType() + " " + i.object())
        .containsExactlyInAnyOrder(
            "extra column public.customers.vip",
            "missing index public.customers_email_idx",
            "changed view public.open_orders",
            "changed column public.orders.status",
            "migration_unknown migration V3 V3__hotfix.sql",
            "checksum_mismatch migration V1 V1__customers.sql");
    assertThat(items)
        .filteredOn(i -> i.object().equals("public.orders.status"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.expected()).contains("'new'::text");
              assertThat(i.actual()).contains("'pending'::text");
              assertThat(i.message()).contains("default");
            });
    assertThat(items)
        .filteredOn(i -> i.kind().equals("checksum_mismatch"))
        .singleElement()
        .satisfies(i -> assertThat(i.actual()).contains("12345"));
  }

  @Test
  void a_migration_production_has_not_applied_is_reported() throws SQLException {
    String db = production();
    try (Connection c = TestClusters.admin(db)) {
      TestClusters.exec(c, "DELETE FROM flyway_schema_history WHERE version = '2'");
    }
    assertThat(drift(snapshot(db)))
        .extracting(DriftItem::kind)
        .containsExactly("migration_not_applied");
  }

  @Test
  void a_role_with_only_connect_and_pg_read_all_stats_snapshots_everything_but_the_history_rows()
      throws SQLException {
    String db = production();
    try (Connection c = TestClusters.admin(db)) {
      TestClusters.exec(
          c,
          """
          DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'warden_snapshot') THEN
            CREATE ROLE warden_snapshot LOGIN PASSWORD 'snap'; END IF; END $$;
          GRANT pg_read_all_stats TO warden_snapshot;
          CREATE FUNCTION secret_rule(int) RETURNS int LANGUAGE sql AS 'SELECT $1 * 7';
          REVOKE ALL ON FUNCTION secret_rule(int) FROM PUBLIC;
          REVOKE ALL ON SCHEMA public FROM PUBLIC;
          """);
      TestClusters.exec(
          c,
          "REVOKE CONNECT ON DATABASE "
              + db
              + " FROM PUBLIC; GRANT CONNECT ON DATABASE "
              + db
              + " TO warden_snapshot");
    }
    SchemaSnapshot full = snapshot(db);
    SchemaSnapshot limited;
    try (Connection c =
        java.sql.DriverManager.getConnection(TestClusters.url(db), "warden_snapshot", "snap")) {
      limited = Snapshots.take(c, SnapshotOptions.defaults());
      assertThat(c.getAutoCommit()).as("the connection is handed back as it came").isTrue();
    }
    assertThat(limited.unreadable())
        .singleElement()
        .asString()
        .contains("public.flyway_schema_history")
        .contains("GRANT SELECT ON \"public\".\"flyway_schema_history\"");
    assertThat(limited.history()).isEmpty();
    assertThat(Snapshots.diff(full, limited)).as("catalog definitions need no grant").isEmpty();
    assertThat(limited.routines())
        .filteredOn(r -> r.name().equals("secret_rule"))
        .singleElement()
        .satisfies(r -> assertThat(r.definition()).get().asString().contains("$1 * 7"));
    assertThat(limited.statistics().relations())
        .extracting(SchemaSnapshot.RelationStats::relation)
        .contains("public.orders", "public.customers");
  }

  @Nested
  class Relevant {
    @Test
    void renaming_a_column_a_production_only_view_reads_is_blocked_naming_both()
        throws SQLException {
      String db = production();
      try (Connection c = TestClusters.admin(db)) {
        TestClusters.exec(
            c, "CREATE VIEW order_report AS SELECT status, count(*) FROM orders GROUP BY status");
      }
      SchemaSnapshot production = snapshot(db);
      List<Migration> pr =
          List.of(migration("ALTER TABLE orders RENAME COLUMN status TO state;\n"));
      List<DriftFinding> findings = Snapshots.relevantDrift(pr, expected, production);
      assertThat(findings)
          .filteredOn(f -> f.rule().equals("DR102"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.objects())
                    .containsExactly("public.orders.status", "public.order_report");
                assertThat(f.message())
                    .contains("public.orders.status")
                    .contains("public.order_report");
                assertThat(f.span()).get().satisfies(s -> assertThat(s.line()).isEqualTo(1));
              });
    }

    @Test
    void a_statement_on_a_drifted_table_is_a_warning_and_other_drift_is_not_a_finding()
        throws SQLException {
      String db = production();
      try (Connection c = TestClusters.admin(db)) {
        TestClusters.exec(
            c, "ALTER TABLE customers ADD COLUMN vip boolean; CREATE TABLE hotfix (id int)");
      }
      SchemaSnapshot production = snapshot(db);
      List<DriftFinding> findings =
          Snapshots.relevantDrift(
              List.of(migration("ALTER TABLE customers ADD COLUMN vip_since date;\n")),
              expected,
              production);
      assertThat(findings)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.rule()).isEqualTo("DR101");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.message()).contains("public.customers").contains("vip");
              });
      assertThat(
              Snapshots.relevantDrift(
                  List.of(migration("ALTER TABLE orders ADD COLUMN note text;\n")),
                  expected,
                  production))
          .as("hotfix and customers drift do not concern orders")
          .isEmpty();
    }

    @Test
    void an_old_snapshot_is_stale() {
      SchemaSnapshot old = expected;
      assertThat(
              Snapshots.staleness(old, old.takenAt().plus(Duration.ofDays(10)), Duration.ofDays(7)))
          .get()
          .satisfies(f -> assertThat(f.rule()).isEqualTo("DR103"));
      assertThat(
              Snapshots.staleness(old, old.takenAt().plus(Duration.ofHours(1)), Duration.ofDays(7)))
          .isEmpty();
    }

    private Migration migration(String sql) {
      var parsed = Engines.forName("postgres").parser().parse("db/migration/V3__change.sql", sql);
      return new Migration(
          "db/migration/V3__change.sql",
          dev.schemawarden.analyzers.api.MigrationTool.FLYWAY,
          Migration.Kind.VERSIONED,
          java.util.Optional.of("3"),
          "change",
          true,
          parsed.statements(),
          parsed.comments());
    }
  }
}
