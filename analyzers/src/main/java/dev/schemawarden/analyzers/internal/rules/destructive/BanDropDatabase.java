package dev.schemawarden.analyzers.internal.rules.destructive;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/**
 * DS104: {@code DROP DATABASE} in a migration. There is no safer way to write it, so the finding carries no fix:
 * the statement does not belong in a migration at all.
 */
public final class BanDropDatabase implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "DS104",
          "ban-drop-database",
          "Dropping a database",
          Severity.ERROR,
          "A DROP DATABASE statement.",
          "Every schema, table and row of the database is deleted; nothing short of a backup restore brings "
              + "them back. The statement also cannot run inside a transaction, so the migration tool cannot "
              + "roll it back.",
          "Remove it from the migration. Decommission databases by hand, after a final backup, outside the "
              + "migration history.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (stmt.change() instanceof Change.Drop d && d.kind() == ObjectKind.DATABASE) {
        ctx.report(
            stmt,
            "DROP DATABASE "
                + Sql.quoted(d.names())
                + " deletes the whole database: remove it from the migration",
            List.of());
      }
    }
  }
}
