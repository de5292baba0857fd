package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.ColumnDef;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.Volatility;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.ExistingTableActions;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.Optional;

/**
 * LK110: since PostgreSQL 11 a constant (or stable) default is stored in the catalog, but a volatile one is
 * evaluated per row, which rewrites the table; before 11 every non-null default rewrites.
 */
public final class AddingColumnWithVolatileDefault implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK110",
          "adding-column-with-volatile-default",
          "Column added with a default that rewrites the table",
          Severity.ERROR,
          "`ADD COLUMN ... DEFAULT expr` on an existing table where `expr` is volatile (e.g. `random()`,"
              + " `gen_random_uuid()`, `clock_timestamp()`, `nextval()`), or any non-null default before"
              + " PostgreSQL 11.",
          "The server rewrites the whole table (and its indexes) under ACCESS EXCLUSIVE to store a value in every"
              + " row: no reads or writes until it is done, and twice the disk space meanwhile.",
          "Add the column without a default, `SET DEFAULT` for new rows, and backfill existing rows in batches.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("rewrite", statement, meta().id());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    ExistingTableActions.forEach(
        migration,
        ctx,
        (s, alter, action) -> {
          if (!(action instanceof AlterAction.AddColumn add)
              || add.column().defaultExpr().isEmpty()
              || add.column().generated() != ColumnDef.Generated.NONE) {
            return;
          }
          ColumnDef col = add.column();
          String expr = col.defaultExpr().get().strip();
          if (expr.equalsIgnoreCase("null")) {
            return;
          }
          String why;
          Optional<String> volatileCall = Volatility.volatileCall(expr);
          if (volatileCall.isPresent()) {
            why =
                "its default "
                    + expr
                    + " calls the volatile "
                    + volatileCall.get()
                    + "(), evaluated for every row";
          } else if (ctx.serverVersion().below(11)) {
            why = "before PostgreSQL 11 every non-null default is written into every row";
          } else {
            return;
          }
          String t = Sql.name(alter.table());
          String c = Sql.ident(col.name());
          String sql =
              "ALTER TABLE "
                  + t
                  + " ADD COLUMN "
                  + c
                  + " "
                  + col.type()
                  + ";\nALTER TABLE "
                  + t
                  + " ALTER COLUMN "
                  + c
                  + " SET DEFAULT "
                  + expr
                  + ";\n-- then backfill existing rows in batches, e.g.:\n"
                  + "UPDATE "
                  + t
                  + " SET "
                  + c
                  + " = "
                  + expr
                  + " WHERE "
                  + c
                  + " IS NULL AND <key range>;";
          ctx.report(
              s,
              "adding column "
                  + col.name()
                  + " to existing table "
                  + alter.table()
                  + " rewrites the table"
                  + " under ACCESS EXCLUSIVE: "
                  + why,
              List.of(
                  Fix.advice(
                      "Add the column without a default, then default new rows and backfill.",
                      sql)));
        });
  }
}
