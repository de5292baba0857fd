package dev.schemawarden.app.apply;

import java.time.Duration;
import java.util.Objects;

/**
 * How statements run on the target.
 *
 * @param lockTimeout {@code lock_timeout} for every statement: waiting longer for a lock blocks the queue behind it
 * @param statementTimeout {@code statement_timeout}; {@link Duration#ZERO} for none (CONCURRENTLY builds can be long)
 * @param maxAttempts tries per transactional unit when it fails on a lock timeout (SQLState 55P03)
 * @param initialBackoff wait before the second try; doubles each time
 */
public record ApplySettings(
    Duration lockTimeout, Duration statementTimeout, int maxAttempts, Duration initialBackoff) {
  public ApplySettings {
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static ApplySettings defaults() {
    return new ApplySettings(Duration.ofSeconds(3), Duration.ZERO, 4, Duration.ofSeconds(1));
  }

  /** The wait before attempt {@code attempt} (2, 3, ...): initialBackoff, 2x, 4x ... capped at one minute. */
  public Duration backoffBefore(int attempt) {
    long factor = 1L << Math.min(20, Math.max(0, attempt - 2));
    Duration d = initialBackoff.multipliedBy(factor);
    return d.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : d;
  }

  /** SQL that sets both timeouts for the session. */
  String sessionSql() {
    return "SET lock_timeout = "
        + lockTimeout.toMillis()
        + "; SET statement_timeout = "
        + statementTimeout.toMillis();
  }
}
