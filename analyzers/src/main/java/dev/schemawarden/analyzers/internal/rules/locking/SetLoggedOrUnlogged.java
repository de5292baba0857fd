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

/** LK119: SET LOGGED / SET UNLOGGED rewrites the table. */
public final class SetLoggedOrUnlogged implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK119",
          "set-logged-or-unlogged",
          "SET LOGGED or SET UNLOGGED on an existing table",
          Severity.ERROR,
          "`ALTER TABLE ... SET LOGGED` or `SET UNLOGGED` on an existing table.",
          "The table is rewritten (and, for SET LOGGED, written in full to the WAL) under ACCESS EXCLUSIVE: no"
              + " reads or writes until done, and a burst of replication lag.",
          "Create the table with the persistence it needs, or copy into a new table and switch over.");

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
          if (action instanceof AlterAction.SetLogged l) {
            String what = l.logged() ? "SET LOGGED" : "SET UNLOGGED";
            ctx.report(
                s,
                what
                    + " rewrites existing table "
                    + alter.table()
                    + " under ACCESS EXCLUSIVE"
                    + (l.logged() ? " and writes all of it to the WAL" : ""),
                List.of(
                    Fix.advice(
                        "Copy into a new table with the wanted persistence and switch over.",
                        "CREATE "
                            + (l.logged() ? "" : "UNLOGGED ")
                            + "TABLE "
                            + Sql.name(
                                Sql.sibling(
                                    alter.table(), Sql.suffixed(alter.table().name(), "new")))
                            + " (LIKE "
                            + Sql.name(alter.table())
                            + " INCLUDING ALL);\n-- copy in batches, then swap names")));
          }
        });
  }
}
