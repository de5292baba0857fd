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

/** LK124: without statement_timeout a lock-holding statement that runs long holds its lock indefinitely. */
public final class RequireStatementTimeout implements LintRule {

  private static final RuleMeta META =
      Metas.postgres(
          "LK124",
          "require-statement-timeout",
          "Locking migration without statement_timeout",
          Severity.INFO,
          "The first statement of a migration that takes SHARE or a stronger lock on an existing table, with no"
              + " non-zero `statement_timeout` set before it.",
          "If the statement runs longer than expected (a bigger table, a slower disk), it holds its lock for as"
              + " long as it runs; nothing stops it before users notice.",
          "Set `statement_timeout` to the longest the lock may be held, e.g. `SET statement_timeout = '5min';`.");

  @Override
  public RuleMeta meta() {
    return META;
  }

  @Override
  public String concern(SqlStatement statement) {
    return Concerns.STATEMENT_TIMEOUT;
  }

  @Override
  public void check(Migration migration, RuleContext ctx) {
    for (SqlStatement s : migration.statements()) {
      if (ctx.facts(s).statementTimeoutSet()) {
        continue;
      }
      Optional<PredictedLock> lock = Timeouts.strongLocks(ctx, s).findFirst();
      if (lock.isPresent()) {
        ctx.report(
            s,
            "no statement_timeout bounds how long this statement holds "
                + lock.get().mode().sqlName()
                + " on "
                + lock.get().relation(),
            List.of(
                Timeouts.setFirst(
                    "Bound how long the lock can be held.", "SET statement_timeout = '5min';", s)));
        return; // once per migration: one SET at its start covers every statement
      }
    }
  }
}
