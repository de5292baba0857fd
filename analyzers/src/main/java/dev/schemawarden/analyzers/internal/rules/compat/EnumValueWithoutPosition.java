package dev.schemawarden.analyzers.internal.rules.compat;

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

/**
 * BC109 (Squawk require-enum-value-ordering): {@code ADD VALUE} without BEFORE/AFTER appends, which sorts the new
 * value after every existing one; queries such as {@code status < 'approved'} silently change meaning. A matter of
 * taste that contradicts BC107's advice to append, hence off unless a team turns it on.
 */
public final class EnumValueWithoutPosition implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC109",
          "enum-value-without-position",
          "Enum value added without BEFORE or AFTER",
          Severity.OFF,
          "`ALTER TYPE ... ADD VALUE 'v'` without `BEFORE` or `AFTER`, on an enum type that was not created earlier"
              + " in the same migration.",
          "The value is appended and sorts after every existing value: `ORDER BY`, `<`, `>` and `BETWEEN` on the"
              + " column place it last, whether or not that is where it belongs in the workflow the enum models.",
          "Say where the value goes with `BEFORE 'w'` or `AFTER 'w'`; when last is right, write `AFTER` the last"
              + " value so the intent is visible.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.AddEnumValue v)
          || v.before().isPresent()
          || v.after().isPresent()
          || Earlier.typeCreated(migration, stmt, v.type())) {
        continue;
      }
      ctx.report(
          stmt,
          "'"
              + v.value()
              + "' is appended to enum `"
              + v.type()
              + "` without BEFORE or AFTER: it sorts"
              + " after every existing value in ORDER BY and comparisons",
          List.of(
              Fix.advice(
                  "Name the neighbour the value belongs next to.",
                  "ALTER TYPE "
                      + Sql.name(v.type())
                      + " ADD VALUE "
                      + (v.ifNotExists() ? "IF NOT EXISTS " : "")
                      + "'"
                      + v.value().replace("'", "''")
                      + "' AFTER '<existing value>';")));
    }
  }
}
