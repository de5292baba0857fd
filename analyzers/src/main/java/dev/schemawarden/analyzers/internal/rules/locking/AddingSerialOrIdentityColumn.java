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
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.ExistingTableActions;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.List;
import java.util.Set;

/** LK112: a serial or identity column draws a sequence value for every existing row: a table rewrite. */
public final class AddingSerialOrIdentityColumn implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK112",
          "adding-serial-or-identity-column",
          "Serial or identity column added to an existing table",
          Severity.ERROR,
          "`ADD COLUMN` of type `serial`/`bigserial`/`smallserial` or `GENERATED ... AS IDENTITY` on an"
              + " existing table.",
          "Every existing row gets a sequence value, so the table is rewritten under ACCESS EXCLUSIVE: no reads or"
              + " writes until it is done.",
          "Add a nullable bigint column, default it from a sequence for new rows, backfill old rows in batches.");

  private static final Set<String> SERIALS =
      Set.of("serial", "bigserial", "smallserial", "serial2", "serial4", "serial8");

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
          if (!(action instanceof AlterAction.AddColumn add)) {
            return;
          }
          ColumnDef col = add.column();
          boolean serial = SERIALS.contains(col.type().name());
          if (!serial && col.generated() != ColumnDef.Generated.IDENTITY) {
            return;
          }
          String t = Sql.name(alter.table());
          String c = Sql.ident(col.name());
          String seq = Sql.ident(Sql.constraintName(alter.table(), col.name(), "seq"));
          String sql =
              "CREATE SEQUENCE "
                  + seq
                  + ";\nALTER TABLE "
                  + t
                  + " ADD COLUMN "
                  + c
                  + " bigint;\n"
                  + "ALTER TABLE "
                  + t
                  + " ALTER COLUMN "
                  + c
                  + " SET DEFAULT nextval('"
                  + seq
                  + "');\n"
                  + "-- then backfill existing rows in batches:\nUPDATE "
                  + t
                  + " SET "
                  + c
                  + " = nextval('"
                  + seq
                  + "') WHERE "
                  + c
                  + " IS NULL AND <key range>;";
          ctx.report(
              s,
              "adding "
                  + (serial ? col.type().name() : "identity")
                  + " column "
                  + col.name()
                  + " to existing table "
                  + alter.table()
                  + " rewrites the table under ACCESS EXCLUSIVE to number every"
                  + " row",
              List.of(
                  Fix.advice(
                      "Add a plain column with a sequence default and backfill in batches.", sql)));
        });
  }
}
