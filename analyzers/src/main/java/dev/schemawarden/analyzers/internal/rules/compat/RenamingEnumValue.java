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

/** BC104: {@code ALTER TYPE ... RENAME VALUE} on an enum not created earlier in the same migration. */
public final class RenamingEnumValue implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC104",
          "renaming-enum-value",
          "Renaming an enum value",
          Severity.WARNING,
          "ALTER TYPE ... RENAME VALUE on an enum type that was not created earlier in the same migration.",
          "Running application versions still write and compare the old label: their inserts fail with "
              + "\"invalid input value for enum\" and their WHERE clauses stop matching, from the moment the "
              + "migration commits.",
          "Add the new value, have the application accept both, move the rows over in batches, and leave the "
              + "old value unused (PostgreSQL cannot drop an enum value).");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.RenameEnumValue r)
          || Earlier.typeCreated(migration, stmt, r.type())) {
        continue;
      }
      ctx.report(
          stmt,
          "Renaming value '"
              + r.from()
              + "' of enum `"
              + r.type()
              + "` to '"
              + r.to()
              + "' breaks running application versions that still write or compare '"
              + r.from()
              + "'",
          List.of(
              Fix.advice(
                  "Add the new value next to the old one and move rows over while both are accepted.",
                  "ALTER TYPE "
                      + Sql.name(r.type())
                      + " ADD VALUE IF NOT EXISTS "
                      + literal(r.to())
                      + " AFTER "
                      + literal(r.from())
                      + ";\n"
                      + "-- after this commits and the application accepts both, for each column of type "
                      + r.type().name()
                      + ", in batches:\n"
                      + "-- UPDATE <table> SET <column> = "
                      + literal(r.to())
                      + " WHERE <column> = "
                      + literal(r.from())
                      + ";")));
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
