package dev.schemawarden.analyzers.internal.rules.compat;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.ExistingColumns;
import java.util.List;

/**
 * BC108: {@code ALTER COLUMN ... DROP DEFAULT} on a column that existed before this change. Old code that omits
 * the column from INSERT relied on the default: it now stores NULL, or fails on a NOT NULL column. No rewrite of
 * the statement is safer, so the finding carries no fix: the default must outlive the code that relies on it.
 */
public final class DroppingColumnDefault implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC108",
          "dropping-column-default",
          "Dropping a column default",
          Severity.WARNING,
          "ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT on a column that existed before this change.",
          "Running application versions that insert without naming the column relied on the default: on a NOT "
              + "NULL column their inserts now fail, otherwise they silently store NULL.",
          "Ship code that always sets the column first; drop the default in a later release.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingColumns.changedBy(
        migration,
        ctx,
        AlterAction.DropDefault.class,
        AlterAction.DropDefault::column,
        (stmt, alter, columns) ->
            ctx.report(
                stmt,
                "Dropping the default of "
                    + ExistingColumns.labels(alter.table(), columns)
                    + ": inserts from running versions that omit the column store NULL or fail",
                List.of()));
  }
}
