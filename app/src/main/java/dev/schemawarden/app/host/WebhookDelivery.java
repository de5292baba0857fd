package dev.schemawarden.app.host;

import java.util.Objects;

/**
 * A verified delivery, parsed: its id (for deduplication), event name and action, and what it asks of the bot.
 */
public record WebhookDelivery(String id, String event, String action, HostEvent request) {
  public WebhookDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(request, "request");
  }
}
