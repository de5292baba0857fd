package dev.schemawarden.policy.api;

import java.util.List;
import java.util.Objects;

/**
 * A loaded, valid policy: the file's rules in file order (the built-in POL001, POL002 and POL003 always run before
 * them and are not listed here) and who may override.
 *
 * @param source the file, or {@code default} for the shipped default policy
 * @param overrideAuthorized logins and {@code @org/team}s allowed to override a finding or a rule
 */
public record PolicySet(String source, List<PolicyRule> rules, List<String> overrideAuthorized) {
  public PolicySet {
    Objects.requireNonNull(source, "source");
    rules = List.copyOf(rules);
    overrideAuthorized = List.copyOf(overrideAuthorized);
  }

  /** No file rules: only the built-in policies. */
  public static PolicySet builtInOnly() {
    return new PolicySet("built-in", List.of(), List.of());
  }
}
