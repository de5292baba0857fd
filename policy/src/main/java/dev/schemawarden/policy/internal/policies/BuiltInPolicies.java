package dev.schemawarden.policy.internal.policies;

import java.util.List;
import java.util.Set;

/**
 * The built-in policies, always evaluated before the policy file's rules. A policy file cannot remove, redefine
 * or lower them, and no override sets them aside.
 */
public final class BuiltInPolicies {
  private BuiltInPolicies() {}

  // keep-sorted start
  public static final List<Policy> ALL =
      List.of(new IrreversibleFloor(), new SandboxEscapeFloor(), new SeparationOfDuties());
  // keep-sorted end

  public static final Set<String> IDS =
      Set.of(IrreversibleFloor.ID, SandboxEscapeFloor.ID, SeparationOfDuties.ID);
}
