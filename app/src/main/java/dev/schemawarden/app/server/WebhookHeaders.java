package dev.schemawarden.app.server;

import io.javalin.http.BadRequestResponse;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The webhook headers whose values are stored (delivery ids, the deduplication key) or become metric tags (event
 * names), checked before anything else reads them: a 10,000-character delivery id is a malformed request (400),
 * not a state store failure (it would not fit the key's index), and an event name never grows the metrics without
 * bound. Hosts send UUIDs and short event names, far inside these limits.
 */
final class WebhookHeaders {
  /** A delivery id or idempotency key: a UUID on both hosts; room for other formats, no spaces or controls. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

  /** An event name: {@code pull_request} on GitHub, {@code Merge Request Hook} on GitLab. */
  private static final Pattern EVENT = Pattern.compile("[A-Za-z0-9_ .-]{1,64}");

  private static final Map<String, Pattern> CHECKED =
      Map.of(
          "X-GitHub-Delivery", ID,
          "X-Gitlab-Event-UUID", ID,
          "Idempotency-Key", ID,
          "X-GitHub-Event", EVENT,
          "X-Gitlab-Event", EVENT);

  private WebhookHeaders() {}

  /** Throws 400 naming the first malformed header; an absent header is left to the host's own parser. */
  static void check(UnaryOperator<String> header) {
    CHECKED.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String value = header.apply(e.getKey());
              if (value != null && !e.getValue().matcher(value).matches()) {
                throw new BadRequestResponse(
                    "malformed "
                        + e.getKey()
                        + " header ("
                        + value.length()
                        + " characters):"
                        + " expected "
                        + (e.getValue() == ID
                            ? "an id of at most 128 letters, digits and ._:+/=-"
                            : "an event name of at most 64 letters, digits, spaces and _.-"));
              }
            });
  }
}
