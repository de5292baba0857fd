package dev.schemawarden.app.apply;

import dev.schemawarden.app.audit.StatementOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What happened on one environment.
 *
 * @param auditSeq the audit entry that records it (empty when nothing was recorded: nothing pending, or skipped)
 * @param message one sentence for people: what ran, or why not and what to do
 */
public record ApplyResult(
    String environment,
    Status status,
    List<StatementOutcome> statements,
    OptionalLong auditSeq,
    String message,
    List<String> warnings) {

  public enum Status {
    APPLIED,
    UP_TO_DATE,
    REFUSED,
    FAILED,
    /**
     * Failed part-way outside a transaction (MySQL/MariaDB DDL, CONCURRENTLY, a lost connection): some statements
     * took effect, nothing is retried, and later applies refuse until a person resolves it.
     */
    NEEDS_HUMAN,
    /** Not attempted because an earlier environment was refused or failed. */
    SKIPPED;

    public String label() {
      return this == NEEDS_HUMAN ? "needs-human" : name().toLowerCase(Locale.ROOT);
    }
  }

  public ApplyResult {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(status, "status");
    statements = List.copyOf(statements);
    Objects.requireNonNull(auditSeq, "auditSeq");
    Objects.requireNonNull(message, "message");
    warnings = List.copyOf(warnings);
  }

  public boolean ok() {
    return status == Status.APPLIED || status == Status.UP_TO_DATE;
  }
}
