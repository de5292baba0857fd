package dev.schemawarden.analyzers.internal.rules.types;

import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** TY101: a column declared {@code json} rather than {@code jsonb}, new tables included. */
public final class PreferJsonb implements LintRule {

  private static final Pattern JSON_CAST = Pattern.compile("(?i)::\\s*json(?![\\w$])");

  private static final RuleMeta META =
      Metas.postgres(
          "TY101",
          "prefer-jsonb-over-json",
          "Prefer jsonb over json",
          Severity.WARNING,
          "A CREATE TABLE, ADD COLUMN or ALTER COLUMN ... TYPE declares a column of type json (or json[]).",
          "json stores the text as written and re-parses it on every access; it has no equality operator, so "
              + "DISTINCT, GROUP BY, UNION and unique constraints on it fail, and it cannot use GIN indexes.",
          "Declare the column jsonb.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      List<TypedColumn> json =
          TypedColumn.of(stmt.change()).stream()
              .filter(c -> c.type().name().equals("json"))
              .toList();
      if (json.isEmpty()) {
        continue;
      }
      String labels = json.stream().map(TypedColumn::label).collect(Collectors.joining(", "));
      List<Fix> fixes =
          TypeRewrite.rewrite(
                  stmt.sql(), json.stream().map(TypedColumn::column).toList(), "json", m -> "jsonb")
              // Casts to json in defaults or USING follow the column, or the new type would be fed
              // json again.
              .map(sql -> JSON_CAST.matcher(sql).replaceAll("::jsonb"))
              .map(
                  sql ->
                      List.of(
                          Fix.replacement(
                              "Declare the column jsonb: same data, parsed once, indexable.", sql)))
              .orElse(List.of());
      ctx.report(
          stmt,
          "Column "
              + labels
              + " is declared json: use jsonb, which is parsed once, comparable and GIN-indexable",
          fixes);
    }
  }
}
