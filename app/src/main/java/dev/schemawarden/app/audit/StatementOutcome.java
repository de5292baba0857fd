package dev.schemawarden.app.audit;

import java.util.Locale;
import java.util.Objects;

/**
 * One statement of an apply as the audit log records it.
 *
 * @param migration the migration's label, e.g. {@code V3__orders_index.sql}
 * @param index 0-based position in the migration ({@code -1} when the tool ran the migration as one unit)
 * @param line 1-based line in the file ({@code 0} when unknown)
 * @param sql the statement text (never contains connection secrets: it comes from the repository)
 * @param outcome what happened
 * @param millis how long it ran, summed over attempts
 * @param attempts how many times it was tried (lock-timeout retries add attempts)
 * @param error the database's message when it failed, empty otherwise
 */
public record StatementOutcome(
    String migration,
    int index,
    int line,
    String sql,
    Outcome outcome,
    long millis,
    int attempts,
    String error) {

  public enum Outcome {
    /** Ran and committed. */
    APPLIED,
    /** Ran, then its transaction rolled back (a later statement of the same transaction failed). */
    ROLLED_BACK,
    /** Failed. */
    FAILED,
    /** Never started: an earlier statement failed. */
    NOT_RUN;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public StatementOutcome {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
  }
}
