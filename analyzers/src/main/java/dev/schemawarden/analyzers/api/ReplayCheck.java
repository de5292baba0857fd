package dev.schemawarden.analyzers.api;

import java.sql.Connection;
import java.util.Objects;

/**
 * A condition the migration tool evaluates on the database just before it runs a unit (Liquibase
 * {@code preConditions}), so a replay of the history can decide as the tool would. Implementations run only
 * read-only checks on the connection they are given (the build's unprivileged role) and never run code the
 * repository names.
 */
public interface ReplayCheck {

  /** What the tool does with the unit. */
  enum Action {
    /** The condition holds, or the tool runs the unit anyway (Liquibase {@code onFail="WARN"}). */
    RUN,
    /** The tool skips the unit ({@code MARK_RAN}, {@code CONTINUE}). */
    SKIP,
    /** The tool stops the whole update ({@code HALT}). */
    HALT
  }

  /** The decision and, for people, why. */
  record Verdict(Action action, String reason) {
    public Verdict {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Evaluates the condition on {@code database}; leaves it in auto-commit mode with no open transaction. */
  Verdict check(Connection database);

  /** Stable text of the condition (part of the replayed template's key). */
  String describe();
}
