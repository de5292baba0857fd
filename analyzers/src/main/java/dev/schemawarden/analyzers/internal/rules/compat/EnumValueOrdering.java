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

/** BC107: {@code ALTER TYPE ... ADD VALUE ... BEFORE|AFTER} on an enum not created earlier in the migration. */
public final class EnumValueOrdering implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC107",
          "enum-value-ordering",
          "Adding an enum value in the middle",
          Severity.INFO,
          "ALTER TYPE ... ADD VALUE with BEFORE or AFTER, on an enum type that was not created earlier in the "
              + "same migration.",
          "An enum sorts by declaration order, not by label: a value inserted in the middle changes the result "
              + "of ORDER BY, <, > and BETWEEN on that column for queries that relied on the old order.",
          "Append the value at the end (no BEFORE/AFTER), or make sure no query orders or compares by the enum.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.AddEnumValue v)
          || (v.before().isEmpty() && v.after().isEmpty())
          || Earlier.typeCreated(migration, stmt, v.type())) {
        continue;
      }
      String where =
          v.before()
              .map(b -> "before '" + b + "'")
              .orElseGet(() -> "after '" + v.after().get() + "'");
      ctx.report(
          stmt,
          "Adding '"
              + v.value()
              + "' to enum `"
              + v.type()
              + "` "
              + where
              + " changes how existing values of the type sort and compare",
          List.of(
              Fix.replacement(
                  "Append the value at the end so the order of existing values stays as it was.",
                  "ALTER TYPE "
                      + Sql.name(v.type())
                      + " ADD VALUE "
                      + (v.ifNotExists() ? "IF NOT EXISTS " : "")
                      + "'"
                      + v.value().replace("'", "''")
                      + "'")));
    }
  }
}
