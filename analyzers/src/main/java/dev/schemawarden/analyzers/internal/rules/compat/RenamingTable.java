package dev.schemawarden.analyzers.internal.rules.compat;

import dev.schemawarden.analyzers.api.AlterAction;
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
import java.util.Optional;

/** BC102: renaming a table that existed before this change ({@code ALTER TABLE ... RENAME TO}). */
public final class RenamingTable implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "BC102",
          "renaming-table",
          "Renaming a table",
          Severity.ERROR,
          "ALTER TABLE ... RENAME TO on a table that was not created earlier in the same change, unless the same "
              + "migration then creates a view under the old name.",
          "The application version still running during the deploy names the old table: until every instance "
              + "runs the new code its queries fail with \"relation does not exist\".",
          "Rename the table and, in the same transaction, create a view with the old name over it: a simple "
              + "view is updatable, so old code keeps reading and writing. Drop the view in a later release.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      Optional<String> to = renamedTo(stmt.change());
      if (to.isEmpty()) {
        continue;
      }
      QualifiedName from = table(stmt.change());
      if (Earlier.newTable(ctx, migration, stmt, from) || keepsOldName(migration, stmt, from)) {
        continue;
      }
      QualifiedName renamed = Sql.sibling(from, to.get());
      String sql =
          "ALTER TABLE "
              + Sql.name(from)
              + " RENAME TO "
              + Sql.ident(to.get())
              + ";\n"
              + "-- keeps the old name working for running code (simple views accept INSERT/UPDATE/DELETE);\n"
              + "-- drop the view in a later release\n"
              + "CREATE VIEW "
              + Sql.name(from)
              + " AS SELECT * FROM "
              + Sql.name(renamed);
      ctx.report(
          stmt,
          "Renaming table `"
              + from
              + "` to `"
              + to.get()
              + "` breaks every running application version that "
              + "still names `"
              + from.name()
              + "`",
          List.of(
              Fix.replacement(
                  "Rename, and keep the old name as an updatable view until old code is gone.",
                  sql)));
    }
  }

  // A view created under the old name later in the same migration keeps running code working: the
  // fix applied.
  private static boolean keepsOldName(Migration migration, SqlStatement stmt, QualifiedName from) {
    return migration.statements().stream()
        .anyMatch(
            s ->
                s.index() > stmt.index()
                    && s.change() instanceof Change.CreateView v
                    && v.name().matches(from));
  }

  private static Optional<String> renamedTo(Change change) {
    if (change instanceof Change.AlterTable a) {
      return a.actions().stream()
          .filter(x -> x instanceof AlterAction.RenameTable)
          .map(x -> ((AlterAction.RenameTable) x).to())
          .findFirst();
    }
    if (change instanceof Change.Rename r && r.kind() == ObjectKind.TABLE) {
      return Optional.of(r.to());
    }
    return Optional.empty();
  }

  private static QualifiedName table(Change change) {
    return change instanceof Change.AlterTable a ? a.table() : ((Change.Rename) change).from();
  }
}
