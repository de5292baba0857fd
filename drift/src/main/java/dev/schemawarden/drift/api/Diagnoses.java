package dev.schemawarden.drift.api;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.internal.diagnose.MysqlDiagnoser;
import dev.schemawarden.drift.internal.diagnose.PostgresDiagnoser;
import java.sql.Connection;
import java.sql.SQLException;

/** {@code warden diagnose}: one read-only pass over a live PostgreSQL, MySQL or MariaDB database. */
public final class Diagnoses {
  private Diagnoses() {}

  /**
   * Runs every check through {@code connection} in one REPEATABLE READ READ ONLY transaction (the connection's
   * auto-commit setting is restored afterwards). Reads catalogs and statistics only, never rows: the snapshot
   * role's privileges plus {@code pg_monitor} (or {@code pg_read_all_stats}) suffice; see docs/diagnose.md.
   * On MySQL or MariaDB (told by the connection's product name) the database the URL names is read in one READ ONLY
   * transaction from information_schema and performance_schema (docs/diagnose.md#mysql-and-mariadb).
   */
  public static Diagnosis run(Connection connection, DiagnoseSettings settings) {
    boolean mysql;
    try {
      mysql = OnlineDdl.mysqlFamily(connection);
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "diagnose cannot tell the database's engine: " + e.getMessage(),
          e);
    }
    if (mysql) {
      return MysqlDiagnoser.run(connection, settings);
    }
    return PostgresDiagnoser.run(connection, settings);
  }
}
