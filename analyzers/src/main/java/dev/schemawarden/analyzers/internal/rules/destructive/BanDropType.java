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

/** DS109: {@code DROP TYPE} / {@code DROP DOMAIN} of a type not created earlier in the same migration. */
public final class BanDropType implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "DS109",
          "ban-drop-type",
          "Dropping a type, enum or domain",
          Severity.ERROR,
          "DROP TYPE or DROP DOMAIN names a type that was not created earlier in the same migration.",
          "With CASCADE every column of that type is dropped with its data, and functions and other types "
              + "using it go too. Without CASCADE the migration fails wherever the type is still used, and "
              + "running application code that casts to it ('x'::status) breaks.",
          "Check that nothing uses the type (the query in the fix must return no rows), move columns off it in "
              + "an earlier release, then drop it without CASCADE.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.Drop d)
          || (d.kind() != ObjectKind.TYPE && d.kind() != ObjectKind.DOMAIN)) {
        continue;
      }
      List<QualifiedName> existing =
          d.names().stream().filter(n -> !Earlier.typeCreated(migration, stmt, n)).toList();
      if (existing.isEmpty()) {
        continue;
      }
      String noun = Sql.noun(d.kind());
      String regtypes =
          existing.stream()
              .map(n -> "'" + Sql.name(n).replace("'", "''") + "'::regtype")
              .collect(Collectors.joining(", "));
      String check =
          "-- must return no rows before the "
              + noun
              + " is dropped:\n"
              + "SELECT a.attrelid::regclass AS relation, a.attname AS column\n"
              + "FROM pg_attribute a\n"
              + "WHERE a.atttypid IN ("
              + regtypes
              + ") AND NOT a.attisdropped;\n"
              + "DROP "
              + Sql.keyword(d.kind())
              + (d.ifExists() ? " IF EXISTS " : " ")
              + Sql.names(existing)
              + ";";
      ctx.report(
          stmt,
          "DROP "
              + Sql.keyword(d.kind())
              + " "
              + Sql.quoted(existing)
              + (d.cascade()
                  ? " CASCADE drops every column of that " + noun + ", with its data"
                  : " fails wherever the "
                      + noun
                      + " is still used and breaks running code that casts to it"),
          List.of(
              Fix.advice(
                  "Prove the " + noun + " is unused, then drop it without CASCADE.", check)));
    }
  }
}
