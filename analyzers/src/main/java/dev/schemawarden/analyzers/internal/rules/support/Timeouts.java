package dev.schemawarden.analyzers.internal.rules.support;

import dev.schemawarden.analyzers.api.Fix;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.PredictedLock;
import dev.schemawarden.analyzers.api.RuleContext;
import dev.schemawarden.analyzers.api.SqlStatement;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/** What the lock_timeout and statement_timeout rules share: which locks need a timeout, and the fix that sets one. */
public final class Timeouts {

  /** SHARE and stronger: these block writes (or everything), so waiting for or holding them needs a bound. */
  private static final Set<LockMode> STRONG =
      EnumSet.of(
          LockMode.SHARE,
          LockMode.SHARE_ROW_EXCLUSIVE,
          LockMode.EXCLUSIVE,
          LockMode.ACCESS_EXCLUSIVE);

  private Timeouts() {}

  /** The SHARE-or-stronger locks {@code stmt} is predicted to take, in prediction order. */
  public static Stream<PredictedLock> strongLocks(RuleContext ctx, SqlStatement stmt) {
    return ctx.predictedLocks(stmt).stream().filter(l -> STRONG.contains(l.mode()));
  }

  /** Replaces {@code stmt} with {@code set} (e.g. {@code SET lock_timeout = '2s';}) followed by the statement. */
  public static Fix setFirst(String title, String set, SqlStatement stmt) {
    return Fix.replacement(title, set + "\n" + stmt.sql().strip() + ";");
  }
}
