package dev.schemawarden.analyzers.internal.rules.compat;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Change.ObjectKind;
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

/** BC103: {@code ALTER SCHEMA ... RENAME TO} of a schema not created earlier in the same migration. */
public final class RenamingSchema implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC103",
          "renaming-schema",
          "Renaming a schema",
          Severity.ERROR,
          "ALTER SCHEMA ... RENAME TO on a schema that was not created earlier in the same migration.",
          "Every object in the schema moves at once: running application versions that qualify names with the "
              + "old schema, or list it in search_path, fail to find any of its tables, views and functions.",
          "Create the new schema next to the old one, expose the objects there (views), move the application "
              + "over, then move or drop the old schema in a later release.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.Rename r) || r.kind() != ObjectKind.SCHEMA) {
        continue;
      }
      if (Earlier.schemaCreated(migration, stmt, r.from().name())) {
        continue;
      }
      String from = Sql.ident(r.from().name());
      String to = Sql.ident(r.to());
      ctx.report(
          stmt,
          "Renaming schema `"
              + r.from().name()
              + "` to `"
              + r.to()
              + "` breaks every running application "
              + "version that names `"
              + r.from().name()
              + "` or has it in search_path",
          List.of(
              Fix.advice(
                  "Expand and contract: serve both names while the application moves over.",
                  "-- release 1: the new schema, with a view per table of the old one\n"
                      + "CREATE SCHEMA "
                      + to
                      + ";\n"
                      + "-- for each table t of "
                      + r.from().name()
                      + ":\n"
                      + "-- CREATE VIEW "
                      + to
                      + ".t AS SELECT * FROM "
                      + from
                      + ".t;\n"
                      + "-- release 2: the application uses "
                      + r.to()
                      + "; a later migration moves the tables\n"
                      + "-- (ALTER TABLE "
                      + from
                      + ".t SET SCHEMA "
                      + to
                      + " after dropping the views)")));
    }
  }
}
