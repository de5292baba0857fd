package dev.schemawarden.app.jobs;

import java.util.Objects;

/** A job to enqueue with its delivery: {@code key} serialises jobs of one pull request; {@code payload} is JSON. */
public record NewJob(String key, String kind, String payload) {
  public NewJob {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
  }
}
