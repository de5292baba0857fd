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
 * BC106: {@code ALTER COLUMN ... DROP NOT NULL} on a column that existed before this change. No SQL rewrite is
 * safer here (the fix is in the readers), so the finding carries no fix.
 */
public final class BanDropNotNull implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC106",
          "ban-drop-not-null",
          "Dropping NOT NULL",
          Severity.WARNING,
          "ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL on a column that existed before this change.",
          "Readers written against the NOT NULL column (application code, reports, ETL jobs, other services) "
              + "may not handle NULL: the first NULL row can crash them or be silently miscounted.",
          "Make sure every reader handles NULL before the column accepts it; if the column is being retired, "
              + "keep the reads out of the code first.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingColumns.changedBy(
        migration,
        ctx,
        AlterAction.DropNotNull.class,
        AlterAction.DropNotNull::column,
        (stmt, alter, columns) ->
            ctx.report(
                stmt,
                "Column "
                    + ExistingColumns.labels(alter.table(), columns)
                    + " will accept NULL: readers that assume a value may break",
                List.of()));
  }
}
