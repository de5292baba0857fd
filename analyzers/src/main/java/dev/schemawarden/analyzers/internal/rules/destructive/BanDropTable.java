package dev.schemawarden.analyzers.internal.rules.destructive;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
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
import java.util.stream.Collectors;

/** DS101: {@code DROP TABLE} of a table that existed before this change ({@code IF EXISTS} changes nothing). */
public final class BanDropTable implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "DS101",
          "ban-drop-table",
          "Dropping a table",
          Severity.ERROR,
          "DROP TABLE names a table that was not created earlier in the same change.",
          "Every row is deleted and cannot be recovered without a backup restore; application versions still "
              + "running during the deploy fail on every query that touches the table.",
          "Stop using the table in one release, rename it out of the way (reversible), and drop the renamed "
              + "table in a later migration once nothing has missed it.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.Drop d) || d.kind() != ObjectKind.TABLE) {
        continue;
      }
      List<QualifiedName> existing =
          d.names().stream().filter(n -> !Earlier.newTable(ctx, migration, stmt, n)).toList();
      if (existing.isEmpty()) {
        continue;
      }
      ctx.report(
          stmt,
          "DROP TABLE "
              + Sql.quoted(existing)
              + " deletes "
              + (existing.size() == 1 ? "the table" : "the tables")
              + " and every row permanently"
              + (d.ifExists()
                  ? " (IF EXISTS only hides a missing table, it does not make the drop safe)"
                  : ""),
          List.of(
              Fix.advice(
                  "Retire the table by renaming it: the data stays recoverable until a later migration drops it.",
                  retire(existing, d.ifExists()))));
    }
  }

  private static String retire(List<QualifiedName> tables, boolean ifExists) {
    String renames =
        tables.stream()
            .map(
                t ->
                    "ALTER TABLE "
                        + (ifExists ? "IF EXISTS " : "")
                        + Sql.name(t)
                        + " RENAME TO "
                        + Sql.ident(Sql.suffixed(t.name(), "retired"))
                        + ";")
            .collect(Collectors.joining("\n"));
    String drops =
        tables.stream()
            .map(t -> Sql.name(Sql.sibling(t, Sql.suffixed(t.name(), "retired"))))
            .collect(Collectors.joining(", "));
    return renames
        + "\n-- in a later migration, once no code or report has missed it:\n-- DROP TABLE "
        + drops
        + ";";
  }
}
