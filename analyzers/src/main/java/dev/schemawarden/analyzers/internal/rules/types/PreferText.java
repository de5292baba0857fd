package dev.schemawarden.analyzers.internal.rules.types;

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

/** TY105: a {@code varchar(n)} column (plain {@code varchar} without a limit is text and passes). */
public final class PreferText implements LintRule {

  private static final String VARCHAR = "(?:varchar|character\\s+varying)\\s*\\(\\s*\\d+\\s*\\)";

  private static final RuleMeta META =
      Metas.postgres(
          "TY105",
          "prefer-text-over-varchar",
          "Prefer text with a CHECK over varchar(n)",
          Severity.INFO,
          "A CREATE TABLE, ADD COLUMN or ALTER COLUMN ... TYPE declares a column of type varchar(n).",
          "The limit is part of the type: raising it needs ALTER COLUMN TYPE under an ACCESS EXCLUSIVE lock, "
              + "and lowering it rewrites the table under that lock. A CHECK constraint can be swapped with "
              + "NOT VALID and validated without blocking writes.",
          "Declare the column text and, if the limit is a business rule, add CHECK (char_length(col) <= n).");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      List<TypedColumn> limited =
          TypedColumn.of(stmt.change()).stream()
              .filter(c -> c.type().name().equals("varchar") && !c.type().modifiers().isEmpty())
              .toList();
      if (limited.isEmpty()) {
        continue;
      }
      String labels =
          limited.stream()
              .map(c -> c.label() + " (" + c.type() + ")")
              .collect(Collectors.joining(", "));
      List<Fix> fixes =
          TypeRewrite.rewrite(
                  stmt.sql(),
                  limited.stream().map(TypedColumn::column).toList(),
                  VARCHAR,
                  m -> "text")
              .map(
                  sql ->
                      List.of(
                          Fix.replacement(
                              "Use text and keep the limit as a CHECK constraint, which can change without a rewrite.",
                              withChecks(sql, checks(ctx, limited)))))
              .orElse(List.of());
      ctx.report(
          stmt,
          "Column "
              + labels
              + " puts its length limit in the type: changing it later locks `"
              + limited.get(0).table()
              + "`; use text with a CHECK",
          fixes);
    }
  }

  private static String withChecks(String sql, String checks) {
    return checks.isEmpty() ? sql : sql + ";\n" + checks;
  }

  // On a table that already has rows, add the CHECK as NOT VALID (brief lock, no scan) and validate
  // it separately (a scan that does not block writes). A new table is empty, so a plain CHECK is
  // enough.
  private static String checks(RuleContext ctx, List<TypedColumn> columns) {
    return columns.stream()
        .filter(c -> !c.type().isArray())
        .map(
            c -> {
              String table = Sql.name(c.table());
              String name = Sql.ident(Sql.constraintName(c.table(), c.column(), "max_length"));
              String check =
                  "CHECK (char_length("
                      + Sql.ident(c.column())
                      + ") <= "
                      + c.type().modifiers().get(0)
                      + ")";
              boolean existing =
                  c.origin() != TypedColumn.Origin.CREATE_TABLE && !ctx.isNewTable(c.table());
              return existing
                  ? "ALTER TABLE "
                      + table
                      + " ADD CONSTRAINT "
                      + name
                      + " "
                      + check
                      + " NOT VALID;\n"
                      + "ALTER TABLE "
                      + table
                      + " VALIDATE CONSTRAINT "
                      + name
                      + ";"
                  : "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + check + ";";
            })
        .collect(Collectors.joining("\n"));
  }
}
