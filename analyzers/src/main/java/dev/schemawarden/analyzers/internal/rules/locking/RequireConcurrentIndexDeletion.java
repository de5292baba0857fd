package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.Change;
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
import java.util.List;

/** LK102: a plain DROP INDEX takes ACCESS EXCLUSIVE on the index's table. */
public final class RequireConcurrentIndexDeletion implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK102",
          "require-concurrent-index-deletion",
          "DROP INDEX without CONCURRENTLY",
          Severity.WARNING,
          "`DROP INDEX` without `CONCURRENTLY` of an index that was not created in the same change.",
          "It takes ACCESS EXCLUSIVE on the index's table: while it waits for running queries to finish, every"
              + " new read and write of the table queues behind it.",
          "`DROP INDEX CONCURRENTLY`, one index per statement, outside a transaction block.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (s.change() instanceof Change.Drop d
          && d.kind() == Change.ObjectKind.INDEX
          && !d.concurrently()) {
        List<QualifiedName> existing =
            d.names().stream()
                .filter(
                    n ->
                        !Earlier.any(
                            migration,
                            s,
                            c ->
                                c instanceof Change.CreateIndex ci
                                    && ci.name()
                                        .map(x -> QualifiedName.of(x).matches(n))
                                        .orElse(false)))
                .toList();
        if (existing.isEmpty()) {
          continue;
        }
        String sql =
            existing.size() == 1 && d.names().size() == 1
                ? LockingSql.dropIndexConcurrently(s.sql())
                : String.join(
                    "\n",
                    existing.stream()
                        .map(
                            n ->
                                "DROP INDEX CONCURRENTLY "
                                    + (d.ifExists() ? "IF EXISTS " : "")
                                    + n
                                    + ";")
                        .toList());
        Fix fix =
            ctx.facts(s).inTransaction()
                ? Fix.advice(
                    "Drop it concurrently, in a migration the tool runs outside a transaction.",
                    sql)
                : Fix.replacement(
                    "Drop it concurrently: reads and writes continue while it waits.", sql);
        ctx.report(
            s,
            "DROP INDEX "
                + existing.stream()
                    .map(Object::toString)
                    .reduce((a, b) -> a + ", " + b)
                    .orElseThrow()
                + " takes ACCESS EXCLUSIVE on its table, blocking reads and writes while it waits",
            List.of(fix));
      }
    }
  }
}
