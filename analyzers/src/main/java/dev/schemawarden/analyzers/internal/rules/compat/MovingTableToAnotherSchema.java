package dev.schemawarden.analyzers.internal.rules.compat;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Earlier;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;

/**
 * BC110 (Squawk ban-set-schema): {@code ALTER TABLE ... SET SCHEMA} renames the table for every caller that names its
 * schema, so it breaks running code the way a rename does (BC102).
 */
public final class MovingTableToAnotherSchema implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC110",
          "moving-table-to-another-schema",
          "Moving a table to another schema",
          Severity.ERROR,
          "`ALTER TABLE ... SET SCHEMA s` on a table that was not created earlier in the same change, unless the"
              + " same migration then creates a view under the old name.",
          "Running application versions that name the table with its schema, or whose `search_path` does not"
              + " include the new schema, fail with \"relation does not exist\" until every instance runs new code.",
          "Move the table and, in the same transaction, create a view with the old qualified name over it; drop"
              + " the view in a later release.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (!(s.change() instanceof Change.AlterTable alter)) {
        continue;
      }
      QualifiedName from = alter.table();
      for (AlterAction action : alter.actions()) {
        if (action instanceof AlterAction.SetSchema move
            && !Earlier.newTable(ctx, migration, s, from)
            && !keepsOldName(migration, s, from)) {
          QualifiedName moved = QualifiedName.of(move.schema(), from.name());
          String sql =
              s.sql().strip()
                  + ";\n-- keeps the old name working for running code; drop it in a later"
                  + " release\nCREATE VIEW "
                  + Sql.name(from)
                  + " AS SELECT * FROM "
                  + Sql.name(moved)
                  + ";";
          ctx.report(
              s,
              "Moving table `"
                  + from
                  + "` to schema `"
                  + move.schema()
                  + "` breaks every running"
                  + " application version that still finds it as `"
                  + from
                  + "`",
              List.of(
                  Fix.replacement(
                      "Move, and keep the old name as an updatable view until old code is gone.",
                      sql)));
        }
      }
    }
  }

  private static boolean keepsOldName(Migration migration, SqlStatement stmt, QualifiedName from) {
    return migration.statements().stream()
        .anyMatch(
            s ->
                s.index() > stmt.index()
                    && s.change() instanceof Change.CreateView v
                    && v.name().matches(from));
  }
}
