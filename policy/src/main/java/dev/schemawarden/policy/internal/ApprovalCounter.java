package dev.schemawarden.policy.internal;

import dev.schemawarden.policy.api.Approval;
import dev.schemawarden.policy.api.TeamDirectory;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which eligible approvers satisfy a requirement: a login listed by name, a member of a listed team (per the
 * directory at decision time), or anyone for {@code *}. Each person counts once.
 */
public final class ApprovalCounter {
  private ApprovalCounter() {}

  /** Sorted, distinct logins among {@code eligible} that {@code approvers} accepts. */
  public static List<String> satisfiedBy(
      List<Approval> eligible, List<String> approvers, TeamDirectory teams) {
    TreeSet<String> out = new TreeSet<>();
    for (Approval a : eligible) {
      String user = a.user().toLowerCase(Locale.ROOT);
      for (String who : approvers) {
        boolean ok =
            who.equals("*")
                || (who.contains("/") ? teams.isMember(user, who) : who.equalsIgnoreCase(user));
        if (ok) {
          out.add(user);
          break;
        }
      }
    }
    return List.copyOf(out);
  }
}
