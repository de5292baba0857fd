package dev.schemawarden.policy.internal.policies;

import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.policy.api.PrFacts;
import java.util.List;
import java.util.Objects;

/**
 * What a policy sees: the facts, and the findings that still count after overrides of finding ids (an overridden
 * finding no longer triggers rules that match on it).
 */
public record PolicyInput(PrFacts facts, List<Finding> findings) {
  public PolicyInput {
    Objects.requireNonNull(facts, "facts");
    findings = List.copyOf(findings);
  }

  public static PolicyInput of(PrFacts facts) {
    return new PolicyInput(facts, facts.findings());
  }
}
