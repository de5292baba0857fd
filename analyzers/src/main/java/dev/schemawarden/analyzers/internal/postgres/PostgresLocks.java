package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.ServerVersion;
import java.util.List;

/** The table-level locks each statement form takes on pre-existing relations. */
final class PostgresLocks {
  private PostgresLocks() {}

  static List<PredictedLock> predict(Change change, ServerVersion version) {
    return List.of();
  }
}
