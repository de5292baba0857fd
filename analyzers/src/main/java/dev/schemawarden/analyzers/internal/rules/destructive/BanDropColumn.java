package dev.schemawarden.analyzers.internal.rules.destructive;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.ExistingColumns;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.stream.Collectors;

/** DS102: {@code ALTER TABLE ... DROP COLUMN} of a column that existed before this change. */
public final class BanDropColumn implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "DS102",
          "ban-drop-column",
          "Dropping a column",
          Severity.ERROR,
          "ALTER TABLE ... DROP COLUMN names a column of a table that existed before this change and that was "
              + "not added earlier in it.",
          "The column's data is gone for good, and application versions still running during the deploy fail "
              + "on every statement that names the column (SELECT col, INSERT ... (col), ORMs that list all "
              + "columns).",
          "Contract in two releases: first ship code that no longer reads or writes the column (drop its NOT "
              + "NULL so inserts that omit it work), then drop it in a later migration.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingColumns.changedBy(
        migration,
        ctx,
        AlterAction.DropColumn.class,
        AlterAction.DropColumn::column,
        (stmt, alter, dropped) -> report(ctx, stmt, alter.table(), dropped));
  }

  private static void report(
      RuleContext ctx, SqlStatement stmt, QualifiedName name, List<String> dropped) {
    String table = Sql.name(name);
    String labels = ExistingColumns.labels(name, dropped);
    String relax =
        dropped.stream()
            .map(c -> "ALTER TABLE " + table + " ALTER COLUMN " + Sql.ident(c) + " DROP NOT NULL;")
            .collect(Collectors.joining("\n"));
    String later =
        "ALTER TABLE "
            + table
            + " "
            + dropped.stream()
                .map(c -> "DROP COLUMN " + Sql.ident(c))
                .collect(Collectors.joining(", "))
            + ";";
    ctx.report(
        stmt,
        (dropped.size() == 1
                ? "Dropping column " + labels + " deletes its data"
                : "Dropping columns " + labels + " deletes their data")
            + ", and running application versions that still name "
            + (dropped.size() == 1 ? "it" : "them")
            + " fail",
        List.of(
            Fix.advice(
                "Stop using the column first; drop it in a later release once no running version names it.",
                "-- release 1: deploy code that no longer reads or writes the column, and let inserts omit it:\n"
                    + relax
                    + "\n-- release 2, a later migration (its own review):\n-- "
                    + later)));
  }
}
