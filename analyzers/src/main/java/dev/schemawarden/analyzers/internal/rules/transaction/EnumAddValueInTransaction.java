package dev.schemawarden.analyzers.internal.rules.transaction;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.List;
import java.util.Optional;

/**
 * TX104: before PostgreSQL 12 ALTER TYPE ... ADD VALUE is refused inside a transaction block; from 12 it runs, but
 * the new value cannot be used until the transaction commits ("unsafe use of new value").
 */
public final class EnumAddValueInTransaction implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "TX104",
          "enum-add-value-in-transaction",
          "Enum value added and used in one transaction",
          Severity.ERROR,
          "`ALTER TYPE ... ADD VALUE` inside a transaction on PostgreSQL 11 or older; or, on 12+, a later"
              + " statement of the same transaction uses the new value.",
          "PostgreSQL 11 and older refuse ADD VALUE in a transaction block; from 12 on, using the value before"
              + " the transaction commits fails with \"unsafe use of new value\". Either way the migration fails.",
          "Add the enum value in its own migration (outside a transaction on PostgreSQL 11 and older), and use it"
              + " in a later one.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    List<SqlStatement> all = migration.statements();
    for (SqlStatement s : all) {
      if (!(s.change() instanceof Change.AddEnumValue add) || !ctx.facts(s).inTransaction()) {
        continue;
      }
      if (ctx.serverVersion().below(12)) {
        ctx.report(
            s,
            "ALTER TYPE "
                + add.type()
                + " ADD VALUE '"
                + add.value()
                + "' cannot run inside a"
                + " transaction block on PostgreSQL "
                + ctx.serverVersion().major(),
            List.of(
                Fix.advice(
                    "Run it outside a transaction.", ToolSettings.noTransaction(migration))));
        continue;
      }
      usedLater(all, s, add.value(), ctx)
          .ifPresent(
              use ->
                  ctx.report(
                      s,
                      "enum value '"
                          + add.value()
                          + "' of "
                          + add.type()
                          + " is used at line "
                          + use.line()
                          + " in the same transaction, which fails"
                          + " with \"unsafe use of new value\"",
                      List.of(
                          Fix.advice(
                              "Commit the new value before using it: move the statement at line "
                                  + use.line()
                                  + " to a later migration.",
                              "-- next migration:\n" + use.sql().strip() + ";"))));
    }
  }

  /** The first later statement of the same transaction whose text contains the value as a string literal. */
  private static Optional<SqlStatement> usedLater(
      List<SqlStatement> all, SqlStatement add, String value, RuleContext ctx) {
    String literal = "'" + value.replace("'", "''") + "'";
    for (SqlStatement s : all.subList(add.index() + 1, all.size())) {
      if (!ctx.facts(s).inTransaction()) {
        return Optional.empty();
      }
      if (s.change() instanceof Change.Transaction t
          && (t.kind() == Change.Transaction.TxKind.COMMIT
              || t.kind() == Change.Transaction.TxKind.ROLLBACK)) {
        return Optional.empty();
      }
      // the literal is data, not syntax, so no Change type carries it; the statement text is where
      // it shows
      if (!(s.change() instanceof Change.AddEnumValue) && s.sql().contains(literal)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
