package dev.schemawarden.analyzers.internal.rules.compat;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.ConstraintDef;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * BC105: {@code ADD COLUMN ... NOT NULL} (or {@code PRIMARY KEY}) without a {@code DEFAULT} on a table that
 * existed before this change. Serial and identity columns fill themselves and pass, as do generated columns.
 */
public final class AddingRequiredField implements LintRule {

  private static final Set<String> SELF_FILLING = Set.of("serial", "smallserial", "bigserial");

  private static final RuleMeta META =
      Metas.postgres(
          "BC105",
          "adding-required-field",
          "Adding a NOT NULL column without a default",
          Severity.ERROR,
          "ALTER TABLE ... ADD COLUMN with NOT NULL (or PRIMARY KEY) and no DEFAULT, on a table that was not "
              + "created earlier in the same change.",
          "If the table has any row the statement fails (\"column contains null values\"), so the migration "
              + "works on an empty development database and breaks in production. If it succeeds, every INSERT "
              + "from an application version that does not know the column fails.",
          "Add the column with a DEFAULT (no table rewrite for a constant default since PostgreSQL 11), or add "
              + "it nullable, backfill, and enforce NOT NULL through a validated CHECK constraint.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement stmt : migration.statements()) {
      if (!(stmt.change() instanceof Change.AlterTable a)
          || Earlier.newTable(ctx, migration, stmt, a.table())) {
        continue;
      }
      for (AlterAction action : a.actions()) {
        if (action instanceof AlterAction.AddColumn add && required(add.column())) {
          ColumnDef c = add.column();
          ctx.report(
              stmt,
              "Adding `"
                  + a.table().name()
                  + "."
                  + c.name()
                  + "` NOT NULL without a DEFAULT fails if `"
                  + a.table()
                  + "` has rows, and breaks inserts from application versions that omit it",
              fixes(a, c, ctx));
          break; // one finding per statement
        }
      }
    }
  }

  static boolean required(ColumnDef c) {
    boolean notNull =
        c.notNull()
            || c.inlineConstraint()
                .map(k -> k.kind() == ConstraintDef.Kind.PRIMARY_KEY)
                .orElse(false);
    return notNull
        && c.defaultExpr().isEmpty()
        && c.generated() == ColumnDef.Generated.NONE
        && !SELF_FILLING.contains(c.type().name());
  }

  private static List<Fix> fixes(Change.AlterTable a, ColumnDef c, RuleContext ctx) {
    String table = Sql.name(a.table());
    String column = Sql.ident(c.name());
    String type = c.type().toString();
    List<Fix> fixes = new ArrayList<>();
    if (ctx.serverVersion().atLeast(11)) {
      fixes.add(
          Fix.advice(
              "Give the column a constant default: old inserts get it, and since PostgreSQL 11 no rewrite happens.",
              "ALTER TABLE "
                  + table
                  + " ADD COLUMN "
                  + column
                  + " "
                  + type
                  + " NOT NULL DEFAULT <value>"));
    }
    String check = Sql.ident(Sql.constraintName(a.table(), c.name(), "not_null"));
    StringBuilder steps =
        new StringBuilder()
            .append("ALTER TABLE ")
            .append(table)
            .append(" ADD COLUMN ")
            .append(column)
            .append(' ')
            .append(type)
            .append(";\n-- backfill in batches (one transaction each), then:\n")
            .append("ALTER TABLE ")
            .append(table)
            .append(" ADD CONSTRAINT ")
            .append(check)
            .append(" CHECK (")
            .append(column)
            .append(" IS NOT NULL) NOT VALID;\n")
            .append("ALTER TABLE ")
            .append(table)
            .append(" VALIDATE CONSTRAINT ")
            .append(check)
            .append(';');
    if (ctx.serverVersion().atLeast(12)) {
      // PostgreSQL 12+ skips the SET NOT NULL scan when a validated CHECK already proves it.
      steps
          .append("\nALTER TABLE ")
          .append(table)
          .append(" ALTER COLUMN ")
          .append(column)
          .append(" SET NOT NULL;\n")
          .append("ALTER TABLE ")
          .append(table)
          .append(" DROP CONSTRAINT ")
          .append(check)
          .append(';');
    }
    fixes.add(
        Fix.advice(
            "Add it nullable, backfill, then enforce NOT NULL without a long lock.",
            steps.toString()));
    return List.copyOf(fixes);
  }
}
