package dev.schemawarden.app.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How the queue retries and leases.
 *
 * @param lease how long a claim is valid; a worker extends it while the job runs, so only a dead worker's job
 *     becomes claimable again after this long
 * @param maxAttempts attempts before a job is marked {@code failed}
 * @param baseBackoff the delay after the first failure; doubled per attempt, with jitter, up to {@code maxBackoff}
 * @param poll how often an idle worker looks for work (a local enqueue wakes workers at once)
 */
public record QueueSettings(Duration lease, int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration poll) {
  public QueueSettings {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(poll, "poll");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static QueueSettings defaults() {
    return new QueueSettings(
        Duration.ofMinutes(2), 6, Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(1));
  }
}
