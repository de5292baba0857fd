package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
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
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/**
 * LK123: ATTACH PARTITION scans the partition to prove every row fits the bound, unless a validated CHECK
 * constraint already proves it.
 */
public final class AttachPartition implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK123",
          "attach-partition",
          "ATTACH PARTITION scans the partition",
          Severity.INFO,
          "`ALTER TABLE parent ATTACH PARTITION p` of an existing table, without a CHECK constraint on `p`"
              + " added earlier in the migration.",
          "The server scans the whole partition to check the partition bound while holding ACCESS EXCLUSIVE on"
              + " it (and SHARE UPDATE EXCLUSIVE on the parent from PostgreSQL 12).",
          "Add a CHECK constraint matching the bound `NOT VALID`, `VALIDATE` it, attach, then drop the CHECK.");

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
    for (SqlStatement s : migration.statements()) {
      if (!(s.change() instanceof Change.AlterTable alter)) {
        continue;
      }
      for (AlterAction action : alter.actions()) {
        if (!(action instanceof AlterAction.AttachPartition attach)
            || ctx.isNewTable(attach.partition())) {
          continue;
        }
        boolean proven =
            Earlier.any(
                migration,
                s,
                c ->
                    c instanceof Change.AlterTable a
                        && a.table().matches(attach.partition())
                        && a.actions().stream()
                            .anyMatch(
                                x ->
                                    x instanceof AlterAction.AddConstraint add
                                        && add.constraint().kind() == ConstraintDef.Kind.CHECK));
        if (proven) {
          continue;
        }
        String p = Sql.name(attach.partition());
        String check = Sql.ident(Sql.suffixed(attach.partition().name(), "bound"));
        String sql =
            "ALTER TABLE "
                + p
                + " ADD CONSTRAINT "
                + check
                + " CHECK (<bound as a condition>) NOT VALID;"
                + "\nALTER TABLE "
                + p
                + " VALIDATE CONSTRAINT "
                + check
                + ";\n"
                + s.sql().strip()
                + ";\nALTER TABLE "
                + p
                + " DROP CONSTRAINT "
                + check
                + ";";
        ctx.report(
            s,
            "ATTACH PARTITION "
                + attach.partition()
                + " scans all of "
                + attach.partition()
                + " to check the bound "
                + attach.bound()
                + " while holding ACCESS EXCLUSIVE on it",
            List.of(Fix.advice("Prove the bound with a validated CHECK constraint first.", sql)));
      }
    }
  }
}
