package dev.schemawarden.analyzers.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How the tracer runs a migration.
 *
 * @param statementBudget longest a single statement may run before it is stopped and reported (statement_timeout
 *     on the session plus a client-side cancel, so a migration's own {@code SET statement_timeout} cannot lift it)
 * @param sandboxLockTimeout the session's {@code lock_timeout} at the start; a lock_timeout equal to it is reported
 *     as "not set by the migration"
 * @param runsOutsideTransaction true for statements the server refuses inside a transaction block; usually
 *     {@code s -> engine.mustRunOutsideTransaction(s.change())}
 */
public record TraceOptions(
    Duration statementBudget, Duration sandboxLockTimeout, Predicate<SqlStatement> runsOutsideTransaction) {

  public TraceOptions {
    Objects.requireNonNull(statementBudget, "statementBudget");
    Objects.requireNonNull(sandboxLockTimeout, "sandboxLockTimeout");
    Objects.requireNonNull(runsOutsideTransaction, "runsOutsideTransaction");
    if (statementBudget.isNegative() || statementBudget.isZero()) {
      throw new WardenException(ErrorCode.CONFIG, "trace statement budget must be positive, got " + statementBudget);
    }
  }

  /** 30 s per statement, lock_timeout 10 s, PostgreSQL's own list of non-transactional statements. */
  public static TraceOptions defaults() {
    return new TraceOptions(
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        dev.schemawarden.analyzers.internal.trace.PostgresTransactionRules::mustRunOutsideTransaction);
  }

  public TraceOptions withStatementBudget(Duration budget) {
    return new TraceOptions(budget, sandboxLockTimeout, runsOutsideTransaction);
  }

  public TraceOptions withRunsOutsideTransaction(Predicate<SqlStatement> predicate) {
    return new TraceOptions(statementBudget, sandboxLockTimeout, predicate);
  }
}
