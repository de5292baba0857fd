package dev.schemawarden.analyzers.internal.trace;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which PostgreSQL statements cannot run inside a transaction block (the server raises SQLSTATE 25001). The tracer
 * uses this when the engine's own rule is not given; for statements no parser classified it falls back to text.
 */
public final class PostgresTransactionRules {
  // https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY and the
  // "cannot be executed inside a transaction block" notes of VACUUM, REINDEX, CREATE/DROP DATABASE, ALTER SYSTEM.
  private static final Pattern OUTSIDE = Pattern.compile(
      "^(VACUUM\\b|CREATE (UNIQUE )?INDEX CONCURRENTLY\\b|DROP INDEX CONCURRENTLY\\b"
          + "|REINDEX\\b.*\\bCONCURRENTLY\\b|REINDEX (\\(.*\\) )?(SCHEMA|DATABASE|SYSTEM)\\b"
          + "|CLUSTER$|CREATE DATABASE\\b|DROP DATABASE\\b|ALTER SYSTEM\\b|CREATE TABLESPACE\\b"
          + "|DROP TABLESPACE\\b|ALTER TABLE\\b.*\\bDETACH PARTITION\\b.*\\b(CONCURRENTLY|FINALIZE)\\b"
          + "|CREATE SUBSCRIPTION\\b|DROP SUBSCRIPTION\\b)");

  private PostgresTransactionRules() {}

  public static boolean mustRunOutsideTransaction(SqlStatement statement) {
    Change change = statement.change();
    if (change instanceof Change.CreateIndex ci) {
      return ci.concurrently();
    } else if (change instanceof Change.Drop d) {
      return d.concurrently() || d.kind() == Change.ObjectKind.DATABASE;
    } else if (change instanceof Change.Reindex r) {
      return r.concurrently() || r.target() == Change.ObjectKind.SCHEMA || r.target() == Change.ObjectKind.DATABASE;
    } else if (change instanceof Change.Vacuum) {
      return true;
    } else if (change instanceof Change.Cluster c) {
      return c.table().isEmpty();
    } else if (change instanceof Change.AlterTable at) {
      return at.actions().stream().anyMatch(a -> a instanceof AlterAction.DetachPartition dp
          && (dp.concurrently() || dp.finalizeDetach()));
    } else if (change instanceof Change.Other || change instanceof Change.Unknown) {
      return OUTSIDE.matcher(SqlText.withoutComments(statement.sql()).toUpperCase(Locale.ROOT)).find();
    }
    return false;
  }
}
