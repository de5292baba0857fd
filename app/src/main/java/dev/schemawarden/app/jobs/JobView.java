package dev.schemawarden.app.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One job as {@code warden jobs list} and {@code GET /api/jobs} show it (never its payload). */
public record JobView(
    long id, String host, String deliveryId, String key, String kind, String status, int attempts,
    Instant createdAt, Optional<Instant> firstAttemptAt, Instant runAfter, Optional<Instant> finishedAt,
    Optional<String> lastError) {
  public JobView {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
    Objects.requireNonNull(runAfter, "runAfter");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(lastError, "lastError");
  }
}
