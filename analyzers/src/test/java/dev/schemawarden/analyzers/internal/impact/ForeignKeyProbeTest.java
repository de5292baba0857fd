package dev.schemawarden.analyzers.internal.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceAnalysis.ForeignKeyGap;
import dev.schemawarden.analyzers.api.TraceResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TR106's catalog probe on a real server: which foreign keys an index covers. Eugene's E15 counts only a complete
 * index, so a partial one must leave the key uncovered.
 */
class ForeignKeyProbeTest {

  private static EmbeddedPostgres pg;
  private static Connection c;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgres.start();
    c = pg.getPostgresDatabase().getConnection();
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
    pg.close();
  }

  @BeforeEach
  void schema() throws SQLException {
    run(
        "CREATE SCHEMA t",
        "CREATE TABLE t.customers (id bigint PRIMARY KEY, region int, UNIQUE (id, region))",
        "CREATE TABLE t.orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES t.customers (id),"
            + " region int, deleted boolean)");
  }

  @AfterEach
  void drop() throws SQLException {
    run("DROP SCHEMA t CASCADE");
  }

  private static void run(String... sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private static List<String> uncovered() throws SQLException {
    return ForeignKeyProbe.uncovered(c, Set.of()).stream()
        .map(g -> g.table() + "(" + String.join(",", g.columns()) + ")")
        .toList();
  }

  @Test
  void a_foreign_key_without_an_index_is_uncovered() throws SQLException {
    assertThat(uncovered())
        .as("nothing indexes orders.customer_id")
        .containsExactly("t.orders(customer_id)");
  }

  @Test
  void a_complete_index_on_the_referencing_column_covers_it() throws SQLException {
    run("CREATE INDEX orders_customer_idx ON t.orders (customer_id)");
    assertThat(uncovered()).as("a full index on customer_id").isEmpty();
  }

  @Test
  void a_partial_index_does_not_cover_the_foreign_key() throws SQLException {
    run("CREATE INDEX orders_live_customer_idx ON t.orders (customer_id) WHERE NOT deleted");
    assertThat(uncovered())
        .as("deleting a customer must still find deleted orders: a partial index cannot serve it")
        .containsExactly("t.orders(customer_id)");
  }

  @Test
  void the_columns_must_lead_the_index_in_any_order() throws SQLException {
    run(
        "ALTER TABLE t.orders ADD CONSTRAINT orders_customer_region_fk FOREIGN KEY (customer_id, region)"
            + " REFERENCES t.customers (id, region)",
        "CREATE INDEX orders_region_customer_idx ON t.orders (region, customer_id, id)");
    assertThat(uncovered())
        .as(
            "(region, customer_id) leads the index: the composite key is covered, customer_id"
                + " alone is not the leading column")
        .containsExactly("t.orders(customer_id)");

    run(
        "DROP INDEX t.orders_region_customer_idx",
        "CREATE INDEX orders_id_customer_idx ON t.orders (id, customer_id)");
    assertThat(uncovered())
        .as("customer_id second behind id does not cover either key")
        .containsExactlyInAnyOrder("t.orders(customer_id)", "t.orders(customer_id,region)");
  }

  @Test
  void hostile_names_are_reported_as_the_catalog_spells_them() throws SQLException {
    run("CREATE TABLE t.\"x'); DROP TABLE t.orders; --\" (c bigint REFERENCES t.customers (id))");
    List<ForeignKeyGap> gaps = ForeignKeyProbe.uncovered(c, Set.of());
    assertThat(gaps)
        .as("the odd table name comes back as a quoted identifier, ready to be put into SQL")
        .extracting(ForeignKeyGap::table)
        .contains("t.\"x'); DROP TABLE t.orders; --\"", "t.orders");
  }

  @Test
  void the_index_tr106_suggests_for_a_hostile_table_creates_that_index_and_nothing_else()
      throws SQLException {
    run(
        "CREATE TABLE t.\"x; DROP TABLE t.orders; --\" (\"c)\" bigint REFERENCES t.customers (id))");
    ForeignKeyGap gap =
        ForeignKeyProbe.uncovered(c, Set.of()).stream()
            .filter(g -> g.table().contains("DROP"))
            .findFirst()
            .orElseThrow();
    SqlStatement s =
        new SqlStatement(
            0,
            "CREATE TABLE x ()",
            new SourceSpan("V2__x.sql", 1, 1, 1, 1),
            new Change.Unknown("test"),
            SqlStatement.ParsedBy.CLASSIFIER,
            Optional.empty());
    TraceResult.TracedStatement traced =
        new TraceResult.TracedStatement(
            "V2__x.sql",
            s,
            TraceResult.Status.OK,
            new StatementEffects(
                StatementEffects.Source.TRACED,
                List.of(),
                List.of(),
                List.of(),
                Optional.of(Duration.ofMillis(1)),
                Optional.empty(),
                Optional.empty()),
            Optional.empty(),
            List.of(),
            Optional.of("2s"),
            true,
            List.of(),
            List.of());
    Finding tr106 =
        TraceVerdicts.analyze(
                new TraceResult(List.of(traced), new ServerVersion(17, 0), Duration.ofMillis(1)),
                x -> Optional.empty(),
                TraceAnalysis.Statistics.NONE,
                Optional.empty(),
                List.of(gap))
            .findings()
            .stream()
            .filter(f -> f.rule().equals("TR106"))
            .findFirst()
            .orElseThrow();

    run(tr106.fixes().get(0).sql());

    assertThat(uncovered())
        .as("the suggested index covers the hostile table's key")
        .doesNotContain(gap.table() + "(" + String.join(",", gap.columns()) + ")");
    assertThat(uncovered())
        .as("t.orders still exists: the name was never run as SQL")
        .contains("t.orders(customer_id)");
  }
}
