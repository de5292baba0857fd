package dev.schemawarden.app.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How the queue retries and leases.
 *
 * @param lease how long a claim is valid; a worker extends it while the job runs, so only a dead worker's job
 *     becomes claimable again after this long
 * @param baseBackoff the delay after the first failure; doubled per attempt, with jitter, up to {@code maxBackoff}
 * @param poll how often an idle worker looks for work (a local enqueue wakes workers at once)
 * @param horizon how long a job keeps being retried, counted from its first attempt: it fails for good only when
 *     its next attempt would fall after {@code first attempt + horizon}
 * @param breakerThreshold consecutive host-down failures (5xx, refused, timeout) of one host that open its breaker
 * @param breakerCoolDown how long an open breaker waits before it lets one probe job through
 */
public record QueueSettings(
    Duration lease,
    Duration baseBackoff,
    Duration maxBackoff,
    Duration poll,
    Duration horizon,
    int breakerThreshold,
    Duration breakerCoolDown) {
  public static final Duration DEFAULT_HORIZON = Duration.ofHours(6);
  public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(15);
  public static final int DEFAULT_BREAKER_THRESHOLD = 5;
  public static final Duration DEFAULT_BREAKER_COOL_DOWN = Duration.ofSeconds(30);

  public QueueSettings {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(breakerCoolDown, "breakerCoolDown");
    if (breakerThreshold < 1) {
      throw new IllegalArgumentException("breakerThreshold must be at least 1");
    }
    if (baseBackoff.isNegative() || baseBackoff.isZero() || maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must be positive and maxBackoff at least baseBackoff");
    }
  }

  public static QueueSettings defaults() {
    return new QueueSettings(
        Duration.ofMinutes(2),
        DEFAULT_BASE_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        Duration.ofSeconds(1),
        DEFAULT_HORIZON,
        DEFAULT_BREAKER_THRESHOLD,
        DEFAULT_BREAKER_COOL_DOWN);
  }

  public QueueSettings withHorizon(Duration newHorizon) {
    return new QueueSettings(
        lease, baseBackoff, maxBackoff, poll, newHorizon, breakerThreshold, breakerCoolDown);
  }

  public QueueSettings withBackoff(Duration base, Duration max) {
    return new QueueSettings(lease, base, max, poll, horizon, breakerThreshold, breakerCoolDown);
  }

  public QueueSettings withLease(Duration newLease) {
    return new QueueSettings(
        newLease, baseBackoff, maxBackoff, poll, horizon, breakerThreshold, breakerCoolDown);
  }

  public QueueSettings withPoll(Duration newPoll) {
    return new QueueSettings(
        lease, baseBackoff, maxBackoff, newPoll, horizon, breakerThreshold, breakerCoolDown);
  }

  public QueueSettings withBreaker(int threshold, Duration coolDown) {
    return new QueueSettings(lease, baseBackoff, maxBackoff, poll, horizon, threshold, coolDown);
  }
}
