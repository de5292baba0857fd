package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.RelationStatistics;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.StatementEffects.Impact;
import dev.schemawarden.analyzers.api.TraceAnalysis.Statistics;
import dev.schemawarden.analyzers.api.TraceAnalysis.Throughput;
import dev.schemawarden.analyzers.api.TraceResult.TracedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Estimates how long a traced statement holds its strongest lock on production: production's bytes divided by the
 * throughput calibrated on the replica for what the trace saw (rewrite, full scan), or the statement's own time on
 * the replica for a catalog-only change. Severity follows the estimate (see {@link #severity}).
 */
public final class ImpactEstimator {
  /** Below this a lock is a blip nobody notices. */
  static final Duration NEGLIGIBLE = Duration.ofMillis(100);
  /** Above this, on a table with traffic, a write-blocking lock is an outage someone notices. */
  static final Duration OUTAGE = Duration.ofSeconds(1);
  /** A table this small (a few pages) is treated as empty. */
  static final long EMPTY_BYTES = 64 * 1024;

  private ImpactEstimator() {}

  /** The impact of {@code ts}'s strongest lock; empty when it locked no pre-existing relation. */
  public static Optional<Impact> estimate(
      TracedStatement ts, boolean predictedScan, Statistics statistics, Throughput throughput) {
    Optional<StatementEffects.ObservedLock> strongest = ts.effects().locks().stream()
        .max(Comparator.comparing(StatementEffects.ObservedLock::mode)
            .thenComparingLong(l -> stats(statistics, l.relation()).map(RelationStatistics::totalBytes).orElse(0L)));
    if (strongest.isEmpty()) {
      return Optional.empty();
    }
    String relation = strongest.get().relation();
    LockMode mode = strongest.get().mode();
    Duration replicaTime = ts.effects().duration().orElse(Duration.ZERO);
    String blocks = LockConflicts.describe(mode);
    Optional<RelationStatistics> st = stats(statistics, relation);
    if (st.isEmpty()) {
      String why = statistics.present() ? "no production statistics for " + relation
          : "no production statistics (the snapshot is schema only)";
      return Optional.of(new Impact(relation, mode, 0, 0, 0, replicaTime, blocks,
          why + ": held " + duration(replicaTime) + " on the replica, which has no rows; severity falls back to info"));
    }
    RelationStatistics s = st.get();
    Duration held;
    String computation;
    String origin = statistics.origin().orElse("snapshot");
    if (ts.rewrote(relation)) {
      double heap = s.tableBytes() / throughput.rewriteBytesPerSecond();
      double idx = s.indexBytes() / throughput.indexBytesPerSecond();
      held = seconds(heap + idx);
      computation = "rewrite: " + bytes(s.tableBytes()) + " / " + rate(throughput.rewriteBytesPerSecond())
          + " + index rebuild " + bytes(s.indexBytes()) + " / " + rate(throughput.indexBytesPerSecond()) + " = "
          + duration(held);
    } else if (ts.scanned(relation) || predictedScan) {
      held = seconds(s.tableBytes() / throughput.scanBytesPerSecond());
      computation = (ts.scanned(relation) ? "full scan: " : "full scan (predicted; the replica has no rows): ")
          + bytes(s.tableBytes()) + " / " + rate(throughput.scanBytesPerSecond()) + " = " + duration(held);
    } else {
      held = replicaTime;
      computation = "catalog-only change: held for the statement's own time on the replica, " + duration(held)
          + " (plus any wait for conflicting locks)";
    }
    computation += "; throughput calibrated on the replica; sizes from " + origin;
    String who = s.writesPerSecond() > 0 && mode.blocksWrites()
        ? String.format(Locale.ROOT, " (~%,.0f writes/s queue)", s.writesPerSecond()) : "";
    return Optional.of(new Impact(relation, mode, s.totalBytes(), s.rows(), s.writesPerSecond(), held,
        blocks + who, computation));
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
    Optional<RelationStatistics> st = stats(statistics, i.relation());
    if (st.isEmpty()) {
      return Severity.INFO;
    }
    RelationStatistics s = st.get();
    if ((s.rows() == 0 && s.tableBytes() < EMPTY_BYTES) || i.estimatedLockHeld().compareTo(NEGLIGIBLE) < 0) {
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
    return Duration.ofNanos((long) Math.min(s * 1e9, Long.MAX_VALUE / 2.0));
  }

  static String bytes(long b) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? b + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String rate(double bytesPerSecond) {
    return bytes((long) bytesPerSecond) + "/s";
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    if (ms < 7_200_000) {
      return String.format(Locale.ROOT, "%.0f min", ms / 60_000.0);
    }
    return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000.0);
  }
}
