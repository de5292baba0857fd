package dev.schemawarden.analyzers.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * How the tracer runs a migration.
 *
 * @param statementBudget longest a single statement may run before it is stopped and reported (statement_timeout
 *     on the session plus a client-side cancel, so a migration's own {@code SET statement_timeout} cannot lift it;
 *     the replica's watchdog enforces it from outside the session as well)
 * @param sandboxLockTimeout the session's {@code lock_timeout} at the start; a lock_timeout equal to it is reported
 *     as "not set by the migration"
 * @param runsOutsideTransaction true for statements the replica's server version refuses inside a transaction
 *     block; usually {@code engine::mustRunOutsideTransaction}
 * @param maxStatements the most statements one trace runs: the first one past it is reported as stopped, the rest
 *     are not run
 * @param maxSqlBytes the most SQL text (UTF-8 bytes, summed over statements) one trace runs, likewise
 */
public record TraceOptions(
    Duration statementBudget,
    Duration sandboxLockTimeout,
    BiPredicate<SqlStatement, ServerVersion> runsOutsideTransaction,
    int maxStatements,
    long maxSqlBytes) {

  /** 5,000 statements: a hundred times a large migration, a few seconds of tracing per thousand. */
  public static final int DEFAULT_MAX_STATEMENTS = 5_000;

  /** 10 MiB of SQL. */
  public static final long DEFAULT_MAX_SQL_BYTES = 10L << 20;

  public TraceOptions {
    Objects.requireNonNull(statementBudget, "statementBudget");
    Objects.requireNonNull(sandboxLockTimeout, "sandboxLockTimeout");
    Objects.requireNonNull(runsOutsideTransaction, "runsOutsideTransaction");
    if (statementBudget.isNegative() || statementBudget.isZero()) {
      throw new WardenException(
          ErrorCode.CONFIG, "trace statement budget must be positive, got " + statementBudget);
    }
    if (maxStatements <= 0 || maxSqlBytes <= 0) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "trace statement and SQL-size caps must be positive, got "
              + maxStatements
              + " statements, "
              + maxSqlBytes
              + " bytes");
    }
  }

  /**
   * 30 s per statement, lock_timeout 10 s, PostgreSQL's own list of non-transactional statements, 5,000 statements
   * and 10 MiB of SQL per trace.
   */
  public static TraceOptions defaults() {
    return new TraceOptions(
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        dev.schemawarden.analyzers.internal.postgres.PostgresTransactionRules
            ::mustRunOutsideTransaction,
        DEFAULT_MAX_STATEMENTS,
        DEFAULT_MAX_SQL_BYTES);
  }

  public TraceOptions withStatementBudget(Duration budget) {
    return new TraceOptions(
        budget, sandboxLockTimeout, runsOutsideTransaction, maxStatements, maxSqlBytes);
  }

  public TraceOptions withRunsOutsideTransaction(
      BiPredicate<SqlStatement, ServerVersion> predicate) {
    return new TraceOptions(
        statementBudget, sandboxLockTimeout, predicate, maxStatements, maxSqlBytes);
  }

  /** At most {@code statements} statements and {@code sqlBytes} bytes of SQL per trace. */
  public TraceOptions withCaps(int statements, long sqlBytes) {
    return new TraceOptions(
        statementBudget, sandboxLockTimeout, runsOutsideTransaction, statements, sqlBytes);
  }
}
