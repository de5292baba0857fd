package dev.schemawarden.app.apply;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether, and after how long, a unit that failed on a lock timeout is tried again: the one budget
 * ({@link ApplySettings#maxAttempts()}, {@link ApplySettings#backoffBefore(int)}) every executor spends.
 */
final class LockRetry {
  private static final Logger LOG = LoggerFactory.getLogger(LockRetry.class);

  private LockRetry() {}

  /**
   * After {@code attempt} failed waiting for a lock: true when the budget allows another attempt, once the backoff
   * has been logged ({@code what} says what waited) and slept; false when the budget is spent, or when the sleep is
   * interrupted (the thread's interrupt flag is kept for the caller to see).
   */
  static boolean again(
      ApplySettings apply, StatementRunner.Sleeper sleeper, int attempt, String what) {
    if (attempt >= apply.maxAttempts()) {
      return false;
    }
    Duration wait = apply.backoffBefore(attempt + 1);
    LOG.warn(
        "{} (attempt {} of {}); retrying in {} ms",
        what,
        attempt,
        apply.maxAttempts(),
        wait.toMillis());
    try {
      sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
