package dev.schemawarden.app.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One job as {@code warden jobs list} and {@code GET /api/jobs} show it (never its payload). */
public record JobView(
    long id,
    String host,
    String deliveryId,
    String key,
    String kind,
    String status,
    int attempts,
    Instant createdAt,
    Optional<Instant> firstAttemptAt,
    Instant runAfter,
    Optional<Instant> finishedAt,
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

  /** The JSON shape {@code GET /api/jobs} and {@code warden jobs list --format json} share. */
  public ObjectNode json() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", id)
        .put("host", host)
        .put("delivery_id", deliveryId)
        .put("key", key)
        .put("kind", kind)
        .put("status", status)
        .put("attempts", attempts)
        .put("created_at", createdAt.toString())
        .put("first_attempt_at", firstAttemptAt.map(Object::toString).orElse(null))
        .put("run_after", runAfter.toString())
        .put("finished_at", finishedAt.map(Object::toString).orElse(null))
        .put("last_error", lastError.orElse(null));
    return o;
  }
}
