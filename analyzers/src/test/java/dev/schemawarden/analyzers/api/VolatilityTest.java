package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one list of volatile functions, held against a real PostgreSQL's {@code pg_proc.provolatile}. */
class VolatilityTest {
  /** In the list ahead of the embedded server: PostgreSQL 18's built-in UUID functions. */
  private static final Set<String> NEWER_THAN_THE_SERVER = Set.of("uuidv4", "uuidv7");

  /** Stable or immutable functions migrations use as defaults: adding a column with one must not rewrite. */
  private static final List<String> NOT_VOLATILE =
      List.of(
          "now",
          "statement_timestamp",
          "transaction_timestamp",
          "txid_current",
          "pg_current_xact_id",
          "current_setting",
          "current_database",
          "localtimestamp",
          "timezone",
          "to_char",
          "md5",
          "lower",
          "upper");

  private static EmbeddedPostgres pg;
  private static Connection c;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgres.start();
    c = pg.getPostgresDatabase().getConnection();
    for (String ext : List.of("\"uuid-ossp\"", "pgcrypto")) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE EXTENSION IF NOT EXISTS " + ext);
      } catch (SQLException e) {
        // a bundle without contrib: its functions are then judged as absent, below
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
    pg.close();
  }

  private static Map<String, Set<String>> provolatile(Set<String> names) throws SQLException {
    Map<String, Set<String>> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT proname, provolatile::text FROM pg_proc WHERE proname = ANY (?)")) {
      Array array = c.createArrayOf("text", names.toArray());
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  @Test
  void every_listed_function_the_server_has_is_volatile_in_pg_proc() throws SQLException {
    Map<String, Set<String>> server = provolatile(Volatility.VOLATILE_FUNCTIONS);
    server.forEach(
        (name, kinds) ->
            assertThat(kinds)
                .as(
                    "%s is listed volatile, so pg_proc.provolatile must be 'v' for every overload",
                    name)
                .containsOnly("v"));
    Set<String> absent = new HashSet<>(Volatility.VOLATILE_FUNCTIONS);
    absent.removeAll(server.keySet());
    absent.removeAll(NEWER_THAN_THE_SERVER);
    absent.removeIf(
        n -> n.startsWith("uuid_generate_") || n.equals("gen_random_bytes")); // contrib, if missing
    assertThat(absent)
        .as("a listed name the server does not know is a typo or needs a reason here")
        .isEmpty();
  }

  @Test
  void stable_functions_are_not_listed_and_are_not_volatile_in_pg_proc() throws SQLException {
    Map<String, Set<String>> server = provolatile(Set.copyOf(NOT_VOLATILE));
    for (String name : NOT_VOLATILE) {
      assertThat(Volatility.isVolatileDefault(name + "()"))
          .as("%s() is not volatile", name)
          .isFalse();
      server
          .getOrDefault(name, Set.of())
          .forEach(
              kind -> assertThat(kind).as("pg_proc says %s is %s", name, kind).isNotEqualTo("v"));
    }
  }

  @ParameterizedTest(name = "DEFAULT {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      statement_timestamp()
      now()
      `'random()'`
      clock_timestamp()
      random()
      gen_random_uuid()
      timeofday()
      """)
  void a_default_rewrites_the_table_exactly_when_the_list_calls_it_volatile(String expr)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS v; CREATE TABLE v (id int); INSERT INTO v VALUES (1)");
      long before = filenode(st);
      st.execute("ALTER TABLE v ADD COLUMN d text DEFAULT " + expr);
      boolean rewritten = filenode(st) != before;
      assertThat(Volatility.isVolatileDefault(expr))
          .as(
              "the server %s the table for DEFAULT %s",
              rewritten ? "rewrote" : "did not rewrite", expr)
          .isEqualTo(rewritten);
    }
  }

  private static long filenode(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT pg_relation_filenode('v')")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
