package dev.schemawarden.analyzers.internal.rules.style;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SQL004 (Squawk ban-duplicate-column-assignments): one statement that declares, retypes or assigns a column twice is rejected by PostgreSQL at deploy time; say so at review time, before the deploy fails.
 */
public final class DuplicateColumnAssignment implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "SQL004",
          "duplicate-column-assignment",
          "A column declared or retyped twice in one statement",
          Severity.ERROR,
          "`CREATE TABLE` that declares a column twice, one `ALTER TABLE` that adds the same column twice or"
              + " changes its type twice, or an `UPDATE` that assigns a column twice.",
          "PostgreSQL rejects the statement (`column specified more than once`, `cannot alter type of column"
              + " twice`, `multiple assignments to same column`): the migration fails at deploy time, halfway through when the tool does not wrap it in a"
              + " transaction.",
          "Keep one declaration or one type change per column.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      List<String> columns = new ArrayList<>();
      String what;
      if (s.change() instanceof Change.CreateTable t) {
        t.columns().stream().map(ColumnDef::name).forEach(columns::add);
        what = "CREATE TABLE " + t.table() + " declares";
      } else if (s.change() instanceof Change.AlterTable a) {
        List<String> added = new ArrayList<>();
        List<String> retyped = new ArrayList<>();
        for (AlterAction action : a.actions()) {
          if (action instanceof AlterAction.AddColumn add) {
            added.add(add.column().name());
          } else if (action instanceof AlterAction.AlterColumnType type) {
            retyped.add(type.column());
          }
        }
        report(ctx, s, "ALTER TABLE " + a.table() + " adds", added);
        columns = retyped;
        what = "ALTER TABLE " + a.table() + " changes the type of";
      } else if (s.change() instanceof Change.DataChange dml
          && dml.kind() == Change.DataChange.DmlKind.UPDATE) {
        columns = dml.assigned();
        what = "UPDATE" + dml.table().map(t -> " " + t).orElse("") + " assigns";
      } else {
        continue;
      }
      report(ctx, s, what, columns);
    }
  }

  private static void report(RuleContext ctx, SqlStatement s, String what, List<String> columns) {
    Set<String> seen = new LinkedHashSet<>();
    Set<String> twice = new LinkedHashSet<>();
    for (String c : columns) {
      if (!seen.add(c)) {
        twice.add(c);
      }
    }
    if (!twice.isEmpty()) {
      ctx.report(
          s,
          what
              + " "
              + String.join(", ", twice)
              + " more than once: PostgreSQL rejects the statement",
          List.of());
    }
  }
}
