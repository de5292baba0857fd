package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.app.audit.StatementOutcome;
import java.util.List;
import java.util.Objects;

/**
 * Runs migrations on a target through the history table that is the truth for the repository's tool: Flyway's
 * {@code flyway_schema_history}, Liquibase's {@code databasechangelog}, or Schema Warden's own
 * {@code warden_schema_history} for plain SQL, golang-migrate and dbmate layouts.
 */
sealed interface Executor permits PlainExecutor, FlywayExecutor, LiquibaseExecutor {

  /** What is left to apply on {@code target}, and what stops an apply (a partially applied migration). */
  Pending pending(Target target);

  /** Applies {@code pending} in order; stops at the first failure. */
  Execution execute(Target target, List<Migration> pending);

  /** Marks a migration a person has dealt with: {@code applied} (finished by hand) or not (run it again). */
  String resolve(Target target, String migration, boolean applied);

  /**
   * @param migrations not yet applied, in order
   * @param blockers why applying must wait for a person (each names the migration and the fix); empty: go ahead
   */
  record Pending(List<Migration> migrations, List<String> blockers) {
    public Pending {
      migrations = List.copyOf(migrations);
      blockers = List.copyOf(blockers);
    }
  }

  /**
   * @param needsHuman a migration stopped part-way outside a transaction: later applies refuse until it is resolved
   */
  record Execution(
      boolean ok, List<StatementOutcome> statements, String error, boolean needsHuman) {
    public Execution {
      statements = List.copyOf(statements);
      Objects.requireNonNull(error, "error");
    }
  }
}
