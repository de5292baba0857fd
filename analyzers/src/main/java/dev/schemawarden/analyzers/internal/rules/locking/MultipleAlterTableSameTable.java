package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.AlterAction;
import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.QualifiedName;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** LK121: several ALTER TABLEs of one table lock (and may rewrite) it several times; one statement does it once. */
public final class MultipleAlterTableSameTable implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK121",
          "multiple-alter-table-same-table",
          "Several ALTER TABLE statements for one table",
          Severity.INFO,
          "A migration has more than one `ALTER TABLE` of the same existing table.",
          "Each statement queues for the table's lock separately, and each rewriting action rewrites the table"
              + " again; one combined statement locks and rewrites once.",
          "Combine the harmless actions (no rewrite, scan or constraint) into one"
              + " `ALTER TABLE t action1, action2, ...`; make a rewriting or scanning one safe on its own first.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.onTable("lock-held", statement, meta().id());
  }

  /** No predicted rewrite or scan and no constraint: the statement only needs its lock, briefly. */
  private static boolean harmless(SqlStatement s, RuleContext ctx) {
    return s.change() instanceof Change.AlterTable a
        && a.actions().stream()
            .noneMatch(
                x ->
                    x instanceof AlterAction.AddConstraint
                        || x instanceof AlterAction.AlterColumnType
                        || x instanceof AlterAction.SetNotNull
                        || x instanceof AlterAction.SetTablespace
                        || x instanceof AlterAction.SetLogged)
        && ctx.predictedLocks(s).stream().noneMatch(l -> l.rewrite() || l.scan());
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    List<QualifiedName> seen = new ArrayList<>();
    for (SqlStatement s : migration.statements()) {
      if (!(s.change() instanceof Change.AlterTable alter)
          || ctx.isNewTable(alter.table())
          || alter.actions().stream().anyMatch(LockingSql::standsAlone)) {
        continue;
      }
      if (seen.stream().anyMatch(t -> t.matches(alter.table()))) {
        List<SqlStatement> all =
            migration.statements().stream()
                .filter(
                    o ->
                        o.change() instanceof Change.AlterTable a
                            && a.table().matches(alter.table())
                            && a.actions().stream().noneMatch(LockingSql::standsAlone))
                .toList();
        // Only harmless ALTERs are worth combining: folding a rewrite, a scan or a constraint into
        // the statement would just move that error into one bigger statement that still carries it.
        List<SqlStatement> harmless = all.stream().filter(o -> harmless(o, ctx)).toList();
        // (Identity: a record's equals over the whole statement is the costliest call of a cold
        // lint run.)
        if (harmless.size() >= 2 && harmless.stream().anyMatch(o -> o == s)) {
          String combined =
              "ALTER TABLE "
                  + Sql.name(alter.table())
                  + "\n  "
                  + harmless.stream()
                      .map(o -> LockingSql.actionsText(o.sql()))
                      .collect(Collectors.joining(",\n  "))
                  + ";";
          ctx.report(
              s,
              "another ALTER TABLE of "
                  + alter.table()
                  + " in this migration: combine them so the"
                  + " table is locked once",
              List.of(Fix.advice("One statement, one lock.", combined)));
        } else {
          ctx.report(
              s,
              "another ALTER TABLE of "
                  + alter.table()
                  + " in this migration, each queueing for its"
                  + " lock; they are not worth combining while one of them rewrites, scans or builds an index:"
                  + " make each safe on its own first (see its own finding)",
              List.of());
        }
      } else {
        seen.add(alter.table());
      }
    }
  }
}
