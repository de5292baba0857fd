package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.Sha256;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A SHA-256 over the target's schema as the catalogs describe it (columns with types, nullability and defaults,
 * index definitions, constraint definitions) outside the system schemas; on MySQL/MariaDB, of the connection's
 * database from information_schema. Recorded before and after every apply, so the audit log says whether the schema
 * changed, and tests assert a refused apply changed nothing.
 */
public final class SchemaFingerprint {
  private static final String SYSTEM = "('pg_catalog', 'information_schema', 'schema_warden')";
  private static final String SQL =
      "SELECT coalesce(string_agg(x, E'\\n' ORDER BY x), '') FROM ("
          + " SELECT 'col ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
          + "   || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
          + "   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS x"
          + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
          + "   AND n.nspname NOT IN "
          + SYSTEM
          + " AND n.nspname NOT LIKE 'pg\\_%'"
          + " UNION ALL SELECT 'idx ' || schemaname || '.' || indexname || ' ' || indexdef FROM pg_indexes"
          + "   WHERE schemaname NOT IN "
          + SYSTEM
          + " AND schemaname NOT LIKE 'pg\\_%'"
          + " UNION ALL SELECT 'con ' || n.nspname || '.' || cl.relname || '.' || co.conname || ' '"
          + "   || pg_get_constraintdef(co.oid) FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid"
          + "   JOIN pg_namespace n ON n.oid = cl.relnamespace"
          + "   WHERE n.nspname NOT IN "
          + SYSTEM
          + " AND n.nspname NOT LIKE 'pg\\_%') s";

  /** MySQL/MariaDB: the connection's database; each line sorted in Java, so the server's collation does not count. */
  private static final String MYSQL_SQL =
      "SELECT CONCAT('col ', TABLE_NAME, '.', COLUMN_NAME, ' ', COLUMN_TYPE,"
          + " IF(IS_NULLABLE = 'NO', ' not null', ''), COALESCE(CONCAT(' default ', COLUMN_DEFAULT), ''),"
          + " IF(EXTRA = '', '', CONCAT(' ', EXTRA)))"
          + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
          + " UNION ALL SELECT CONCAT('idx ', TABLE_NAME, '.', INDEX_NAME, ' ', SEQ_IN_INDEX, ' ',"
          + " COALESCE(COLUMN_NAME, ''), IF(NON_UNIQUE = 0, ' unique', ''))"
          + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
          + " UNION ALL SELECT CONCAT('con ', TABLE_NAME, '.', CONSTRAINT_NAME, ' ', CONSTRAINT_TYPE)"
          + " FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()";

  private SchemaFingerprint() {}

  /**
   * As {@link #of(Connection)}, but gives up after {@code lockTimeout} when a catalog function waits for a lock
   * another session holds on a table: the fingerprint is evidence, never a reason to block production.
   */
  public static String bestEffort(Connection c, java.time.Duration lockTimeout)
      throws SQLException {
    if (OnlineDdl.mysqlFamily(c)) {
      return bestEffortMysql(c, lockTimeout);
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
      return of(c);
    } catch (SQLException e) {
      if (!"55P03".equals(e.getSQLState())) {
        throw e;
      }
      return "unavailable: a table was locked by another session";
    } finally {
      c.rollback();
      c.setAutoCommit(auto);
    }
  }

  public static String of(Connection c) throws SQLException {
    if (OnlineDdl.mysqlFamily(c)) {
      return ofMysql(c);
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(SQL)) {
      rs.next();
      return Sha256.hex(rs.getString(1));
    }
  }

  /**
   * information_schema opens each table's definition, which waits behind another session's DDL: the session's
   * lock_wait_timeout bounds that wait ({@link MysqlApply#seconds}), and is put back after.
   */
  private static String bestEffortMysql(Connection c, java.time.Duration lockTimeout)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      String previous;
      try (ResultSet rs = st.executeQuery("SELECT @@SESSION.lock_wait_timeout")) {
        rs.next();
        previous = rs.getString(1);
      }
      st.execute("SET SESSION lock_wait_timeout = " + MysqlApply.seconds(lockTimeout));
      try {
        return ofMysql(c);
      } catch (SQLException e) {
        if (e.getErrorCode() != 1205) { // ER_LOCK_WAIT_TIMEOUT
          throw e;
        }
        return "unavailable: a table was locked by another session";
      } finally {
        st.execute("SET SESSION lock_wait_timeout = " + Long.parseLong(previous));
      }
    }
  }

  private static String ofMysql(Connection c) throws SQLException {
    java.util.List<String> lines = new java.util.ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(MYSQL_SQL)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    java.util.Collections.sort(lines);
    return Sha256.hex(String.join("\n", lines));
  }
}
