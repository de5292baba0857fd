package dev.schemawarden.drift.internal.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** JDBC helpers for the information_schema queries of a MySQL/MariaDB snapshot. */
final class MysqlQueries {
  private MysqlQueries() {}

  @FunctionalInterface
  interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /**
   * Runs {@code sql}, whose {@code IN (%s)} is filled with one bound parameter per schema name (names are never
   * spliced into the text), then {@code extra} parameters.
   */
  static void query(
      Connection c, String sql, List<String> schemas, RowReader reader, String... extra)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(Math.max(1, schemas.size()), "?"));
    try (PreparedStatement ps = c.prepareStatement(sql.replace("%s", marks))) {
      int i = 1;
      int groups = (sql.length() - sql.replace("%s", "").length()) / 2;
      for (int g = 0; g < groups; g++) {
        if (schemas.isEmpty()) {
          ps.setString(i++, "");
        }
        for (String s : schemas) {
          ps.setString(i++, s);
        }
      }
      for (String e : extra) {
        ps.setString(i++, e);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    }
  }

  static String str(ResultSet rs, String column) throws SQLException {
    String s = rs.getString(column);
    return s == null ? "" : s;
  }

  /** The column's text; empty for SQL NULL and for the empty string information_schema writes for "none". */
  static Optional<String> opt(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column)).filter(s -> !s.isEmpty());
  }

  /** A backtick-quoted identifier, as MySQL and MariaDB print them ({@code `a``b`} for a name with a backtick). */
  static String q(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
