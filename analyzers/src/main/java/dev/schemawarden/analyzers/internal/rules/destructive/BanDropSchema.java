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

/** DS103: {@code DROP SCHEMA} of a schema not created earlier in the same migration. */
public final class BanDropSchema implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "DS103",
          "ban-drop-schema",
          "Dropping a schema",
          Severity.ERROR,
          "DROP SCHEMA names a schema that was not created earlier in the same migration.",
          "With CASCADE every table, view, function and type in the schema goes with it, data included; without "
              + "it the drop fails unless the schema is empty, which a migration cannot know on every database it "
              + "runs on.",
          "Rename the schema out of the way (reversible) and drop it in a later migration once nothing has "
              + "missed it; drop its objects one by one so each drop is reviewed.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.Drop d) || d.kind() != ObjectKind.SCHEMA) {
        continue;
      }
      List<QualifiedName> existing =
          d.names().stream()
              .filter(n -> !Earlier.schemaCreated(migration, stmt, n.name()))
              .toList();
      if (existing.isEmpty()) {
        continue;
      }
      String retire =
          existing.stream()
              .map(
                  s ->
                      "ALTER SCHEMA "
                          + Sql.name(s)
                          + " RENAME TO "
                          + Sql.ident(Sql.suffixed(s.name(), "retired"))
                          + ";")
              .collect(Collectors.joining("\n"));
      ctx.report(
          stmt,
          "DROP SCHEMA "
              + Sql.quoted(existing)
              + (d.cascade()
                  ? " CASCADE deletes every object in it, with all their data"
                  : " removes the schema; it fails unless the schema is already empty on every database"),
          List.of(
              Fix.advice(
                  "Retire the schema by renaming it; drop it in a later migration.",
                  retire
                      + "\n-- in a later migration, after dropping its objects one by one:\n-- DROP SCHEMA "
                      + existing.stream()
                          .map(s -> Sql.ident(Sql.suffixed(s.name(), "retired")))
                          .collect(Collectors.joining(", "))
                      + ";")));
    }
  }
}
