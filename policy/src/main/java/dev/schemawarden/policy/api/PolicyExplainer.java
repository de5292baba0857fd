package dev.schemawarden.policy.api;

import dev.schemawarden.policy.api.Decision.ApprovalRequirement;
import dev.schemawarden.policy.api.Decision.EvaluatedPolicy;
import dev.schemawarden.policy.api.Decision.OverrideRecord;
import dev.schemawarden.policy.api.Decision.PolicyResult;
import java.util.List;

/**
 * Plain text saying which policies fired and why ({@code warden policy explain --report FILE}). Pure: the same
 * decision gives the same text.
 */
public final class PolicyExplainer {
  private PolicyExplainer() {}

  public static String explain(Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append("Decision: ").append(d.outcome().label());
    if (!d.headSha().isEmpty()) {
      sb.append(" for ").append(d.headSha());
    }
    if (!d.evaluatedAt().isEmpty()) {
      sb.append(" at ").append(d.evaluatedAt());
    }
    sb.append('\n');
    section(sb, "Reasons", d.reasons());
    if (!d.requiredApprovals().isEmpty()) {
      sb.append("\nApprovals:\n");
      for (ApprovalRequirement r : d.requiredApprovals()) {
        sb.append("  [")
            .append(r.satisfied() ? "x" : " ")
            .append("] ")
            .append(r.policyId())
            .append(": ")
            .append(r.count())
            .append(" from ")
            .append(
                String.join(
                    ", ",
                    r.approvers().stream()
                        .map(
                            a ->
                                a.equals("*")
                                    ? "any eligible reviewer"
                                    : a.contains("/") ? "@" + a : a)
                        .toList()))
            .append(
                r.satisfiedBy().isEmpty()
                    ? ""
                    : " - approved by " + String.join(", ", r.satisfiedBy()))
            .append('\n');
      }
    }
    if (!d.evaluated().isEmpty()) {
      sb.append("\nPolicies:\n");
      for (EvaluatedPolicy p : d.evaluated()) {
        sb.append("  ")
            .append(p.policyId())
            .append(" ")
            .append(p.result().label())
            .append(" - ")
            .append(p.description())
            .append('\n');
        if (p.result() != PolicyResult.NO_MATCH) {
          p.details().forEach(x -> sb.append("      ").append(x).append('\n'));
        }
      }
    }
    if (!d.overrides().isEmpty()) {
      sb.append("\nOverrides:\n");
      for (OverrideRecord o : d.overrides()) {
        sb.append("  ")
            .append(o.targetId())
            .append(" by ")
            .append(o.user())
            .append(" (\"")
            .append(o.reason())
            .append("\"): ")
            .append(o.note())
            .append('\n');
      }
    }
    List<SchemaContext.ObjectInfo> owned =
        d.objects().stream().filter(o -> !o.tags().isEmpty() || !o.owners().isEmpty()).toList();
    if (!owned.isEmpty()) {
      sb.append("\nObjects:\n");
      for (SchemaContext.ObjectInfo o : owned) {
        sb.append("  ").append(o.object());
        if (!o.tags().isEmpty()) {
          sb.append(" tags: ").append(String.join(", ", o.tags()));
        }
        if (!o.owners().isEmpty()) {
          sb.append(" owners: ").append(String.join(", ", o.owners()));
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static void section(StringBuilder sb, String title, List<String> lines) {
    if (!lines.isEmpty()) {
      sb.append('\n').append(title).append(":\n");
      lines.forEach(l -> sb.append("  - ").append(l).append('\n'));
    }
  }
}
