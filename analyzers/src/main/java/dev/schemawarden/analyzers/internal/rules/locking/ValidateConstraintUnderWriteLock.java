package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LK126 (strong_migrations validate_foreign_key / validate_check_constraint): VALIDATE CONSTRAINT only avoids
 * blocking writes when it runs in its own transaction; after an earlier statement of the same transaction took a
 * write-blocking lock on the table (typically the ADD ... NOT VALID itself), that lock is held for the whole scan.
 */
public final class ValidateConstraintUnderWriteLock implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK126",
          "validate-constraint-under-write-lock",
          "VALIDATE CONSTRAINT in the transaction that blocked" + " writes",
          Severity.WARNING,
          "`ALTER TABLE t VALIDATE CONSTRAINT c` in a transaction where an earlier statement took a lock that blocks"
              + " writes to `t` (SHARE or stronger), such as the `ADD CONSTRAINT ... NOT VALID` it validates.",
          "Locks are held until the transaction ends: the validation scan, which on its own blocks nothing, runs"
              + " while writes to the table (and, for a foreign key, to the referenced table) wait.",
          "Validate in a migration of its own, or commit between adding the constraint and validating it.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("scan", statement, meta().id());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    List<PredictedLock> held = new ArrayList<>();
    for (SqlStatement s : migration.statements()) {
      if (!ctx.facts(s).inTransaction()) {
        held.clear(); // autocommit: whatever an earlier statement locked was released when it
        // finished
      }
      if (s.change() instanceof Change.Transaction t) {
        if (t.kind() != Change.Transaction.TxKind.SAVEPOINT
            && t.kind() != Change.Transaction.TxKind.RELEASE_SAVEPOINT
            && t.kind() != Change.Transaction.TxKind.ROLLBACK_TO_SAVEPOINT) {
          held.clear();
        }
        continue;
      }
      if (s.change() instanceof Change.AlterTable alter && !ctx.isNewTable(alter.table())) {
        for (AlterAction action : alter.actions()) {
          if (action instanceof AlterAction.ValidateConstraint v) {
            blocking(held, alter.table())
                .ifPresent(
                    lock ->
                        ctx.report(
                            s,
                            "VALIDATE CONSTRAINT "
                                + v.name()
                                + " scans "
                                + alter.table()
                                + " while this transaction still holds "
                                + lock.mode().sqlName()
                                + " on it from an earlier statement: writes wait for the whole scan",
                            List.of(
                                Fix.advice(
                                    "Validate after the lock is released: in a migration of its own.",
                                    "-- in a new migration, after this one has committed:\n"
                                        + s.sql().strip()
                                        + ";"))));
          }
        }
      }
      ctx.predictedLocks(s).stream().filter(l -> l.mode().blocksWrites()).forEach(held::add);
    }
  }

  private static Optional<PredictedLock> blocking(List<PredictedLock> held, QualifiedName table) {
    return held.stream()
        .filter(l -> l.relation().matches(table))
        .max((a, b) -> a.mode().compareTo(b.mode()));
  }
}
