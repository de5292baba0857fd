package dev.schemawarden.app.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A claimed unit of work. {@code leaseOwner} is unique per claim and fences every later update: a worker whose lease
 * expired and was re-claimed by another, or whose job was cancelled, can no longer complete or fail the job.
 *
 * @param key jobs with the same key (one pull request) never run at once
 * @param kind what the payload describes, e.g. {@code review}
 * @param attempts this claim's attempt number, from 1
 * @param firstAttempt when the job was first attempted (since its last manual retry): its horizon counts from here
 */
public record Job(
    long id,
    String host,
    String deliveryId,
    String key,
    String kind,
    String payload,
    int attempts,
    Instant firstAttempt,
    String leaseOwner) {
  public Job {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(firstAttempt, "firstAttempt");
    Objects.requireNonNull(leaseOwner, "leaseOwner");
  }
}
