package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
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

/** LK122: SET TABLESPACE copies the table's files under ACCESS EXCLUSIVE. */
public final class SetTablespace implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK122",
          "set-tablespace",
          "SET TABLESPACE on an existing table",
          Severity.ERROR,
          "`ALTER TABLE ... SET TABLESPACE` on an existing table.",
          "The server copies every file of the table to the new tablespace under ACCESS EXCLUSIVE: no reads or"
              + " writes until the copy ends.",
          "Move it online with pg_repack `--tablespace`, or during a maintenance window.");

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
          if (action instanceof AlterAction.SetTablespace ts) {
            ctx.report(
                s,
                "SET TABLESPACE "
                    + ts.tablespace()
                    + " copies existing table "
                    + alter.table()
                    + " under ACCESS EXCLUSIVE, blocking reads and writes until the copy ends",
                List.of(
                    Fix.advice(
                        "Move the table online with pg_repack.",
                        "-- outside the migration:\n-- pg_repack --table="
                            + Sql.name(alter.table())
                            + " --tablespace="
                            + ts.tablespace()
                            + " <database>")));
          }
        });
  }
}
