package dev.schemawarden.policy.api;

import dev.schemawarden.analyzers.api.LockMode;
import java.time.Duration;
import java.util.Objects;

/**
 * A statement's weighed impact on production: its strongest lock, how long that lock is expected to block others,
 * and the size of the table it is taken on. Policies' {@code lock-modes}, {@code min-blocking-seconds} and
 * {@code min-table-bytes} match only statements that have these facts.
 */
public record ImpactFacts(LockMode lockMode, Duration estimatedBlocking, long tableBytes) {
  public ImpactFacts {
    Objects.requireNonNull(lockMode, "lockMode");
    Objects.requireNonNull(estimatedBlocking, "estimatedBlocking");
  }
}
