package dev.schemawarden.drift.api;

import dev.schemawarden.drift.internal.diagnose.PostgresDiagnoser;
import java.sql.Connection;

/** {@code warden diagnose}: one read-only pass over a live PostgreSQL database. */
public final class Diagnoses {
  private Diagnoses() {}

  /**
   * Runs every check through {@code connection} in one REPEATABLE READ READ ONLY transaction (the connection's
   * auto-commit setting is restored afterwards). Reads catalogs and statistics only, never rows: the snapshot
   * role's privileges plus {@code pg_monitor} (or {@code pg_read_all_stats}) suffice; see docs/diagnose.md.
   */
  public static Diagnosis run(Connection connection, DiagnoseSettings settings) {
    return PostgresDiagnoser.run(connection, settings);
  }
}
