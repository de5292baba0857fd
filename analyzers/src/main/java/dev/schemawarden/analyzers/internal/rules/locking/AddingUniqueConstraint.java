package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ConstraintDef;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/** LK107: adding UNIQUE builds its index under ACCESS EXCLUSIVE; build it concurrently and attach it instead. */
public final class AddingUniqueConstraint implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK107", "adding-unique-constraint", "UNIQUE constraint added without USING INDEX", Severity.ERROR,
          "`ALTER TABLE ... ADD [CONSTRAINT c] UNIQUE (cols)` on an existing table without `USING INDEX`.",
          "The server builds the constraint's unique index while holding ACCESS EXCLUSIVE on the table: no reads"
              + " or writes until the whole index is built.",
          "`CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT c UNIQUE USING INDEX idx` (instant).");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (!(s.change() instanceof Change.AlterTable alter) || ctx.isNewTable(alter.table())) {
        continue;
      }
      for (AlterAction action : alter.actions()) {
        if (action instanceof AlterAction.AddConstraint add && add.constraint().kind() == ConstraintDef.Kind.UNIQUE
            && add.constraint().usingIndex().isEmpty()) {
          ConstraintDef c = add.constraint();
          String name = LockingSql.constraintName(alter.table(), c);
          String t = Sql.name(alter.table());
          String sql = "CREATE UNIQUE INDEX CONCURRENTLY " + Sql.ident(name) + " ON " + t + " ("
              + LockingSql.columns(c.columns()) + ");\n-- then, in a migration that may run in a transaction:\n"
              + "ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(name) + " UNIQUE USING INDEX " + Sql.ident(name)
              + ";";
          ctx.report(s, "adding UNIQUE " + name + " to existing table " + alter.table() + " builds its index under"
              + " ACCESS EXCLUSIVE, blocking reads and writes for the whole build",
              List.of(Fix.advice("Build the index concurrently, then attach it.", sql)));
        }
      }
    }
  }
}
