package dev.schemawarden.rules.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The policy's verdict on a change: {@code allow}, {@code needs_approval} or {@code deny}, every reason citing the
 * policy id that produced it, and the approvals still required.
 */
public record Decision(Outcome outcome, List<String> reasons, List<ApprovalRequirement> requiredApprovals) {

  public enum Outcome {
    ALLOW,
    NEEDS_APPROVAL,
    DENY;

    /** As the JSON report spells it: {@code allow}, {@code needs_approval}, {@code deny}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * {@code count} approvals from {@code approvers} (users as {@code alice}, teams as {@code org/team}) are
   * needed because of {@code policyId}; {@code satisfiedBy} lists those that already count.
   */
  public record ApprovalRequirement(
      String policyId, List<String> approvers, int count, String reason, List<String> satisfiedBy) {
    public ApprovalRequirement {
      Objects.requireNonNull(policyId, "policyId");
      approvers = List.copyOf(approvers);
      Objects.requireNonNull(reason, "reason");
      satisfiedBy = List.copyOf(satisfiedBy);
    }
  }

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    requiredApprovals = List.copyOf(requiredApprovals);
  }

  public static Decision allow(List<String> reasons) {
    return new Decision(Outcome.ALLOW, reasons, List.of());
  }
}
