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

/**
 * TX102: BEGIN inside a transaction does not nest: PostgreSQL warns and ignores it, and the matching COMMIT then
 * commits the outer transaction (the tool's), so the rest of the migration runs without the atomicity it expects.
 */
public final class TransactionNesting implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "TX102",
          "transaction-nesting",
          "BEGIN inside a transaction, or COMMIT of the tool's",
          Severity.ERROR,
          "`BEGIN`/`START TRANSACTION` while a transaction is open (one the migration tool wraps the migration"
              + " in, or an earlier `BEGIN` in the file), or `COMMIT`/`ROLLBACK` with no `BEGIN` of the file open"
              + " in a migration the tool wraps in a transaction.",
          "Transactions do not nest: the inner BEGIN is ignored and its COMMIT commits the outer transaction early;"
              + " a later failure leaves the migration half-applied and the tool's history wrong.",
          "Remove the BEGIN/COMMIT and let the tool manage the transaction, or tell the tool not to wrap this"
              + " migration.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  private static boolean endsToolTransaction(Change.Transaction t) {
    return t.kind() == Change.Transaction.TxKind.COMMIT
        || t.kind() == Change.Transaction.TxKind.ROLLBACK;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (!(s.change() instanceof Change.Transaction t) || !ctx.facts(s).inTransaction()) {
        continue;
      }
      if (endsToolTransaction(t) && !ctx.facts(s).explicitTransaction()) {
        // No BEGIN of the file is open, so this ends the transaction the tool opened (Squawk's
        // second case).
        ctx.report(
            s,
            t.kind()
                + " ends the transaction "
                + migration.tool().configName()
                + " wraps "
                + migration.label()
                + " in: the statements after it run without one, and the tool's own COMMIT"
                + " finds none",
            List.of(Fix.replacement("Drop it and let the tool end the transaction.", "")));
        continue;
      }
      if (t.kind() != Change.Transaction.TxKind.BEGIN) {
        continue;
      }
      if (ctx.facts(s).explicitTransaction()) {
        ctx.report(
            s,
            "BEGIN while the BEGIN block opened earlier in "
                + migration.label()
                + " is still open:"
                + " transactions do not nest",
            List.of(Fix.replacement("Drop the inner BEGIN.", "")));
      } else {
        ctx.report(
            s,
            "BEGIN inside the transaction "
                + migration.tool().configName()
                + " wraps "
                + migration.label()
                + " in: the matching COMMIT commits the tool's transaction early",
            List.of(
                Fix.advice(
                    "Remove BEGIN and its COMMIT and let the tool manage the transaction.",
                    "-- delete this BEGIN and the matching COMMIT")));
      }
    }
  }
}
