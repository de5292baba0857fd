package dev.schemawarden.analyzers.internal.rules.transaction;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TX105: a backfill (UPDATE, DELETE, MERGE) of a table in the same transaction as DDL on that table keeps the DDL's
 * lock for the whole backfill.
 */
public final class DdlAndDataChangeInSameTransaction implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "TX105",
          "ddl-and-data-change-in-same-transaction",
          "Backfill in the same transaction as DDL",
          Severity.WARNING,
          "An UPDATE, DELETE or MERGE of an existing table runs in the same transaction after DDL on that table.",
          "The DDL's lock (often ACCESS EXCLUSIVE) is held until the transaction commits, so the table stays"
              + " blocked for the whole backfill, which on a large table takes minutes.",
          "Commit the DDL first, then backfill in batches in a separate migration (or outside migrations).");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    Map<QualifiedName, SqlStatement> ddl = new LinkedHashMap<>();
    for (SqlStatement s : migration.statements()) {
      if (!ctx.facts(s).inTransaction()) {
        ddl.clear(); // autocommit: each statement released its locks
      }
      Change c = s.change();
      if (c instanceof Change.Transaction t && t.kind() != Change.Transaction.TxKind.BEGIN) {
        if (t.kind() == Change.Transaction.TxKind.COMMIT
            || t.kind() == Change.Transaction.TxKind.ROLLBACK) {
          ddl.clear();
        }
        continue;
      }
      Optional<QualifiedName> ddlTable =
          c instanceof Change.AlterTable a
              ? Optional.of(a.table())
              : c instanceof Change.CreateIndex ci && !ci.concurrently()
                  ? Optional.of(ci.table())
                  : Optional.empty();
      if (ddlTable.isPresent() && !ctx.isNewTable(ddlTable.get()) && ctx.facts(s).inTransaction()) {
        ddl.putIfAbsent(ddlTable.get(), s);
      }
      if (c instanceof Change.DataChange dml
          && dml.table().isPresent()
          && (dml.kind() == Change.DataChange.DmlKind.UPDATE
              || dml.kind() == Change.DataChange.DmlKind.DELETE
              || dml.kind() == Change.DataChange.DmlKind.MERGE)) {
        QualifiedName table = dml.table().get();
        ddl.entrySet().stream()
            .filter(e -> e.getKey().matches(table))
            .findFirst()
            .ifPresent(
                e -> {
                  String mode =
                      ctx.predictedLocks(e.getValue()).stream()
                          .map(PredictedLock::mode)
                          .max(LockMode::compareTo)
                          .map(m -> m.sqlName() + " ")
                          .orElse("");
                  ctx.report(
                      s,
                      dml.kind()
                          + " of "
                          + table
                          + " runs in the same transaction as the DDL on "
                          + table
                          + " at line "
                          + e.getValue().line()
                          + ", so its "
                          + mode
                          + "lock is held for the whole backfill",
                      List.of(
                          Fix.advice(
                              "Commit the DDL first; backfill in batches in a later migration.",
                              "-- later migration, in batches:\n" + s.sql().strip() + ";")));
                });
      }
    }
  }
}
