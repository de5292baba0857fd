package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.Change;
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

/** LK120: REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view for the whole refresh. */
public final class RefreshMaterializedViewWithoutConcurrently implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK120",
          "refresh-materialized-view-without-concurrently",
          "REFRESH MATERIALIZED VIEW without CONCURRENTLY",
          Severity.WARNING,
          "`REFRESH MATERIALIZED VIEW` without `CONCURRENTLY` of a view not created in the same migration.",
          "The refresh holds ACCESS EXCLUSIVE on the view: every query reading it waits for the whole refresh.",
          "`REFRESH MATERIALIZED VIEW CONCURRENTLY` (needs a unique index on the view).");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (s.change() instanceof Change.RefreshMaterializedView r
          && !r.concurrently()
          && !Earlier.any(
              migration,
              s,
              c ->
                  c instanceof Change.CreateView v
                      && v.materialized()
                      && v.name().matches(r.name()))) {
        ctx.report(
            s,
            "REFRESH MATERIALIZED VIEW "
                + r.name()
                + " holds ACCESS EXCLUSIVE on it: every read of "
                + r.name()
                + " waits for the whole refresh",
            List.of(
                Fix.replacement(
                    "Refresh concurrently (the view needs a unique index); reads continue.",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY " + Sql.name(r.name()) + ";")));
      }
    }
  }
}
