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

/** LK105: any new FOREIGN KEY locks both tables against writes, NOT VALID or not. */
public final class AddingForeignKeyConstraint implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK105",
          "adding-foreign-key-constraint",
          "FOREIGN KEY added to an existing table",
          Severity.WARNING,
          "`ALTER TABLE ... ADD ... FOREIGN KEY` on an existing table, with or without `NOT VALID`.",
          "Adding a foreign key takes SHARE ROW EXCLUSIVE on the table and on the referenced table: writes to"
              + " both wait for it, and it waits for every running transaction on either table.",
          "Set a short `lock_timeout` and retry, add the key `NOT VALID`, and `VALIDATE` it separately.");

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
              && add.constraint().kind() == ConstraintDef.Kind.FOREIGN_KEY) {
            ConstraintDef c = add.constraint();
            String referenced = c.references().map(Object::toString).orElse("the referenced table");
            String name = LockingSql.constraintName(alter.table(), c);
            String sql =
                "SET lock_timeout = '2s';\nALTER TABLE "
                    + Sql.name(alter.table())
                    + " ADD CONSTRAINT "
                    + Sql.ident(name)
                    + " "
                    + LockingSql.definition(c)
                    + " NOT VALID;\n-- separately:\nALTER TABLE "
                    + Sql.name(alter.table())
                    + " VALIDATE CONSTRAINT "
                    + Sql.ident(name)
                    + ";";
            ctx.report(
                s,
                "adding FOREIGN KEY "
                    + name
                    + " takes SHARE ROW EXCLUSIVE on "
                    + alter.table()
                    + " and "
                    + referenced
                    + ", blocking writes to both while it waits and runs",
                List.of(
                    Fix.advice("Bound the wait with lock_timeout and validate separately.", sql)));
          }
        });
  }
}
