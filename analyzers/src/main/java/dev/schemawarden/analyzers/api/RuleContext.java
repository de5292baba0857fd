package dev.schemawarden.analyzers.api;

import java.util.List;

/** What a rule may ask and how it reports. Implemented by the runner. */
public interface RuleContext {

  /** The server version findings should be judged for ({@code engine-version} in config). */
  ServerVersion serverVersion();

  /**
   * The id of the engine the migration is written for ({@link DatabaseEngine#id()}): a rule that serves several
   * engines (MySQL and MariaDB) judges by it.
   */
  default String engine() {
    return "postgres";
  }

  /**
   * True when the table was created earlier in this change (this migration or an earlier one of the same
   * change), so locking it harms nobody.
   */
  boolean isNewTable(QualifiedName table);

  /** Transaction and session facts just before {@code statement}. */
  StatementFacts facts(SqlStatement statement);

  /**
   * The locks the engine predicts {@code statement} takes on tables that existed before this change (tables
   * {@link #isNewTable new} in the change are left out), for {@link #serverVersion()}.
   */
  default List<PredictedLock> predictedLocks(SqlStatement statement) {
    return List.of();
  }

  /** True when the server refuses {@code statement} inside a transaction block (e.g. CREATE INDEX CONCURRENTLY). */
  default boolean mustRunOutsideTransaction(SqlStatement statement) {
    return false;
  }

  /** Report a finding on {@code statement}; {@code message} names the concrete objects. */
  void report(SqlStatement statement, String message, List<Fix> fixes);

  /**
   * Report a finding on {@code statement} whose {@link Concerns concern} only the rule knows at that point (e.g. the
   * table an earlier statement locked); otherwise {@link LintRule#concern} decides.
   */
  default void report(SqlStatement statement, String concern, String message, List<Fix> fixes) {
    report(statement, message, fixes);
  }

  /** Report a finding that concerns the whole migration (placed at its first statement or line 1). */
  void reportFile(Migration migration, String message, List<Fix> fixes);
}
