package dev.schemawarden.analyzers.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresTransactionRulesTest {
  private final PostgresEngine engine = new PostgresEngine(false);

  private SqlStatement parsed(String sql) {
    return engine.parser().parse("V1__x.sql", sql).statements().get(0);
  }

  private static SqlStatement unclassified(String sql) {
    return new SqlStatement(
        0,
        sql,
        SourceSpan.ofLine("V1__x.sql", 1),
        new Change.Unknown("not parsed"),
        SqlStatement.ParsedBy.NONE,
        Optional.empty());
  }

  @ParameterizedTest(name = "PG{0}: {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      17 | CREATE INDEX CONCURRENTLY i ON t (a)          | true
      17 | CREATE INDEX i ON t (a)                       | false
      17 | DROP INDEX CONCURRENTLY IF EXISTS i           | true
      17 | DROP INDEX i                                  | false
      17 | REINDEX INDEX CONCURRENTLY i                  | true
      17 | REINDEX TABLE t                               | false
      17 | REINDEX DATABASE d                            | true
      17 | VACUUM t                                      | true
      17 | VACUUM (FULL) t                               | true
      17 | ALTER TABLE p DETACH PARTITION c CONCURRENTLY | true
      17 | ALTER TABLE p DETACH PARTITION c              | false
      17 | CREATE DATABASE d                             | true
      17 | DROP DATABASE d                               | true
      17 | CREATE TABLESPACE s LOCATION '/nowhere'       | true
      17 | DROP TABLESPACE s                             | true
      17 | ALTER SYSTEM SET work_mem = '1GB'             | true
      11 | ALTER TYPE mood ADD VALUE 'x'                 | true
      12 | ALTER TYPE mood ADD VALUE 'x'                 | false
      17 | CLUSTER                                       | true
      17 | CLUSTER t USING i                             | false
      17 | REFRESH MATERIALIZED VIEW CONCURRENTLY mv     | false
      17 | ALTER TABLE t ADD COLUMN a int                | false
      """)
  void knows_what_must_run_outside_a_transaction(int major, String sql, boolean outside) {
    assertThat(engine.mustRunOutsideTransaction(parsed(sql), new ServerVersion(major, 0)))
        .as(sql)
        .isEqualTo(outside);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      VACUUM orders                                                                      | true
      REINDEX (VERBOSE) SCHEMA public                                                    | true
      /* a comment */ CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)                        | true
      ALTER TABLE p ALTER COLUMN a SET DEFAULT E'\\'--', DETACH PARTITION c CONCURRENTLY | true
      ALTER TABLE p ALTER COLUMN a SET DEFAULT $$--$$, DETACH PARTITION c CONCURRENTLY   | true
      ALTER TABLE p ALTER COLUMN a SET DEFAULT E'/*', DETACH PARTITION c CONCURRENTLY    | true
      ALTER TABLE p ALTER COLUMN a SET DEFAULT $$ DETACH PARTITION c CONCURRENTLY $$     | false
      ALTER TABLE p SET (fillfactor = 70) /* DETACH PARTITION c CONCURRENTLY */          | false
      """)
  void a_statement_no_classifier_understood_is_judged_on_its_words_not_its_literals(
      String sql, boolean outside) {
    assertThat(engine.mustRunOutsideTransaction(unclassified(sql), ServerVersion.DEFAULT_POSTGRES))
        .as(
            "a -- or /* inside a literal hides nothing, a literal's words count for nothing: %s",
            sql)
        .isEqualTo(outside);
  }

  /**
   * The table against the server itself: every statement runs inside BEGIN ... ROLLBACK on a real PostgreSQL, and
   * the engine must say "outside" exactly for those the server refuses with SQLSTATE 25001.
   */
  @Test
  void agrees_with_a_real_postgresql_on_what_it_refuses_inside_a_transaction_block()
      throws Exception {
    List<String> statements =
        List.of(
            "CREATE INDEX CONCURRENTLY i2 ON t (a)",
            "CREATE INDEX i2 ON t (a)",
            "DROP INDEX CONCURRENTLY i",
            "DROP INDEX i",
            "REINDEX INDEX CONCURRENTLY i",
            "REINDEX INDEX i",
            "REINDEX TABLE t",
            "REINDEX SCHEMA public",
            "REINDEX DATABASE postgres",
            "REINDEX SYSTEM postgres",
            "VACUUM t",
            "VACUUM (FULL) t",
            "ANALYZE t",
            "CLUSTER",
            "CLUSTER t USING i",
            "ALTER TABLE p DETACH PARTITION c CONCURRENTLY",
            "ALTER TABLE p DETACH PARTITION c",
            "ALTER TABLE q DETACH PARTITION q1 FINALIZE",
            "CREATE DATABASE d2",
            "DROP DATABASE IF EXISTS d2",
            "CREATE TABLESPACE s LOCATION '/nowhere'",
            "DROP TABLESPACE IF EXISTS s",
            "ALTER SYSTEM SET work_mem = '1GB'",
            "ALTER TYPE mood ADD VALUE 'x'",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
            "REFRESH MATERIALIZED VIEW mv",
            "ALTER TABLE t ADD COLUMN b int DEFAULT random()",
            "TRUNCATE t",
            "CREATE SCHEMA s2");
    List<String> disagreements = new ArrayList<>();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        Connection c = pg.getPostgresDatabase().getConnection()) {
      exec(
          c,
          """
          CREATE TABLE t (a int); CREATE INDEX i ON t (a); CLUSTER t USING i;
          CREATE TABLE p (k int) PARTITION BY LIST (k); CREATE TABLE c PARTITION OF p FOR VALUES IN (1);
          CREATE TYPE mood AS ENUM ('ok');
          CREATE MATERIALIZED VIEW mv AS SELECT 1 AS k; CREATE UNIQUE INDEX ON mv (k)""");
      leaveDetachPending(pg, c);
      ServerVersion version = ServerVersion.fromVersionNum(serverVersionNum(c));
      for (String sql : statements) {
        Optional<SQLException> error = errorInTransactionBlock(c, sql);
        boolean refused = error.filter(e -> "25001".equals(e.getSQLState())).isPresent();
        if (refused != engine.mustRunOutsideTransaction(parsed(sql), version)) {
          disagreements.add(
              sql
                  + " (PostgreSQL "
                  + version
                  + ": "
                  + error.map(Throwable::getMessage).orElse("ran")
                  + ")");
        }
      }
    }
    assertThat(disagreements)
        .as("the engine's table must match the server's 25001 refusals")
        .isEmpty();
  }

  @Test
  void decodes_server_version_num_before_and_since_10() {
    assertThat(ServerVersion.fromVersionNum(170007)).as("17.7").isEqualTo(new ServerVersion(17, 7));
    assertThat(ServerVersion.fromVersionNum(100023))
        .as("10.23")
        .isEqualTo(new ServerVersion(10, 23));
    assertThat(ServerVersion.fromVersionNum(90624)).as("9.6.24").isEqualTo(new ServerVersion(9, 6));
  }

  private static Optional<SQLException> errorInTransactionBlock(Connection c, String sql)
      throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute(sql);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e);
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  /** FINALIZE needs a detach left half-done: one cancelled while it waited for an older snapshot to go. */
  private static void leaveDetachPending(EmbeddedPostgres pg, Connection c) throws SQLException {
    exec(
        c,
        "CREATE TABLE q (k int) PARTITION BY LIST (k); CREATE TABLE q1 PARTITION OF q FOR VALUES IN (1)");
    try (Connection reader = pg.getPostgresDatabase().getConnection()) {
      reader.setAutoCommit(false);
      exec(reader, "SELECT count(*) FROM q");
      String state = "none";
      try {
        exec(c, "SET statement_timeout = '1s'");
        exec(c, "ALTER TABLE q DETACH PARTITION q1 CONCURRENTLY");
      } catch (SQLException e) {
        state = e.getSQLState();
      } finally {
        exec(c, "RESET statement_timeout");
      }
      assertThat(state)
          .as("the detach waits for the reader's lock and is cancelled half-done")
          .isEqualTo("57014");
      reader.rollback();
    }
  }

  private static int serverVersionNum(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
