package dev.schemawarden.analyzers.internal.postgres;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ServerVersion;

/** Statements PostgreSQL refuses inside a transaction block. */
final class PostgresTransactionRules {
  private PostgresTransactionRules() {}

  static boolean mustRunOutsideTransaction(Change change, ServerVersion version) {
    return false;
  }
}
