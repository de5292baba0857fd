package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.RelationStatistics;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.StatementEffects.Impact;
import dev.schemawarden.analyzers.api.TraceAnalysis.Statistics;
import dev.schemawarden.analyzers.api.TraceAnalysis.Throughput;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Estimates how long a traced statement holds its strongest lock on production: production's bytes divided by the
 * throughput calibrated on the replica for what the trace saw (rewrite, full scan), or the statement's own time on
 * the replica for a catalog-only change. Severity follows the estimate (see {@link #severity}). MySQL and MariaDB
 * take the same path from the ALGORITHM and LOCK their server accepted ({@link #estimateOnlineDdl}).
 */
public final class ImpactEstimator {
  /** Below this a lock is a blip nobody notices. */
  static final Duration NEGLIGIBLE = Duration.ofMillis(100);

  /** Above this, on a table with traffic, a write-blocking lock is an outage someone notices. */
  static final Duration OUTAGE = Duration.ofSeconds(1);

  /** A table this small (a few pages) is treated as empty. */
  static final long EMPTY_BYTES = 64 * 1024;

  /** No estimate goes past this: beyond it the figure means "never", and longer durations only overflow. */
  static final Duration MAX_ESTIMATE = Duration.ofDays(365);

  /**
   * MySQL/MariaDB throughput assumed when no replica measured one (online DDL predicted): below what the embedded
   * MariaDB copies on a CI machine (docs/benchmarks.md), so the guess errs towards the longer lock.
   */
  public static final Throughput ASSUMED_MYSQL =
      new Throughput(20 << 20, 100 << 20, 20 << 20, 0, Duration.ZERO);

  private ImpactEstimator() {}

  /** The impact of {@code ts}'s strongest lock; empty when it locked no pre-existing relation. */
  public static Optional<Impact> estimate(
      TracedStatement ts, boolean predictedScan, Statistics statistics, Throughput throughput) {
    Optional<StatementEffects.ObservedLock> strongest =
        ts.effects().locks().stream()
            .max(
                Comparator.comparing(StatementEffects.ObservedLock::mode)
                    .thenComparingLong(
                        l ->
                            stats(statistics, l.relation())
                                .map(RelationStatistics::totalBytes)
                                .orElse(0L)));
    if (strongest.isEmpty()) {
      return Optional.empty();
    }
    String relation = strongest.get().relation();
    LockMode mode = strongest.get().mode();
    Duration replicaTime = ts.effects().duration().orElse(Duration.ZERO);
    String blocks = LockConflicts.describe(mode);
    Optional<RelationStatistics> st = stats(statistics, relation);
    if (st.isEmpty()) {
      String why =
          statistics.present()
              ? "no production statistics for " + relation
              : "no production statistics (the snapshot is schema only)";
      return Optional.of(
          new Impact(
              relation,
              mode,
              0,
              0,
              0,
              replicaTime,
              blocks,
              why
                  + ": held "
                  + HumanDuration.format(replicaTime)
                  + " on the replica, which has no rows; severity falls back to info"));
    }
    RelationStatistics s = st.get();
    Duration held;
    String computation;
    String origin = statistics.origin().orElse("snapshot");
    if (ts.rewrote(relation)) {
      double heap = s.tableBytes() / throughput.rewriteBytesPerSecond();
      double idx = s.indexBytes() / throughput.indexBytesPerSecond();
      held = seconds(heap + idx);
      computation =
          "rewrite: "
              + ByteSize.format(s.tableBytes())
              + " / "
              + ByteSize.rate(throughput.rewriteBytesPerSecond())
              + " + index rebuild "
              + ByteSize.format(s.indexBytes())
              + " / "
              + ByteSize.rate(throughput.indexBytesPerSecond())
              + " = "
              + HumanDuration.format(held);
    } else if (ts.scanned(relation) || predictedScan) {
      held = seconds(s.tableBytes() / throughput.scanBytesPerSecond());
      computation =
          (ts.scanned(relation)
                  ? "full scan: "
                  : "full scan (predicted; the replica has no rows): ")
              + ByteSize.format(s.tableBytes())
              + " / "
              + ByteSize.rate(throughput.scanBytesPerSecond())
              + " = "
              + HumanDuration.format(held);
    } else {
      held = replicaTime;
      computation =
          "catalog-only change: held for the statement's own time on the replica, "
              + HumanDuration.format(held)
              + " (plus any wait for conflicting locks)";
    }
    computation += "; throughput calibrated on the replica; sizes from " + origin;
    String who =
        s.writesPerSecond() > 0 && mode.blocksWrites()
            ? String.format(Locale.ROOT, " (~%,.0f writes/s queue)", s.writesPerSecond())
            : "";
    return Optional.of(
        new Impact(
            relation,
            mode,
            s.totalBytes(),
            s.rows(),
            s.writesPerSecond(),
            held,
            blocks + who,
            computation));
  }

  /**
   * The impact of a MySQL/MariaDB ALTER on {@code table} run with {@code verdict}'s ALGORITHM and LOCK: a COPY, or
   * an INPLACE that rebuilds, copies production's bytes at the calibrated rate; LOCK=SHARED blocks writes and
   * LOCK=EXCLUSIVE reads too for all of that time (reported as PostgreSQL's SHARE and ACCESS EXCLUSIVE, the modes
   * with the same conflicts); LOCK=NONE and INSTANT hold the exclusive metadata lock only briefly at start and end.
   *
   * @param rebuilt whether the table was rebuilt (traced); empty infers it from the verdict (COPY, or a lock)
   * @param replicaTime the statement's own time on the replica: the metadata lock's time; empty when predicted
   * @param throughput calibrated on the replica; empty uses {@link #ASSUMED_MYSQL} and says so
   * @return empty when predicted ({@code replicaTime} empty) without production statistics for the table
   */
  public static Optional<Impact> estimateOnlineDdl(
      String table,
      OnlineDdl.Verdict verdict,
      Optional<Boolean> rebuilt,
      Optional<Duration> replicaTime,
      Statistics statistics,
      Optional<Throughput> throughput) {
    boolean lockNone = verdict.lock().equals("NONE");
    LockMode mode = verdict.lock().equals("SHARED") ? LockMode.SHARE : LockMode.ACCESS_EXCLUSIVE;
    String blocks =
        lockNone
            ? "blocks every query on the table only while it takes and releases its exclusive metadata lock, at start"
                + " and end; it waits for that lock behind any open transaction on the table, and every query waits"
                + " behind it (set lock_wait_timeout)"
            : mode == LockMode.SHARE
                ? "blocks INSERT/UPDATE/DELETE (and other DDL); allows SELECT"
                : "blocks SELECT, INSERT/UPDATE/DELETE and other DDL";
    Duration metadata = replicaTime.orElse(Duration.ZERO);
    Optional<RelationStatistics> st = statsForTable(statistics, table);
    String clause =
        "ALGORITHM="
            + verdict.algorithm()
            + ", LOCK="
            + verdict.lock()
            + " ("
            + verdict.source().name().toLowerCase(Locale.ROOT)
            + ")";
    if (st.isEmpty()) {
      if (replicaTime.isEmpty()) {
        return Optional.empty();
      }
      String why =
          statistics.present()
              ? "no production statistics for " + table
              : "no production statistics (no snapshot with statistics)";
      return Optional.of(
          new Impact(
              table,
              mode,
              0,
              0,
              0,
              metadata,
              blocks,
              clause
                  + "; "
                  + why
                  + ": held "
                  + HumanDuration.format(metadata)
                  + " on the replica, which has no rows; severity falls back to the rule's"));
    }
    RelationStatistics s = st.get();
    boolean copies =
        rebuilt.orElse(verdict.algorithm().equals("COPY") || !lockNone)
            || verdict.algorithm().equals("COPY");
    Throughput t = throughput.orElse(ASSUMED_MYSQL);
    String rates =
        throughput.isPresent()
            ? "throughput calibrated on the replica"
            : "throughput assumed ("
                + ByteSize.rate(t.rewriteBytesPerSecond())
                + "; no replica measured one)";
    double seconds;
    String work;
    if (copies) {
      seconds =
          s.tableBytes() / t.rewriteBytesPerSecond() + s.indexBytes() / t.indexBytesPerSecond();
      work =
          "rebuild: "
              + ByteSize.format(s.tableBytes())
              + " / "
              + ByteSize.rate(t.rewriteBytesPerSecond())
              + " + indexes "
              + ByteSize.format(s.indexBytes())
              + " / "
              + ByteSize.rate(t.indexBytesPerSecond());
    } else if (!lockNone && !verdict.algorithm().equals("INSTANT")) {
      seconds = s.tableBytes() / t.indexBytesPerSecond();
      work =
          "in-place build reading "
              + ByteSize.format(s.tableBytes())
              + " / "
              + ByteSize.rate(t.indexBytesPerSecond());
    } else {
      seconds = 0;
      work = verdict.algorithm().equals("INSTANT") ? "metadata only" : "no rebuild";
    }
    boolean clamped = !(seconds < MAX_ESTIMATE.getSeconds());
    Duration workTime =
        seconds > 0 ? seconds(Math.min(seconds, MAX_ESTIMATE.getSeconds())) : Duration.ZERO;
    work +=
        seconds > 0
            ? " = "
                + HumanDuration.format(workTime)
                + (clamped ? " (clamped: the statistics are implausible)" : "")
            : "";
    Duration held;
    String computation;
    if (lockNone || seconds == 0) {
      held = metadata;
      computation =
          clause
              + "; "
              + work
              + (seconds > 0 ? ", while reads and writes go on" : "")
              + "; the exclusive metadata lock is held "
              + (replicaTime.isPresent()
                  ? HumanDuration.format(held) + " (the statement's time on the replica)"
                  : "milliseconds")
              + " plus any wait for open transactions";
    } else {
      held = workTime;
      computation =
          clause + "; " + work + (mode == LockMode.SHARE ? ", writes waiting throughout" : "");
    }
    computation += "; " + rates + "; sizes from " + statistics.origin().orElse("snapshot");
    String who =
        s.writesPerSecond() > 0 && mode.blocksWrites() && !lockNone
            ? String.format(Locale.ROOT, " (~%,.0f writes/s queue)", s.writesPerSecond())
            : "";
    return Optional.of(
        new Impact(
            s.relation(),
            mode,
            s.totalBytes(),
            s.rows(),
            s.writesPerSecond(),
            held,
            blocks + who,
            computation));
  }

  /**
   * Production's statistics of {@code table} as a MySQL statement names it: {@code db.t} exactly, {@code t} in
   * whichever snapshotted database has it (the largest, should several: the estimate errs long).
   */
  static Optional<RelationStatistics> statsForTable(Statistics statistics, String table) {
    Optional<RelationStatistics> exact = stats(statistics, table);
    if (exact.isPresent() || table.contains(".")) {
      return exact;
    }
    List<RelationStatistics> named =
        statistics.relations().values().stream()
            .filter(r -> r.relation().endsWith("." + table))
            .toList();
    return named.stream().max(Comparator.comparingLong(RelationStatistics::totalBytes));
  }

  /**
   * Info without production statistics, on an empty table or under 100 ms; error when a lock that blocks writes
   * is held over 1 s on a table with traffic; warning otherwise.
   */
  public static Severity severity(Optional<Impact> impact, Statistics statistics) {
    if (impact.isEmpty()) {
      return Severity.INFO;
    }
    Impact i = impact.get();
    Optional<RelationStatistics> st = statsForTable(statistics, i.relation());
    if (st.isEmpty()) {
      return Severity.INFO;
    }
    RelationStatistics s = st.get();
    if ((s.rows() == 0 && s.tableBytes() < EMPTY_BYTES)
        || i.estimatedLockHeld().compareTo(NEGLIGIBLE) < 0) {
      return Severity.INFO;
    }
    if (i.mode().blocksWrites() && i.estimatedLockHeld().compareTo(OUTAGE) > 0 && s.hot()) {
      return Severity.ERROR;
    }
    return Severity.WARNING;
  }

  static Optional<RelationStatistics> stats(Statistics statistics, String relation) {
    return Optional.ofNullable(statistics.relations().get(relation));
  }

  private static Duration seconds(double s) {
    return Double.isNaN(s)
        ? MAX_ESTIMATE
        : Duration.ofNanos((long) Math.min(s * 1e9, Long.MAX_VALUE / 2.0));
  }
}
