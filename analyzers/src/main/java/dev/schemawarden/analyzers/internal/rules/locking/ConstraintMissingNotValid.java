package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.ExistingTableActions;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/** LK104: adding a CHECK or FOREIGN KEY validates every row while the table is locked. */
public final class ConstraintMissingNotValid implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK104",
          "constraint-missing-not-valid",
          "CHECK or FOREIGN KEY added without NOT VALID",
          Severity.ERROR,
          "`ALTER TABLE ... ADD CONSTRAINT ... CHECK|FOREIGN KEY` without `NOT VALID` on an existing table.",
          "The server checks every existing row while holding the ALTER TABLE lock (ACCESS EXCLUSIVE for CHECK,"
              + " SHARE ROW EXCLUSIVE on both tables for FOREIGN KEY), so the table is blocked for a full scan.",
          "Add the constraint `NOT VALID` (instant), then `VALIDATE CONSTRAINT` in a separate transaction: it"
              + " scans under SHARE UPDATE EXCLUSIVE, which lets reads and writes continue.");

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
    ExistingTableActions.forEach(
        migration,
        ctx,
        (s, alter, action) -> {
          if (action instanceof AlterAction.AddConstraint add
              && (add.constraint().kind() == ConstraintDef.Kind.CHECK
                  || add.constraint().kind() == ConstraintDef.Kind.FOREIGN_KEY)
              && !add.constraint().notValid()) {
            ConstraintDef c = add.constraint();
            String name = LockingSql.constraintName(alter.table(), c);
            String table = Sql.name(alter.table());
            String add1 =
                alter.actions().size() == 1 && c.name().isPresent()
                    ? s.sql().strip() + " NOT VALID;"
                    : "ALTER TABLE "
                        + table
                        + " ADD CONSTRAINT "
                        + Sql.ident(name)
                        + " "
                        + LockingSql.definition(c)
                        + " NOT VALID;";
            String sql =
                add1
                    + "\n-- in a separate transaction (next migration):\nALTER TABLE "
                    + table
                    + " VALIDATE CONSTRAINT "
                    + Sql.ident(name)
                    + ";";
            ctx.report(
                s,
                "adding "
                    + LockingSql.kind(c)
                    + " constraint "
                    + name
                    + " to existing table "
                    + alter.table()
                    + " validates every row while the table is locked; add it NOT VALID and validate"
                    + " separately",
                List.of(Fix.advice("Add NOT VALID, then validate without blocking writes.", sql)));
          }
        });
  }
}
