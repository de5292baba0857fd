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
public record ApplyResult(String environment, Status status, List<StatementOutcome> statements,
    OptionalLong auditSeq, String message, List<String> warnings) {

  public enum Status {
    APPLIED,
    UP_TO_DATE,
    REFUSED,
    FAILED,
    /** Not attempted because an earlier environment was refused or failed. */
    SKIPPED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
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
