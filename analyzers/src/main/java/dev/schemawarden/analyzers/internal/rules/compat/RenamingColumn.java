package dev.schemawarden.analyzers.internal.rules.compat;

import dev.schemawarden.analyzers.api.AlterAction;
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

/** BC101: {@code ALTER TABLE ... RENAME COLUMN} of a column that running code already uses. */
public final class RenamingColumn implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC101",
          "renaming-column",
          "Renaming a column",
          Severity.ERROR,
          "ALTER TABLE ... RENAME COLUMN on a table that existed before this change, for a column not added "
              + "earlier in it.",
          "The application version still running during the deploy names the old column: from the moment the "
              + "migration commits until every instance runs the new code, its queries fail with \"column does "
              + "not exist\".",
          "Expand and contract: add the new column, write both, backfill, switch reads to the new column, and "
              + "drop the old one in a later release.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.AlterTable a)) {
        continue;
      }
      for (AlterAction action : a.actions()) {
        if (action instanceof AlterAction.RenameColumn r
            && !Earlier.newColumn(ctx, migration, stmt, a.table(), r.from())) {
          ctx.report(
              stmt,
              "Renaming `"
                  + a.table().name()
                  + "."
                  + r.from()
                  + "` to `"
                  + r.to()
                  + "` breaks every running "
                  + "application version that still names `"
                  + r.from()
                  + "`",
              List.of(
                  Fix.advice(
                      "Expand and contract over several releases instead of renaming in place (batches shown "
                          + "for a key column named id).",
                      expandContract(a, r))));
          break; // one finding per statement; the message names the first rename
        }
      }
    }
  }

  private static String expandContract(Change.AlterTable a, AlterAction.RenameColumn r) {
    String table = Sql.name(a.table());
    String from = Sql.ident(r.from());
    String to = Sql.ident(r.to());
    return "-- release 1 (expand): add the new column; the application writes both from now on\n"
        + "ALTER TABLE "
        + table
        + " ADD COLUMN "
        + to
        + " <type of "
        + r.from()
        + ">;\n"
        + "-- backfill in batches, one transaction each:\n"
        + "UPDATE "
        + table
        + " SET "
        + to
        + " = "
        + from
        + " WHERE "
        + to
        + " IS NULL AND id >= 1 AND id < 10001;\n"
        + "-- release 2: read "
        + r.to()
        + " only; release 3 (contract), once no running version names "
        + r.from()
        + ":\n"
        + "ALTER TABLE "
        + table
        + " DROP COLUMN "
        + from
        + ";";
  }
}
