package dev.schemawarden.policy.api;

import dev.schemawarden.analyzers.api.LockMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One rule of a policy file: when it {@link Match matches}, its {@link Action} applies. Every criterion written
 * in {@code match} must hold; within one criterion's list any element may. See {@code docs/policy.md}.
 *
 * @param source the file it came from
 * @param line where its {@code id} is written
 */
public record PolicyRule(
    String id, String description, Match match, Action action, String source, int line) {

  public PolicyRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(source, "source");
  }

  /**
   * What a rule matches. Statement criteria ({@code operations}, {@code objects}, {@code tags}, lock and size) must
   * all hold for one statement; finding criteria ({@code rules}, {@code severity}) for one finding, which must sit
   * on that statement when both kinds are written; the rest are about the pull request.
   *
   * @param severity {@code info}, {@code warning}, {@code error} or {@code fail-on}: findings at or above it
   * @param drift true: some drift touches the change; false: none does
   */
  public record Match(
      Set<OperationClass> operations,
      Set<String> rules,
      Optional<String> severity,
      Set<LockMode> lockModes,
      Optional<Duration> minBlocking,
      OptionalLong minTableBytes,
      Optional<Boolean> drift,
      List<String> objects,
      Set<String> tags,
      Set<String> environments,
      Set<String> labels,
      Optional<When> when) {
    public Match {
      operations = Set.copyOf(operations);
      rules = Set.copyOf(rules);
      Objects.requireNonNull(severity, "severity");
      lockModes = Set.copyOf(lockModes);
      Objects.requireNonNull(minBlocking, "minBlocking");
      Objects.requireNonNull(minTableBytes, "minTableBytes");
      Objects.requireNonNull(drift, "drift");
      objects = List.copyOf(objects);
      tags = Set.copyOf(tags);
      environments = Set.copyOf(environments);
      labels = Set.copyOf(labels);
      Objects.requireNonNull(when, "when");
    }

    public static Match any() {
      return new Match(
          Set.of(),
          Set.of(),
          Optional.empty(),
          Set.of(),
          Optional.empty(),
          OptionalLong.empty(),
          Optional.empty(),
          List.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          Optional.empty());
    }

    public boolean hasStatementCriteria() {
      return !operations.isEmpty()
          || !objects.isEmpty()
          || !tags.isEmpty()
          || !lockModes.isEmpty()
          || minBlocking.isPresent()
          || minTableBytes.isPresent();
    }

    public boolean hasFindingCriteria() {
      return !rules.isEmpty() || severity.isPresent();
    }
  }

  /** The evaluation time is inside one of the {@code windows} or one of the {@code freezes}. */
  public record When(List<Window> windows, List<Freeze> freezes) {
    public When {
      windows = List.copyOf(windows);
      freezes = List.copyOf(freezes);
    }
  }

  /**
   * Weekly hours in {@code zone}: on each of {@code days} from {@code fromMinute} to {@code toMinute} (minutes
   * after midnight, {@code 1440} = 24:00). When {@code to} is not after {@code from} the window runs past midnight
   * into the next day.
   */
  public record Window(Set<DayOfWeek> days, int fromMinute, int toMinute, ZoneId zone) {
    public Window {
      days = Set.copyOf(days);
      Objects.requireNonNull(zone, "zone");
    }
  }

  /** A change freeze from {@code from} to {@code to}, both days included, in {@code zone}. */
  public record Freeze(LocalDate from, LocalDate to, ZoneId zone, String reason) {
    public Freeze {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** What a matching rule does. */
  public sealed interface Action {
    /** Blocks the change; no approval lifts it (only an authorised override of this rule). */
    record Deny(String reason) implements Action {}

    /**
     * Needs {@code count} distinct eligible approvals from {@code from}: logins ({@code alice}), teams
     * ({@code @org/team}), {@code codeowners}, {@code owners} (context owners of the matched objects) or
     * {@code any}.
     */
    record Require(int count, List<String> from, String reason) implements Action {
      public Require {
        from = List.copyOf(from);
      }
    }

    /** Adds a reason; never blocks. */
    record Warn(String reason) implements Action {}
  }
}
