package dev.schemawarden.drift.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics a MySQL/MariaDB snapshot carries for the impact model, on the shared embedded MariaDB 11.4 (with
 * performance_schema on): sizes and rows from information_schema.TABLES, write counters and their window from
 * performance_schema; for a user who may not read performance_schema, no counters and no window, so writes/s is 0
 * rather than a guess; and all of it survives the JSON file.
 */
class MysqlSnapshotStatisticsTest {
  private static SchemaSnapshot snapshot;
  private static SchemaSnapshot withoutCounters;

  @BeforeAll
  static void a_database_with_a_filled_and_an_empty_table() throws Exception {
    try (Connection c = SharedMariadb.get().connect("stats_shop");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, note CHAR(200)) ENGINE=InnoDB");
      st.execute("CREATE TABLE IF NOT EXISTS empty_t (id INT PRIMARY KEY) ENGINE=InnoDB");
      st.execute("INSERT IGNORE INTO orders SELECT seq, 'x' FROM seq_1_to_5000");
      st.execute("ANALYZE TABLE orders, empty_t");
      snapshot = Snapshots.take(c, SnapshotOptions.defaults());
      st.execute("CREATE USER IF NOT EXISTS 'stats_reader'@'localhost' IDENTIFIED BY 'reader-pw'");
      st.execute("GRANT SELECT ON stats_shop.* TO 'stats_reader'@'localhost'");
    }
    String url =
        SharedMariadb.get()
            .adminUrl()
            .replace("/?user=root", "/stats_shop?user=stats_reader&password=reader-pw");
    try (Connection reader = java.sql.DriverManager.getConnection(url)) {
      withoutCounters = Snapshots.take(reader, SnapshotOptions.defaults());
    }
  }

  @Test
  void sizes_and_rows_come_from_information_schema_and_writes_from_performance_schema() {
    SchemaSnapshot.RelationStats orders = relation(snapshot, "stats_shop.orders");
    SchemaSnapshot.RelationStats empty = relation(snapshot, "stats_shop.empty_t");

    assertThat(orders.totalBytes())
        .as("5,000 rows of ~220 bytes: DATA_LENGTH + INDEX_LENGTH")
        .isGreaterThan(500_000);
    assertThat(orders.tuples())
        .as("InnoDB's row estimate after ANALYZE")
        .isBetween(2_500.0, 10_000.0);
    assertThat(empty.totalBytes()).as("an empty InnoDB table is one page").isEqualTo(16_384);
    assertThat(empty.tuples()).isZero();
    assertThat(orders.inserts())
        .as("the 5,000 inserts, counted by performance_schema")
        .isGreaterThanOrEqualTo(5_000);
    assertThat(snapshot.statistics().countersSince())
        .as("the counters' window: since the server started")
        .isPresent();
    assertThat(snapshot.statistics().writesPerSecond(orders)).isPositive();
  }

  @Test
  void a_user_who_may_not_read_performance_schema_gets_sizes_and_no_write_counters() {
    SchemaSnapshot.RelationStats orders = relation(withoutCounters, "stats_shop.orders");

    assertThat(orders.totalBytes())
        .as("sizes still come from information_schema")
        .isGreaterThan(500_000);
    assertThat(orders.inserts() + orders.updates() + orders.deletes())
        .as("no counters readable")
        .isZero();
    assertThat(withoutCounters.statistics().countersSince())
        .as("no counters, so no window: writes/s is 0, not 5,000/uptime")
        .isEmpty();
    assertThat(withoutCounters.statistics().writesPerSecond(orders)).isZero();
  }

  @Test
  void the_statistics_reach_the_snapshot_file_as_postgresql_s_do() {
    SchemaSnapshot read = Snapshots.fromJson(Snapshots.toJson(snapshot));

    assertThat(read.statistics())
        .as("relations, sizes, rows and read_at round-trip")
        .isEqualTo(snapshot.statistics());
    assertThat(Snapshots.toJson(snapshot))
        .contains("\"total_bytes\"")
        .contains("\"stats_shop.orders\"");
  }

  private static SchemaSnapshot.RelationStats relation(SchemaSnapshot snapshot, String name) {
    return snapshot.statistics().relations().stream()
        .filter(r -> r.relation().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(name + " not in " + snapshot.statistics().relations()));
  }
}
