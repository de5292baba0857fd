package dev.schemawarden.policy.api;

import java.util.Objects;

/**
 * A drift item touching an object the change touches, as the app copies it from the drift module (rules may not
 * depend on drift).
 *
 * @param kind e.g. {@code missing}, {@code extra}, {@code changed}
 * @param object qualified name of the drifted object
 * @param message one sentence for people
 */
public record DriftFact(String kind, String object, String message) {
  public DriftFact {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(message, "message");
  }
}
