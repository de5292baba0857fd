package dev.schemawarden.policy.api;

import dev.schemawarden.policy.api.Decision.OverrideRecord;
import dev.schemawarden.policy.internal.policies.BuiltInPolicies;
import dev.schemawarden.policy.internal.policies.Shas;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Whether an override request applies; every refusal says why, and the decision records both. */
final class Overrides {
  private Overrides() {}

  static OverrideRecord judge(
      PolicyOverride o,
      PrFacts f,
      List<String> authorized,
      Set<String> policyIds,
      Set<String> findingIds) {
    String target = o.targetId().toUpperCase(Locale.ROOT);
    String user = o.user().toLowerCase(Locale.ROOT);
    String refusal = null;
    if (BuiltInPolicies.IDS.contains(target)) {
      refusal =
          target
              + " is built in: irreversible operations and sandbox escapes always need a human approval"
              + " and separation of duties always applies; no override sets them aside";
    } else if (o.reason().isBlank()) {
      refusal = "an override needs a written reason";
    } else if (!o.sha().equals(f.headSha())) {
      refusal =
          "given on "
              + Shas.abbrev(o.sha())
              + " but the head is "
              + Shas.abbrev(f.headSha())
              + ": overrides are bound to the commit they were given on";
    } else if (!isAuthorized(user, authorized, f.teams())) {
      refusal = o.user() + " is not authorised to override (policy overrides.authorized)";
    } else if (user.equals(f.author().toLowerCase(Locale.ROOT))
        || f.committers().stream().anyMatch(c -> c.equalsIgnoreCase(user))) {
      refusal = "separation of duties: " + o.user() + " cannot override a change they wrote";
    } else if (!policyIds.stream().anyMatch(p -> p.equalsIgnoreCase(target))
        && !findingIds.contains(target)) {
      refusal = target + " is neither a policy id nor a finding of this change";
    }
    return new OverrideRecord(
        o.user(),
        o.targetId(),
        o.reason(),
        o.sha(),
        refusal == null,
        refusal == null ? "applied" : "refused: " + refusal);
  }

  private static boolean isAuthorized(String user, List<String> authorized, TeamDirectory teams) {
    for (String a : authorized) {
      String who = a.startsWith("@") ? a.substring(1) : a;
      if (who.contains("/") ? teams.isMember(user, who) : who.equalsIgnoreCase(user)) {
        return true;
      }
    }
    return false;
  }
}
