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
 * The statistics a MySQL/MariaDB snapshot carries for the impact model, on the shared embedded MariaDB 11.4, which
 * runs with performance_schema off (MariaDB's default): sizes and rows from information_schema.TABLES, no write
 * counters and no counters' window, so writes/s is 0 rather than a guess; and all of it survives the JSON file.
 */
class MysqlSnapshotStatisticsTest {
  private static SchemaSnapshot snapshot;

  @BeforeAll
  static void a_database_with_a_filled_and_an_empty_table() throws Exception {
    try (Connection c = SharedMariadb.get().connect("stats_shop"); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, note CHAR(200)) ENGINE=InnoDB");
      st.execute("CREATE TABLE IF NOT EXISTS empty_t (id INT PRIMARY KEY) ENGINE=InnoDB");
      st.execute("INSERT IGNORE INTO orders SELECT seq, 'x' FROM seq_1_to_5000");
      st.execute("ANALYZE TABLE orders, empty_t");
      snapshot = Snapshots.take(c, SnapshotOptions.defaults());
    }
  }

  @Test
  void sizes_and_rows_come_from_information_schema_and_writes_stay_unknown_without_performance_schema() {
    SchemaSnapshot.RelationStats orders = relation("stats_shop.orders");
    SchemaSnapshot.RelationStats empty = relation("stats_shop.empty_t");

    assertThat(orders.totalBytes()).as("5,000 rows of ~220 bytes: DATA_LENGTH + INDEX_LENGTH")
        .isGreaterThan(500_000);
    assertThat(orders.tuples()).as("InnoDB's row estimate after ANALYZE").isBetween(2_500.0, 10_000.0);
    assertThat(empty.totalBytes()).as("an empty InnoDB table is one page").isEqualTo(16_384);
    assertThat(empty.tuples()).isZero();
    assertThat(orders.inserts() + orders.updates() + orders.deletes()).as("performance_schema is off").isZero();
    assertThat(snapshot.statistics().countersSince()).as("no counters, so no window: writes/s is 0, not 5,000/uptime")
        .isEmpty();
    assertThat(snapshot.statistics().writesPerSecond(orders)).isZero();
  }

  @Test
  void the_statistics_reach_the_snapshot_file_as_postgresql_s_do() {
    SchemaSnapshot read = Snapshots.fromJson(Snapshots.toJson(snapshot));

    assertThat(read.statistics()).as("relations, sizes, rows and read_at round-trip").isEqualTo(snapshot.statistics());
    assertThat(Snapshots.toJson(snapshot)).contains("\"total_bytes\"").contains("\"stats_shop.orders\"");
  }

  private static SchemaSnapshot.RelationStats relation(String name) {
    return snapshot.statistics().relations().stream().filter(r -> r.relation().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + snapshot.statistics().relations()));
  }
}
