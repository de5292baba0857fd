package dev.schemawarden.app.jobs;

import java.util.Objects;

/**
 * A claimed unit of work. {@code leaseOwner} is unique per claim and fences every later update: a worker whose lease
 * expired and was re-claimed by another can no longer complete or fail the job.
 *
 * @param key jobs with the same key (one pull request) never run at once
 * @param kind what the payload describes, e.g. {@code review}
 * @param attempts this claim's attempt number, from 1
 */
public record Job(
    long id, String host, String deliveryId, String key, String kind, String payload, int attempts,
    int maxAttempts, String leaseOwner) {
  public Job {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(leaseOwner, "leaseOwner");
  }
}
