package dev.schemawarden.drift.internal.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Engines;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.internal.mysql.EmbeddedMariadb;
import dev.schemawarden.drift.api.DriftFinding;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot and drift on a real embedded MariaDB 11.4 ({@link SharedMariadb}): production {@code shop} is built
 * from a Flyway history plus a column added by hand, read by a user with SELECT, SHOW VIEW and SHOW CREATE ROUTINE
 * only; the expected schema is the same history replayed in a sandbox database; the drift is exactly the hotfix
 * column.
 */
class MysqlSnapshotDriftTest {

  private static final String V1 =
      """
      CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(120) NOT NULL,
        UNIQUE KEY customers_email (email)) ENGINE=InnoDB;
      CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL,
        total DECIMAL(10,2) NOT NULL DEFAULT 0, status ENUM('new','paid') NOT NULL DEFAULT 'new',
        created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
        CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
        CONSTRAINT orders_total_positive CHECK (total >= 0)) ENGINE=InnoDB;
      CREATE INDEX orders_status_idx ON orders (status, created_at DESC);
      """;
  private static final String V2 =
      """
      CREATE VIEW paid_orders AS SELECT o.id, o.total FROM orders o WHERE o.status = 'paid';
      CREATE TRIGGER orders_audit BEFORE UPDATE ON orders FOR EACH ROW SET NEW.total = NEW.total;
      CREATE FUNCTION order_count() RETURNS INT READS SQL DATA RETURN (SELECT COUNT(*) FROM orders);
      """;

  @TempDir static Path cache;
  private static EmbeddedMariadb server;
  private static MysqlReplicaProvider provider;
  private static SchemaSnapshot production;
  private static SchemaSnapshot expected;

  @BeforeAll
  static void production_with_a_hotfix_and_the_replayed_history() throws Exception {
    server = SharedMariadb.get();
    provider =
        MysqlReplicaProvider.server("mariadb", server.adminUrl(), ReplicaSettings.defaults());
    try (Connection root = server.connect("shop");
        Statement st = root.createStatement()) {
      for (Migration m : history()) {
        for (var s : m.statements()) {
          st.execute(s.sql());
        }
      }
      st.execute(
          "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50),"
              + " description VARCHAR(200), type VARCHAR(20), script VARCHAR(1000), checksum INT, installed_by"
              + " VARCHAR(100), installed_on TIMESTAMP DEFAULT CURRENT_TIMESTAMP, execution_time INT, success BOOL)");
      st.execute(
          "INSERT INTO flyway_schema_history VALUES (1, '1', 'base', 'SQL', 'V1__base.sql', 12345, 'ci',"
              + " DEFAULT, 5, 1), (2, '2', 'views', 'SQL', 'V2__views.sql', -42, 'ci', DEFAULT, 3, 1)");
      st.execute("ALTER TABLE orders ADD COLUMN hotfix_note VARCHAR(40)"); // by hand, at 3 am
      st.execute("CREATE USER warden_snapshot@'%' IDENTIFIED BY 'ro'");
      st.execute("CREATE USER warden_snapshot@localhost IDENTIFIED BY 'ro'");
      for (String host : List.of("'%'", "localhost")) {
        st.execute(
            "GRANT SELECT, SHOW VIEW, SHOW CREATE ROUTINE ON shop.* TO warden_snapshot@" + host);
      }
    }
    String url = server.adminUrl().replace("/?user=root", "/shop?user=warden_snapshot&password=ro");
    try (Connection ro = DriverManager.getConnection(url)) {
      production = Snapshots.take(ro, SnapshotOptions.defaults());
    }
    expected = Snapshots.expected(provider, history(), cache);
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  static List<Migration> history() {
    return List.of(migration("V1__base.sql", V1), migration("V2__views.sql", V2));
  }

  static Migration migration(String file, String sql) {
    String path = "db/migration/" + file;
    return new Migration(
        path,
        MigrationTool.FLYWAY,
        Migration.Kind.VERSIONED,
        Optional.of(file.substring(1, 2)),
        file,
        false,
        Engines.forName("mariadb").parser().parse(path, sql).statements(),
        List.of());
  }

  @Test
  void the_drift_is_exactly_the_column_added_by_hand() {
    List<DriftItem> drift = Snapshots.diff(expected, production);

    assertThat(drift)
        .as("the replayed sandbox database is compared as shop; %s", drift)
        .extracting(DriftItem::kind, DriftItem::objectType, DriftItem::object)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("extra", "column", "shop.orders.hotfix_note"));
  }

  @Test
  void the_snapshot_reads_tables_keys_indexes_views_routines_and_history_with_read_only_grants() {
    assertThat(production.engine()).as("the engine is the server's").isEqualTo("mariadb");
    assertThat(production.server().versionNum())
        .as("11.4.5 as MariaDB numbers it")
        .isEqualTo(110405);
    assertThat(production.schemas())
        .extracting(SchemaSnapshot.Schema::name)
        .containsExactly("shop");
    SchemaSnapshot.Table orders = production.table("shop", "orders").orElseThrow();
    assertThat(orders.column("id").orElseThrow().identity()).contains("auto_increment");
    assertThat(orders.constraints())
        .extracting(SchemaSnapshot.Constraint::definition)
        .as("named in SQL, this" + " database's name left out")
        .contains(
            "FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`)"
                + " ON UPDATE RESTRICT ON DELETE CASCADE",
            "PRIMARY KEY (`id`)");
    assertThat(orders.indexes())
        .extracting(SchemaSnapshot.Index::definition)
        .contains("CREATE INDEX `orders_status_idx` ON `orders` (`status`, `created_at` DESC)");
    assertThat(production.views())
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.definition())
                    .as("the server's definition without shop's name")
                    .contains("from `orders`")
                    .doesNotContain("`shop`."));
    assertThat(production.dependencies())
        .as("the view uses orders' id, total and status, not created_at")
        .filteredOn(d -> d.column().isPresent())
        .extracting(d -> d.column().get())
        .containsExactlyInAnyOrder("id", "total", "status");
    assertThat(production.routines())
        .extracting(SchemaSnapshot.Routine::signature)
        .containsExactly("shop.order_count()");
    assertThat(production.history())
        .extracting(SchemaSnapshot.AppliedMigration::script, a -> a.checksum().orElse(""))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("V1__base.sql", "12345"),
            org.assertj.core.groups.Tuple.tuple("V2__views.sql", "-42"));
    assertThat(production.routines())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.definition())
                    .as("SHOW CREATE" + " ROUTINE reads the body")
                    .hasValueSatisfying(
                        d ->
                            assertThat(d)
                                .containsIgnoringCase("count(*)")
                                .contains("FROM orders")));
    assertThat(production.unreadable())
        .as(
            "a read-only user sees no triggers (that takes TRIGGER, which could"
                + " create them) and is told so, with the GRANT")
        .singleElement()
        .asString()
        .startsWith("triggers:");
    assertThat(production.statistics().relations())
        .extracting(SchemaSnapshot.RelationStats::relation)
        .contains("shop.orders", "shop.customers");
  }

  @Test
  void the_expected_schema_reads_what_the_sandbox_user_may_see_and_is_cached_per_engine() {
    assertThat(expected.engine()).isEqualTo("mariadb");
    assertThat(expected.tables().stream().flatMap(t -> t.triggers().stream()))
        .as("the sandbox user owns its database, triggers included")
        .hasSize(1);
    assertThat(cache.toFile().list())
        .as("cached apart from a PostgreSQL replay of the same history")
        .anyMatch(f -> f.endsWith("-mariadb.json"));
    assertThat(Snapshots.expected(provider, history(), cache))
        .as("the second call reads the cache")
        .isEqualTo(expected);
  }

  @Test
  void the_snapshot_file_names_the_engine_and_reads_back_equal() {
    String json = Snapshots.toJson(production);

    assertThat(json).contains("\"engine\" : \"mariadb\"");
    assertThat(Snapshots.fromJson(json)).isEqualTo(production);
  }

  @Test
  void a_change_to_the_drifted_table_gets_dr101_naming_it() {
    Migration change =
        migration(
            "V3__widen.sql",
            "ALTER TABLE orders MODIFY total DECIMAL(12,2) NOT NULL;\n"
                + "ALTER TABLE customers ADD COLUMN name VARCHAR(40);\n");

    List<DriftFinding> findings = Snapshots.relevantDrift(List.of(change), expected, production);

    assertThat(findings)
        .as("only the statement on orders, the unqualified name read in shop")
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo(DriftFinding.TOUCHES_DRIFTED_OBJECT);
              assertThat(f.objects()).contains("shop.orders", "shop.orders.hotfix_note");
              assertThat(f.span().orElseThrow().line()).isEqualTo(1);
            });
  }
}
