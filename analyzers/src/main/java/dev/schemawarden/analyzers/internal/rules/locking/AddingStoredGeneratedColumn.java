package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.Concerns;
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

/** LK111: a STORED generated column is computed into every row: a table rewrite. */
public final class AddingStoredGeneratedColumn implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK111",
          "adding-stored-generated-column",
          "Stored generated column added to an existing table",
          Severity.ERROR,
          "`ADD COLUMN ... GENERATED ALWAYS AS (expr) STORED` on an existing table.",
          "The server computes the value for every row and rewrites the table under ACCESS EXCLUSIVE: no reads"
              + " or writes until it is done.",
          "Add a plain nullable column, fill it for new rows with a trigger, backfill in batches; or, on"
              + " PostgreSQL 18+, use a VIRTUAL generated column.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("rewrite", statement, meta().id());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingTableActions.forEach(
        migration,
        ctx,
        (s, alter, action) -> {
          if (action instanceof AlterAction.AddColumn add
              && add.column().generated() == ColumnDef.Generated.STORED) {
            ColumnDef col = add.column();
            String sql =
                "ALTER TABLE "
                    + Sql.name(alter.table())
                    + " ADD COLUMN "
                    + Sql.ident(col.name())
                    + " "
                    + col.type()
                    + ";\n-- then a BEFORE INSERT OR UPDATE trigger computing it, and a batched backfill";
            ctx.report(
                s,
                "adding stored generated column "
                    + col.name()
                    + " to existing table "
                    + alter.table()
                    + " rewrites the table under ACCESS EXCLUSIVE to compute it for every row",
                List.of(
                    Fix.advice(
                        "Add a plain column, maintain it with a trigger and backfill in batches.",
                        sql)));
          }
        });
  }
}
