package dev.schemawarden.app.jobs;

import java.util.Objects;

/** One webhook delivery as the host identified it ({@code X-GitHub-Delivery}) and what it was about. */
public record Delivery(String host, String id, String event, String action) {
  public Delivery {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(action, "action");
  }
}
