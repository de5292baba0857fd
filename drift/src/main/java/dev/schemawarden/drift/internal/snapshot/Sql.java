package dev.schemawarden.drift.internal.snapshot;

import dev.schemawarden.analyzers.api.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers for the catalog queries. */
final class Sql {
  private Sql() {}

  @FunctionalInterface
  interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /** Runs {@code sql} with the schema names as its only parameters (each {@code ?} is the same text[] array). */
  static void query(Connection c, String sql, List<String> schemas, RowReader reader)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int params = ps.getParameterMetaData().getParameterCount();
      if (params > 0) {
        Array array = c.createArrayOf("text", schemas.toArray());
        for (int i = 1; i <= params; i++) {
          ps.setArray(i, array);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  static Optional<String> opt(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  static String str(ResultSet rs, String column) throws SQLException {
    String s = rs.getString(column);
    return s == null ? "" : s;
  }

  /** A text[] column (e.g. an acl or reloptions cast to text[]), sorted so the order never depends on history. */
  static List<String> sortedArray(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(Arrays.asList((String[]) a.getArray()));
    out.sort(null);
    return List.copyOf(out);
  }

  static List<String> array(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    return a == null ? List.of() : List.of((String[]) a.getArray());
  }

  /** Double-quotes an identifier for DDL, always (reserved words and mixed case need it; it never hurts). */
  static String ident(String name) {
    return Identifiers.quote(name);
  }

  static String ident(String schema, String name) {
    return ident(schema) + "." + ident(name);
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
