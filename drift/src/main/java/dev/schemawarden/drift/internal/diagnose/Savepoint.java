package dev.schemawarden.drift.internal.diagnose;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Work that may fail without ending the pass: inside a savepoint, always rolled back to it after (which also undoes
 * its {@code SET LOCAL}s), its error kept as one line.
 */
record Savepoint<T>(Optional<T> value, String error) {

  @FunctionalInterface
  interface Body<T> {
    T run() throws SQLException;
  }

  static <T> Savepoint<T> attempt(Db db, Body<T> work) throws SQLException {
    db.exec("SAVEPOINT warden_diagnose");
    try {
      T t = work.run();
      return new Savepoint<>(Optional.ofNullable(t), "");
    } catch (SQLException e) {
      String m =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      return new Savepoint<>(
          Optional.empty(),
          Names.escape(m) + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"));
    } finally {
      db.exec("ROLLBACK TO SAVEPOINT warden_diagnose");
      db.exec("RELEASE SAVEPOINT warden_diagnose");
    }
  }
}
