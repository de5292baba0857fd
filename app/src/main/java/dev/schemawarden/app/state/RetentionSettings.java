package dev.schemawarden.app.state;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the service keeps its own rows (docs/deployment.md, "Retention"); the audit log is never pruned.
 *
 * @param jobs finished jobs (done, failed, cancelled) older than this, by when they finished
 * @param deliveries webhook deliveries older than this that no remaining job refers to (a redelivery older than this
 *     is no longer recognised as a duplicate: keep it longer than a host retries, GitHub retries for 3 days at most)
 * @param reviews review rows older than this
 * @param every how often one instance (under an advisory lock) runs the scheduled work
 */
public record RetentionSettings(
    Duration jobs, Duration deliveries, Duration reviews, Duration every) {
  public static final Duration DEFAULT_JOBS = Duration.ofDays(30);
  public static final Duration DEFAULT_DELIVERIES = Duration.ofDays(30);
  public static final Duration DEFAULT_REVIEWS = Duration.ofDays(90);
  public static final Duration DEFAULT_EVERY = Duration.ofHours(1);

  public RetentionSettings {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(deliveries, "deliveries");
    Objects.requireNonNull(reviews, "reviews");
    Objects.requireNonNull(every, "every");
  }

  public static RetentionSettings defaults() {
    return new RetentionSettings(DEFAULT_JOBS, DEFAULT_DELIVERIES, DEFAULT_REVIEWS, DEFAULT_EVERY);
  }
}
