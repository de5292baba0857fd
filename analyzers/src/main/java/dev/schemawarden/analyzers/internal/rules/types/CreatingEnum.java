package dev.schemawarden.analyzers.internal.rules.types;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.stream.Collectors;

/** TY108: {@code CREATE TYPE ... AS ENUM}. */
public final class CreatingEnum implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "TY108",
          "creating-enum",
          "Creating an enum type",
          Severity.INFO,
          "A CREATE TYPE ... AS ENUM statement.",
          "Enum values cannot be removed, and adding or renaming one is a schema migration that every deploy "
              + "must order against application code; the value list lives in the type, out of reach of plain "
              + "data changes.",
          "Use a lookup table with a foreign key (values are rows you can add, rename or retire), or a text "
              + "column with a CHECK constraint.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (stmt.change() instanceof Change.CreateType t
          && t.typeKind() == Change.CreateType.TypeKind.ENUM) {
        ctx.report(
            stmt,
            "Enum type `"
                + t.name()
                + "` ("
                + t.enumValues().size()
                + " values): values cannot be removed later and "
                + "each new one needs a migration; consider a lookup table",
            List.of(
                Fix.advice(
                    "Keep the values as rows of a lookup table that columns reference.",
                    lookupTable(t))));
      }
    }
  }

  private static String lookupTable(Change.CreateType t) {
    String table = Sql.name(t.name());
    StringBuilder sql = new StringBuilder("CREATE TABLE " + table + " (value text PRIMARY KEY)");
    if (!t.enumValues().isEmpty()) {
      sql.append(";\nINSERT INTO ")
          .append(table)
          .append(" (value) VALUES ")
          .append(
              t.enumValues().stream()
                  .map(CreatingEnum::literal)
                  .map(v -> "(" + v + ")")
                  .collect(Collectors.joining(", ")));
    }
    sql.append(";\n-- columns then reference it: ")
        .append(Sql.ident(t.name().name()))
        .append(" text NOT NULL REFERENCES ")
        .append(table)
        .append(" (value)");
    return sql.toString();
  }

  private static String literal(String value) {
    String v = value;
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      return v;
    }
    return "'" + v.replace("'", "''") + "'";
  }
}
