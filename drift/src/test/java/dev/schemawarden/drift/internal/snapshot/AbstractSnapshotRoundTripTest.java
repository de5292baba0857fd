package dev.schemawarden.drift.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SnapshotOptions;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.replica.api.Replica;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Snapshot -> DDL -> fresh database -> snapshot on a rich schema; one subclass per PostgreSQL major. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSnapshotRoundTripTest {
  abstract Clusters.Major major();

  abstract int expectedMajor();

  private SchemaSnapshot original;

  @BeforeAll
  void build_the_rich_schema() throws SQLException {
    Clusters.roles(major(), "app_owner", "app_reader");
    String db = Clusters.createDatabase(major(), "rich");
    Clusters.script(major(), db, Clusters.resource("/snapshot/rich-schema.sql") + ";ANALYZE");
    try (Connection c = Clusters.admin(major(), db)) {
      original = Snapshots.take(c, SnapshotOptions.defaults());
    }
  }

  @Test
  void the_snapshot_reads_every_kind_of_object() {
    assertThat(original.server().versionNum() / 10000).isEqualTo(expectedMajor());
    assertThat(original.schemas())
        .extracting(SchemaSnapshot.Schema::name)
        .containsExactly("public", "shop");
    assertThat(original.types())
        .extracting(SchemaSnapshot.TypeDef::name)
        .containsExactly("email", "money_pair", "status");
    SchemaSnapshot.Table orders = original.table("shop", "orders").orElseThrow();
    assertThat(orders.owner()).isEqualTo("app_owner");
    assertThat(orders.column("tax").orElseThrow().generated())
        .get()
        .asString()
        .contains("shop.tax(amount)");
    assertThat(orders.column("status").orElseThrow().defaultExpr()).contains("'new'::shop.status");
    assertThat(orders.constraints())
        .filteredOn(k -> k.name().equals("amount_cap"))
        .singleElement()
        .satisfies(k -> assertThat(k.validated()).isFalse());
    assertThat(orders.acl()).anyMatch(a -> a.startsWith("app_reader=r/"));
    assertThat(
            original.table("shop", "customers").orElseThrow().column("id").orElseThrow().identity())
        .contains("always");
    assertThat(original.sequences())
        .extracting(SchemaSnapshot.Sequence::name)
        .as("the identity column's sequence belongs to the column")
        .containsExactly("invoice_no", "orders_id_seq");
    assertThat(original.routines())
        .extracting(SchemaSnapshot.Routine::signature)
        .contains(
            "shop.archive(IN days integer)",
            "shop.order_total(o shop.orders)",
            "shop.tax(numeric)",
            "shop.touch()");
    assertThat(original.dependencies())
        .contains(
            new SchemaSnapshot.Dependency(
                "shop.open_orders", "view", "shop.orders", java.util.Optional.of("status")));
    assertThat(original.statistics().relations())
        .filteredOn(r -> r.relation().equals("shop.orders"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.inserts()).isEqualTo(1);
              assertThat(r.totalBytes()).isPositive();
            });
    assertThat(original.statistics().countersSince())
        .as("when the cumulative counters started, for a rate")
        .isPresent()
        .get()
        .matches(t -> !t.isAfter(original.statistics().readAt().orElseThrow()));
    assertThat(original.unreadable()).isEmpty();
    assertThat(Snapshots.toJson(original)).doesNotContain("a@b").as("no row data");
  }

  @Test
  void writes_per_second_is_the_write_counters_over_their_lifetime() {
    java.time.Instant read = java.time.Instant.parse("2026-11-22T12:00:00Z");
    SchemaSnapshot.RelationStats orders =
        new SchemaSnapshot.RelationStats(
            "shop.orders", "table", 1, 0, 1, 10, 3_000, 500, 100, 0, 0);
    SchemaSnapshot.Statistics hour =
        new SchemaSnapshot.Statistics(
            java.util.Optional.of(read),
            java.util.List.of(orders),
            java.util.Optional.of(read.minusSeconds(3_600)));
    assertThat(hour.writesPerSecond(orders)).isEqualTo(3_600 / 3_600.0);
    assertThat(
            new SchemaSnapshot.Statistics(java.util.Optional.of(read), java.util.List.of(orders))
                .writesPerSecond(orders))
        .as("an older snapshot without the counters' start gives no rate")
        .isZero();
  }

  @Test
  void the_json_file_reads_back_to_the_same_snapshot() {
    String json = Snapshots.toJson(original);
    assertThat(Snapshots.fromJson(json)).isEqualTo(original);
    assertThat(Snapshots.toJson(Snapshots.fromJson(json))).isEqualTo(json);
  }

  @Test
  void ddl_rebuilds_a_schema_whose_snapshot_is_identical_except_statistics() throws SQLException {
    String copy = Clusters.createDatabase(major(), "copy");
    SchemaSnapshot rebuilt;
    Clusters.script(major(), copy, Snapshots.toDdl(original));
    try (Connection c = Clusters.admin(major(), copy)) {
      rebuilt = Snapshots.take(c, SnapshotOptions.defaults());
    }
    assertThat(Snapshots.toJson(rebuilt.structure()))
        .as("the round trip keeps every object, definition, owner and grant")
        .isEqualTo(Snapshots.toJson(original.structure()));
    assertThat(Snapshots.diff(original, rebuilt)).isEmpty();
  }

  @Test
  void the_replica_provider_builds_a_template_from_a_snapshot() throws SQLException {
    try (Replica replica = Clusters.provider(major()).create(Snapshots.source(original));
        Connection c = replica.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM shop.orders")) {
      rs.next();
      assertThat(rs.getLong(1)).as("structure only, no rows").isZero();
      SchemaSnapshot replicaSnapshot = Snapshots.take(c, SnapshotOptions.defaults());
      assertThat(Snapshots.diff(original, replicaSnapshot))
          .as("owners and grants aside, the same schema")
          .isEmpty();
    }
  }
}
