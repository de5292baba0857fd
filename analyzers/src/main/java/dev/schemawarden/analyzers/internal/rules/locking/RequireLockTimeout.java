package dev.schemawarden.analyzers.internal.rules.locking;

import dev.schemawarden.analyzers.api.Concerns;
import dev.schemawarden.analyzers.api.LintRule;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.internal.lint.Metas;
import dev.schemawarden.analyzers.internal.rules.support.Timeouts;
import java.util.List;
import java.util.Optional;

/**
 * LK115: a strong lock request waits behind every running transaction on the table, and every later query waits
 * behind it; without lock_timeout a slow report query turns a 1 ms ALTER into an outage.
 */
public final class RequireLockTimeout implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK115",
          "require-lock-timeout",
          "Strong lock taken without lock_timeout",
          Severity.WARNING,
          "A statement takes SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE or ACCESS EXCLUSIVE on an existing table and no"
              + " non-zero `lock_timeout` was set before it in the migration.",
          "The lock request queues behind any long-running transaction on the table, and every query that arrives"
              + " after it queues behind the request: the table is unavailable for as long as the wait lasts.",
          "Start the migration with `SET lock_timeout = '2s';` and retry the migration when it times out.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.LOCK_TIMEOUT;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (ctx.facts(s).lockTimeoutSet()) {
        continue;
      }
      Optional<PredictedLock> strongest =
          Timeouts.strongLocks(ctx, s).max((a, b) -> a.mode().compareTo(b.mode()));
      if (strongest.isEmpty()) {
        continue;
      }
      PredictedLock lock = strongest.get();
      ctx.report(
          s,
          lock.mode().sqlName()
              + " on "
              + lock.relation()
              + " is requested without a lock_timeout:"
              + " while it waits for running transactions, every query on "
              + lock.relation()
              + " queues behind it",
          List.of(
              Timeouts.setFirst(
                  "Give up after 2 seconds instead of queueing everyone; retry later.",
                  "SET lock_timeout = '2s';",
                  s)));
    }
  }
}
