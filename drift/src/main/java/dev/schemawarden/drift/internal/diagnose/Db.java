package dev.schemawarden.drift.internal.diagnose;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The pass's connection: every query goes through here so the pass can say what it cost production. */
final class Db {

  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Connection connection;
  private int queries;
  private long nanos;

  Db(Connection connection) {
    this.connection = connection;
  }

  /** The rows of {@code sql}; {@code params} are bound in order (strings, numbers, text arrays). */
  <T> List<T> rows(String sql, Row<T> row, Object... params) throws SQLException {
    return timed(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              Object p = params[i];
              if (p instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
              } else {
                ps.setObject(i + 1, p);
              }
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(row.read(rs));
              }
            }
            return out;
          }
        });
  }

  <T> T one(String sql, Row<T> row, Object... params) throws SQLException {
    List<T> all = rows(sql, row, params);
    if (all.isEmpty()) {
      throw new SQLException("no row from: " + sql.lines().findFirst().orElse(sql));
    }
    return all.get(0);
  }

  void exec(String sql) throws SQLException {
    timed(
        c -> {
          try (var st = c.createStatement()) {
            st.execute(sql);
          }
          return null;
        });
  }

  /** Work on the raw connection (a shared probe of analyzers) counted as one query. */
  <T> T timed(Work<T> work) throws SQLException {
    long t0 = System.nanoTime();
    try {
      return work.run(connection);
    } finally {
      queries++;
      nanos += System.nanoTime() - t0;
    }
  }

  int queries() {
    return queries;
  }

  Duration time() {
    return Duration.ofNanos(nanos);
  }
}
