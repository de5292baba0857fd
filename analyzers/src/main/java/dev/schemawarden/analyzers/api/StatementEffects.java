package dev.schemawarden.analyzers.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a statement does to pre-existing relations: locks, rewrites, validation scans, and (when weighed with
 * production statistics) its impact. {@code source} says whether the facts were observed on a replica or
 * predicted by the static analyzer.
 */
public record StatementEffects(
    Source source,
    List<ObservedLock> locks,
    List<Rewrite> rewrites,
    List<Scan> scans,
    Optional<Duration> duration,
    Optional<String> error,
    Optional<Impact> impact) {

  public enum Source {
    TRACED,
    PREDICTED
  }

  /**
   * A lock on {@code relation} ({@code schema.name}). {@code heldEarlier} marks a lock the statement needs but that
   * an earlier statement of the same transaction already took (at this mode), so the trace saw no new request:
   * the statement still runs under it.
   */
  public record ObservedLock(String relation, LockMode mode, boolean heldEarlier) {
    public ObservedLock {
      Objects.requireNonNull(relation, "relation");
      Objects.requireNonNull(mode, "mode");
    }

    public ObservedLock(String relation, LockMode mode) {
      this(relation, mode, false);
    }
  }

  /** {@code relation} was rewritten (its relfilenode changed); {@code reason} as PostgreSQL or the analyzer says. */
  public record Rewrite(String relation, String reason) {
    /** How {@link #reason} starts when the relation is an index rebuilt along with its table. */
    public static final String INDEX_REBUILT = "index rebuilt";

    /** True for an index rebuilt along with its table, rather than the table itself. */
    public boolean indexRebuilt() {
      return reason.startsWith(INDEX_REBUILT);
    }
  }

  /** {@code relation} was read in full to validate something (a constraint, NOT NULL, ...). */
  public record Scan(String relation, String reason) {}

  /**
   * A statement's cost on production: how long its strongest lock is expected to be held on {@code relation} and
   * what that blocks, with how the estimate was computed.
   */
  public record Impact(
      String relation,
      LockMode mode,
      long relationBytes,
      long rows,
      double writesPerSecond,
      Duration estimatedLockHeld,
      String blocks,
      String computation) {}

  public StatementEffects {
    Objects.requireNonNull(source, "source");
    locks = List.copyOf(locks);
    rewrites = List.copyOf(rewrites);
    scans = List.copyOf(scans);
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(impact, "impact");
  }

  public static StatementEffects predicted(List<PredictedLock> predicted) {
    List<ObservedLock> locks =
        predicted.stream().map(p -> new ObservedLock(p.relation().toString(), p.mode())).toList();
    List<Rewrite> rewrites =
        predicted.stream()
            .filter(PredictedLock::rewrite)
            .map(p -> new Rewrite(p.relation().toString(), "predicted table rewrite"))
            .toList();
    List<Scan> scans =
        predicted.stream()
            .filter(PredictedLock::scan)
            .map(p -> new Scan(p.relation().toString(), "predicted validation scan"))
            .toList();
    return new StatementEffects(
        Source.PREDICTED,
        locks,
        rewrites,
        scans,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
