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
import java.util.Set;
import java.util.stream.Collectors;

/** TY104: a {@code char(n)} / {@code character(n)} column. */
public final class BanCharField implements LintRule {

  static final Set<String> CHAR_NAMES = Set.of("char", "character", "bpchar");

  // "character varying" is varchar, not char: the lookahead keeps it out.
  private static final String CHAR =
      "(?:character|char|bpchar)(?!\\s+varying)(?:\\s*\\(\\s*\\d+\\s*\\))?";

  private static final RuleMeta META =
      Metas.postgres(
          "TY104",
          "ban-char-field",
          "Do not use char(n)",
          Severity.WARNING,
          "A CREATE TABLE, ADD COLUMN or ALTER COLUMN ... TYPE declares a column of type char(n) / character(n).",
          "char(n) pads values with spaces to n characters, strips them again when cast to text, treats them as "
              + "significant in LIKE and regular expressions, is no faster than text in PostgreSQL, and changing "
              + "n later rewrites the table.",
          "Declare the column text (add CHECK (char_length(col) = n) if a fixed length is a business rule).");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      List<TypedColumn> chars =
          TypedColumn.of(stmt.change()).stream()
              .filter(c -> CHAR_NAMES.contains(c.type().name()))
              .toList();
      if (chars.isEmpty()) {
        continue;
      }
      String labels =
          chars.stream()
              .map(c -> c.label() + " (" + c.type() + ")")
              .collect(Collectors.joining(", "));
      List<Fix> fixes =
          TypeRewrite.rewrite(
                  stmt.sql(), chars.stream().map(TypedColumn::column).toList(), CHAR, m -> "text")
              .map(sql -> List.of(Fix.replacement("Use text: no blank padding, same speed.", sql)))
              .orElse(List.of());
      ctx.report(
          stmt,
          "Column "
              + labels
              + " is blank-padded char(n): use text, with a CHECK if the length matters",
          fixes);
    }
  }
}
