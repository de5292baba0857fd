package dev.schemawarden.analyzers.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Runs migrations on a writable scratch replica and observes what each statement really locks, rewrites and scans.
 * The replica is throwaway: the tracer commits where the migration tool would commit, and the caller drops the
 * database afterwards. Obtain the PostgreSQL implementation with {@link #postgres()}.
 */
public interface LockTracer {

  /** Opens a new connection to the replica as its sandbox role; the tracer closes what it opens. */
  @FunctionalInterface
  interface Connections {
    Connection open() throws SQLException;

    /**
     * Why something outside the sandbox session (the replica's watchdog) stopped the statement in progress or the
     * whole replica, when it did: the tracer reports the statement it was running with this reason.
     */
    default Optional<String> stopReason() {
      return Optional.empty();
    }
  }

  /**
   * SQL a superuser runs once in the replica (or in the template it is cloned from) so the tracer can read why a
   * table was rewritten. Tracing works without it, with less precise rewrite reasons.
   */
  List<String> supportSql();

  /** Traces {@code migrations} in order, in the transaction structure they will really have. */
  TraceResult trace(Connections connections, List<Migration> migrations, TraceOptions options);

  /** The PostgreSQL tracer (pg_locks, relfilenode, xact statistics, a {@code table_rewrite} event trigger). */
  static LockTracer postgres() {
    return new dev.schemawarden.analyzers.internal.trace.PostgresLockTracer();
  }
}
