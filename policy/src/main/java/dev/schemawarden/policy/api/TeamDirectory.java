package dev.schemawarden.policy.api;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Team membership as the host reports it at decision time (never cached from an earlier review). Team names are
 * {@code org/team}; a leading {@code @} is ignored. Logins compare case-insensitively, as GitHub and GitLab do.
 */
@FunctionalInterface
public interface TeamDirectory {

  /** The members of {@code team} (lower-case logins), empty for an unknown team. */
  Set<String> members(String team);

  default boolean isMember(String user, String team) {
    return members(team).contains(user.toLowerCase(Locale.ROOT));
  }

  /** Nobody belongs to any team. */
  static TeamDirectory empty() {
    return team -> Set.of();
  }

  /** A fixed directory, e.g. resolved from the host just before deciding. */
  static TeamDirectory of(Map<String, Set<String>> teams) {
    Map<String, Set<String>> normalised = new TreeMap<>();
    teams.forEach(
        (team, users) ->
            normalised.put(
                normaliseTeam(team),
                users.stream()
                    .map(u -> u.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet())));
    Map<String, Set<String>> copy = Map.copyOf(normalised);
    return team -> copy.getOrDefault(normaliseTeam(team), Set.of());
  }

  /** {@code @Acme/DBA} and {@code acme/dba} are the same team. */
  static String normaliseTeam(String team) {
    String t = team.startsWith("@") ? team.substring(1) : team;
    return t.toLowerCase(Locale.ROOT);
  }
}
