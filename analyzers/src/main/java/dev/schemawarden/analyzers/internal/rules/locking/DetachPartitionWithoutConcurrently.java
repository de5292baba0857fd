package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.ExistingTableActions;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/** LK117: DETACH PARTITION takes ACCESS EXCLUSIVE on the parent unless CONCURRENTLY (PostgreSQL 14+). */
public final class DetachPartitionWithoutConcurrently implements LintRule {

  private static final RuleMeta META =
      Metas.since(
          14,
          Metas.postgres(
              "LK117",
              "detach-partition-without-concurrently",
              "DETACH PARTITION without CONCURRENTLY",
              Severity.WARNING,
              "`ALTER TABLE parent DETACH PARTITION p` without `CONCURRENTLY` on PostgreSQL 14 or later.",
              "It takes ACCESS EXCLUSIVE on the partitioned table: reads and writes of every partition wait.",
              "`DETACH PARTITION ... CONCURRENTLY` (SHARE UPDATE EXCLUSIVE), outside a transaction block."));

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingTableActions.forEach(
        migration,
        ctx,
        (s, alter, action) -> {
          if (action instanceof AlterAction.DetachPartition d
              && !d.concurrently()
              && !d.finalizeDetach()) {
            String sql =
                "ALTER TABLE "
                    + Sql.name(alter.table())
                    + " DETACH PARTITION "
                    + Sql.name(d.partition())
                    + " CONCURRENTLY;";
            ctx.report(
                s,
                "DETACH PARTITION "
                    + d.partition()
                    + " takes ACCESS EXCLUSIVE on partitioned table "
                    + alter.table()
                    + ", blocking reads and writes of every partition",
                List.of(Fix.advice("Detach concurrently, outside a transaction block.", sql)));
          }
        });
  }
}
