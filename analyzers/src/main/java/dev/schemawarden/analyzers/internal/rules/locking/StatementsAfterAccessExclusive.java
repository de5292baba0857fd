package dev.schemawarden.analyzers.internal.rules.locking;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** LK116: every statement after an ACCESS EXCLUSIVE lock in the same transaction extends the outage. */
public final class StatementsAfterAccessExclusive implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK116",
          "statements-after-access-exclusive",
          "Statements run while ACCESS EXCLUSIVE is held",
          Severity.WARNING,
          "A statement runs in the same transaction after an earlier one took ACCESS EXCLUSIVE on an existing"
              + " table.",
          "The lock is held until the transaction ends, so the table stays unavailable for reads and writes for"
              + " the time of every later statement, not just the one that needed the lock.",
          "Put the statement that takes ACCESS EXCLUSIVE last in its transaction, or in its own migration.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    // One finding per stretch of statements under the same held lock: its first statement, counting
    // the rest.
    List<SqlStatement> stretch = new ArrayList<>();
    Optional<QualifiedName> stretchTable = Optional.empty();
    for (SqlStatement s : migration.statements()) {
      Optional<QualifiedName> held = ctx.facts(s).accessExclusiveHeldOn();
      if (!held.equals(stretchTable)) {
        report(stretch, stretchTable, ctx);
        stretch.clear();
        stretchTable = held;
      }
      if (held.isPresent()
          && !(s.change() instanceof Change.Transaction)
          && !(s.change() instanceof Change.SetParameter)) {
        stretch.add(s);
      }
    }
    report(stretch, stretchTable, ctx);
  }

  private static void report(
      List<SqlStatement> stretch, Optional<QualifiedName> held, RuleContext ctx) {
    if (stretch.isEmpty() || held.isEmpty()) {
      return;
    }
    SqlStatement first = stretch.get(0);
    String more =
        stretch.size() == 1
            ? ""
            : " (with "
                + (stretch.size() - 1)
                + " more statement"
                + (stretch.size() == 2 ? "" : "s")
                + " after it)";
    String moved =
        stretch.stream().map(x -> x.sql().strip() + ";").collect(Collectors.joining("\n"));
    ctx.report(
        first,
        Concerns.lockHeld(held.get().toString()),
        "runs"
            + more
            + " while "
            + held.get()
            + " is still ACCESS EXCLUSIVE-locked by an earlier"
            + " statement of the same transaction, keeping "
            + held.get()
            + " unavailable for reads and writes meanwhile",
        List.of(
            Fix.advice(
                "Move these statements before the one that locks "
                    + held.get()
                    + ", or into their own migration.",
                "-- before the statement that locks " + held.get() + ":\n" + moved)));
  }
}
