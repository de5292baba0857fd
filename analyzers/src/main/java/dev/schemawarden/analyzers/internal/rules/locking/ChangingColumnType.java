package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.DataType;
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
import java.util.Set;

/**
 * LK113: changing a column's type rewrites the table and rebuilds its indexes, except for binary-coercible
 * widenings. The statement does not say the current type, so the unbounded targets every common source type widens
 * to ({@code text}, {@code varchar}, {@code numeric} without limits) are trusted; a bounded target is reported with
 * the widening under which it would be safe.
 */
public final class ChangingColumnType implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK113",
          "changing-column-type",
          "Column type changed on an existing table",
          Severity.ERROR,
          "`ALTER COLUMN c TYPE t` on an existing table, unless `t` is an unbounded `text`, `varchar`,"
              + " `numeric` or `varbit` without `USING` (a safe widening).",
          "Unless the old and new types are binary compatible, the server rewrites the table and rebuilds every"
              + " index under ACCESS EXCLUSIVE: no reads or writes until it is done.",
          "Widen safely (`varchar(n)` to `varchar(m > n)` or `text`, `numeric(p,s)` to `numeric(q > p,s)`),"
              + " or add a new column, backfill it in batches and switch over.");

  private static final Set<String> UNBOUNDED_WIDENINGS =
      Set.of("text", "varchar", "numeric", "varbit", "citext");

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
          if (!(action instanceof AlterAction.AlterColumnType change)) {
            return;
          }
          DataType type = change.type();
          if (change.using().isEmpty()
              && !type.isArray()
              && type.modifiers().isEmpty()
              && UNBOUNDED_WIDENINGS.contains(type.name())) {
            return; // a binary-coercible widening from the bounded forms: catalog-only
          }
          String column = alter.table() + "." + change.column();
          String safeWhen =
              switch (type.name()) {
                case "varchar", "varbit" ->
                    "; it is a safe widening only if the current type is "
                        + type.name()
                        + " with a limit of at most "
                        + String.join(",", type.modifiers())
                        + " (review, then suppress)";
                case "numeric" ->
                    "; it is a safe widening only if the current type is numeric with a lower precision"
                        + " and the same scale (review, then suppress)";
                default -> "";
              };
          String usingNote = change.using().isPresent() ? " (USING forces a rewrite)" : "";
          String t = Sql.name(alter.table());
          String c = Sql.ident(change.column());
          String tmp = Sql.ident(Sql.suffixed(change.column(), "new"));
          String sql =
              "ALTER TABLE "
                  + t
                  + " ADD COLUMN "
                  + tmp
                  + " "
                  + type
                  + ";\n-- keep it in sync with a"
                  + " trigger, backfill in batches, then swap:\n-- ALTER TABLE "
                  + t
                  + " RENAME COLUMN "
                  + c
                  + " TO ...;"
                  + " ALTER TABLE "
                  + t
                  + " RENAME COLUMN "
                  + tmp
                  + " TO "
                  + c
                  + ";";
          ctx.report(
              s,
              "changing the type of "
                  + column
                  + " to "
                  + type
                  + " rewrites "
                  + alter.table()
                  + " and"
                  + " rebuilds its indexes under ACCESS EXCLUSIVE"
                  + usingNote
                  + safeWhen,
              List.of(
                  Fix.advice(
                      "Add a column of the new type, backfill it in batches and switch over.",
                      sql)));
        });
  }
}
