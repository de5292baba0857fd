package dev.schemawarden.policy.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The policy's verdict on a change: {@code allow}, {@code needs_approval} or {@code deny}, every reason citing the
 * policy id that produced it, and the approvals still required. Pure data, deterministic for the same facts, and
 * serialisable with plain Jackson (records, strings, enums and lists only).
 *
 * @param evaluated every policy that ran, in evaluation order, with what it concluded and why
 * @param overrides every override requested on the pull request, applied or refused, with the reason
 * @param objects the schema objects the change touches with their tags and owners, so the right people are asked
 * @param headSha the commit the decision is about (empty when built with the short constructor)
 * @param evaluatedAt ISO-8601 instant the facts were evaluated at (empty when built with the short constructor)
 */
public record Decision(
    Outcome outcome,
    List<String> reasons,
    List<ApprovalRequirement> requiredApprovals,
    List<EvaluatedPolicy> evaluated,
    List<OverrideRecord> overrides,
    List<SchemaContext.ObjectInfo> objects,
    String headSha,
    String evaluatedAt) {

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
   * {@code count} approvals from {@code approvers} (users as {@code alice}, teams as {@code org/team}, {@code *}
   * for any eligible reviewer) are needed because of {@code policyId}; {@code satisfiedBy} lists those that already
   * count.
   */
  public record ApprovalRequirement(
      String policyId, List<String> approvers, int count, String reason, List<String> satisfiedBy) {
    public ApprovalRequirement {
      Objects.requireNonNull(policyId, "policyId");
      approvers = List.copyOf(approvers);
      Objects.requireNonNull(reason, "reason");
      satisfiedBy = List.copyOf(satisfiedBy);
    }

    public boolean satisfied() {
      return satisfiedBy.size() >= count;
    }
  }

  /** What one policy concluded. */
  public enum PolicyResult {
    /** It matched and denies the change. */
    DENY,
    /** It matched and requires approvals. */
    REQUIRE,
    /** It matched and only warns. */
    WARN,
    /** It did not match. */
    NO_MATCH,
    /** It matched but an authorised override set it aside. */
    OVERRIDDEN,
    /** A check policy (separation of duties) ran; its details say which approvals it set aside. */
    CHECKED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One policy's evaluation.
   *
   * @param details what matched ("db/V3__drop.sql:4 DESTRUCTIVE public.users") or was set aside, sorted
   */
  public record EvaluatedPolicy(
      String policyId, String description, PolicyResult result, List<String> details) {
    public EvaluatedPolicy {
      Objects.requireNonNull(policyId, "policyId");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(result, "result");
      details = List.copyOf(details);
    }
  }

  /** An override request and what became of it; {@code note} says why it was refused, or what it set aside. */
  public record OverrideRecord(
      String user, String targetId, String reason, String sha, boolean applied, String note) {
    public OverrideRecord {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(targetId, "targetId");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(note, "note");
    }
  }

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    requiredApprovals = List.copyOf(requiredApprovals);
    evaluated = List.copyOf(evaluated);
    overrides = List.copyOf(overrides);
    objects = List.copyOf(objects);
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
  }

  /** The original three-part form, kept for callers that only know outcome, reasons and approvals. */
  public Decision(
      Outcome outcome, List<String> reasons, List<ApprovalRequirement> requiredApprovals) {
    this(outcome, reasons, requiredApprovals, List.of(), List.of(), List.of(), "", "");
  }

  public static Decision allow(List<String> reasons) {
    return new Decision(Outcome.ALLOW, reasons, List.of());
  }

  /**
   * The reasons that are not an approval requirement (a deny, a warning, an override). Each requirement is also a
   * reason ("policy: why - 0 of 1 approvals"), so a renderer that prints the requirements prints these beside them
   * and says each reason once.
   */
  public List<String> reasonsBesideApprovals() {
    return reasons.stream()
        .filter(
            r ->
                requiredApprovals.stream()
                    .noneMatch(a -> r.startsWith(a.policyId() + ": " + a.reason())))
        .toList();
  }

  /** Requirements not yet satisfied. */
  public List<ApprovalRequirement> missingApprovals() {
    return requiredApprovals.stream().filter(r -> !r.satisfied()).toList();
  }
}
