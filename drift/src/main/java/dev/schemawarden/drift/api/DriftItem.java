package dev.schemawarden.drift.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One difference between the schema the migration history says production should have and the one it has.
 *
 * @param kind {@code missing} (expected, not in production), {@code extra} (in production only), {@code changed},
 *     {@code migration_not_applied}, {@code migration_unknown}, {@code checksum_mismatch}
 * @param objectType e.g. {@code table}, {@code column}, {@code index}, {@code view}, {@code migration}
 * @param object qualified name of the object
 * @param expected what the migration history says, if anything
 * @param actual what production has, if anything
 * @param message one sentence naming both sides
 */
public record DriftItem(
    String kind,
    String objectType,
    String object,
    Optional<String> expected,
    Optional<String> actual,
    String message) {
  public DriftItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(message, "message");
  }
}
