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
import java.util.stream.Collectors;

/** TY103: a {@code timestamp} (without time zone) column. */
public final class PreferTimestamptz implements LintRule {

  // Group 1 keeps a precision such as (3); "without time zone" is dropped.
  private static final String TIMESTAMP =
      "timestamp(\\s*\\(\\s*\\d+\\s*\\))?(?:\\s+without\\s+time\\s+zone)?";

  private static final RuleMeta META =
      Metas.postgres(
          "TY103",
          "prefer-timestamptz",
          "Prefer timestamptz over timestamp",
          Severity.WARNING,
          "A CREATE TABLE, ADD COLUMN or ALTER COLUMN ... TYPE declares a column of type timestamp "
              + "(timestamp without time zone).",
          "timestamp stores a wall-clock reading with no zone: the same instant written by servers or sessions "
              + "in different time zones gets different values, comparisons across DST changes go wrong, and "
              + "converting the column later rewrites the table.",
          "Declare the column timestamptz, which stores an absolute instant and converts on display.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      List<TypedColumn> naive =
          TypedColumn.of(stmt.change()).stream()
              .filter(c -> c.type().name().equals("timestamp"))
              .toList();
      if (naive.isEmpty()) {
        continue;
      }
      String labels = naive.stream().map(TypedColumn::label).collect(Collectors.joining(", "));
      List<Fix> fixes =
          TypeRewrite.rewrite(
                  stmt.sql(),
                  naive.stream().map(TypedColumn::column).toList(),
                  TIMESTAMP,
                  m -> "timestamptz" + (m.group(1) == null ? "" : m.group(1).strip()))
              .map(
                  sql ->
                      List.of(Fix.replacement("Store an absolute instant with timestamptz.", sql)))
              .orElse(List.of());
      ctx.report(
          stmt,
          "Column "
              + labels
              + " is timestamp without time zone: use timestamptz so values mean the same instant "
              + "whatever the session's TimeZone",
          fixes);
    }
  }
}
