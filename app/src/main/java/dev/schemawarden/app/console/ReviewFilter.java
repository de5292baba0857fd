package dev.schemawarden.app.console;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters of the review list; each optional, combined with AND. {@code until} is exclusive.
 *
 * @param decision one of {@link #DECISIONS}
 */
public record ReviewFilter(
    Optional<String> repository,
    Optional<String> decision,
    Optional<Instant> since,
    Optional<Instant> until) {
  public static final List<String> DECISIONS = List.of("allow", "needs_approval", "deny", "none");

  public ReviewFilter {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    decision
        .filter(d -> !DECISIONS.contains(d))
        .ifPresent(
            d -> {
              throw new WardenException(
                  ErrorCode.USAGE,
                  "unknown decision '" + d + "': use one of " + String.join(", ", DECISIONS));
            });
  }

  public static ReviewFilter all() {
    return new ReviewFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
