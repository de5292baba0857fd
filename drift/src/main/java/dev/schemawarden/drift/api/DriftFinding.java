package dev.schemawarden.drift.api;

import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Drift that matters to one pull request, ready for the review pipeline to turn into a finding.
 *
 * @param rule {@code DR101} touches-drifted-object, {@code DR102} breaks-production-only-dependent, {@code DR103}
 *     stale-snapshot (pages under docs/rules/)
 * @param severity the rule's default severity
 * @param span the statement it is about; empty for findings about the snapshot itself (DR103)
 * @param message one sentence naming the objects, production's side and the repository's
 * @param objects the qualified names involved, the statement's target first
 */
public record DriftFinding(
    String rule,
    Severity severity,
    Optional<SourceSpan> span,
    String message,
    List<String> objects) {
  public static final String TOUCHES_DRIFTED_OBJECT = "DR101";
  public static final String BREAKS_PRODUCTION_ONLY_DEPENDENT = "DR102";
  public static final String STALE_SNAPSHOT = "DR103";

  public DriftFinding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    objects = List.copyOf(objects);
  }
}
