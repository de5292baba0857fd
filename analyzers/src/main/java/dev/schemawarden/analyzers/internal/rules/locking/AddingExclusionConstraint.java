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
import java.util.List;

/** LK109: an EXCLUDE constraint builds its index under ACCESS EXCLUSIVE and has no concurrent form. */
public final class AddingExclusionConstraint implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK109",
          "adding-exclusion-constraint",
          "EXCLUDE constraint added to an existing table",
          Severity.WARNING,
          "`ALTER TABLE ... ADD ... EXCLUDE` on an existing table.",
          "The server builds the constraint's index and checks every row while holding ACCESS EXCLUSIVE; unlike"
              + " UNIQUE there is no `USING INDEX` form, so it cannot be built concurrently.",
          "Run it in a maintenance window with a short `lock_timeout`, or enforce the rule in the application"
              + " until the table can be blocked for the build.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("index-build", statement, meta().id());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingTableActions.forEach(
        migration,
        ctx,
        (s, alter, action) -> {
          if (action instanceof AlterAction.AddConstraint add
              && add.constraint().kind() == ConstraintDef.Kind.EXCLUDE) {
            String name = LockingSql.constraintName(alter.table(), add.constraint());
            ctx.report(
                s,
                "adding EXCLUDE constraint "
                    + name
                    + " to existing table "
                    + alter.table()
                    + " builds"
                    + " its index under ACCESS EXCLUSIVE, blocking reads and writes; there is no concurrent way",
                List.of(
                    Fix.advice(
                        "Bound the wait and run it when the table may be blocked for the build.",
                        "SET lock_timeout = '2s';\n" + s.sql().strip() + ";")));
          }
        });
  }
}
