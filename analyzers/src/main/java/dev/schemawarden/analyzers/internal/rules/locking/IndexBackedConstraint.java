package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.internal.rules.support.ExistingTableActions;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/**
 * LK107 and LK108: a UNIQUE or PRIMARY KEY constraint added to an existing table without {@code USING INDEX}
 * builds its unique index under ACCESS EXCLUSIVE. Both get the same fix, differing only in the keyword. Lives
 * beside {@link LockingSql} (package-private) rather than in {@code support}, because the fix SQL is built by it.
 */
final class IndexBackedConstraint {

  private IndexBackedConstraint() {}

  /** Reports each {@code kind} constraint, written {@code keyword} in SQL, added without an existing index. */
  static void check(Migration migration, RuleContext ctx, ConstraintDef.Kind kind, String keyword) {
    ExistingTableActions.forEach(
        migration,
        ctx,
        (s, alter, action) -> {
          if (action instanceof AlterAction.AddConstraint add
              && add.constraint().kind() == kind
              && add.constraint().usingIndex().isEmpty()) {
            ConstraintDef c = add.constraint();
            String name = LockingSql.constraintName(alter.table(), c);
            String t = Sql.name(alter.table());
            String sql =
                "CREATE UNIQUE INDEX CONCURRENTLY "
                    + Sql.ident(name)
                    + " ON "
                    + t
                    + " ("
                    + LockingSql.columns(c.columns())
                    + ");\n-- then, in a migration that may run in a transaction:\n"
                    + "ALTER TABLE "
                    + t
                    + " ADD CONSTRAINT "
                    + Sql.ident(name)
                    + " "
                    + keyword
                    + " USING INDEX "
                    + Sql.ident(name)
                    + ";";
            ctx.report(
                s,
                "adding "
                    + keyword
                    + " "
                    + name
                    + " to existing table "
                    + alter.table()
                    + " builds its index"
                    + " under ACCESS EXCLUSIVE, blocking reads and writes for the whole build",
                List.of(Fix.advice("Build the index concurrently, then attach it.", sql)));
          }
        });
  }
}
