package dev.schemawarden.drift.api;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of {@code warden diagnose} ({@code diagnose:} in {@code .schemawarden.yml}, see docs/diagnose.md).
 * Sizes are bytes, rates are per second, fractions are 0..1 of a range (xid ages: of
 * {@code autovacuum_freeze_max_age}, so above 1 is allowed).
 *
 * @param window how long the statistics counters must have been counting before an index with no scans is judged
 *     unused; {@link Duration#ZERO} judges on the counters as they are
 * @param largeTableBytes a table at least this big makes a missing index on a foreign key an error and a table
 *     without a primary key a warning
 * @param busyWritesPerSecond a table written this often makes an unused index on it (and a missing primary key) a
 *     warning whatever its size
 * @param unusedIndexWarningBytes an unused index this big is a warning (smaller on a quiet table: info)
 * @param unusedIndexErrorBytes an unused index this big is an error
 * @param sequenceWarning fraction of its column's (or its own) range a sequence has used for a warning
 * @param sequenceError the same, for an error
 * @param xidAgeWarning {@code age(datfrozenxid)} over {@code autovacuum_freeze_max_age} for a warning
 * @param xidAgeError the same, for an error
 * @param slotRetainedErrorBytes WAL an inactive replication slot holds back that makes it an error (else warning)
 * @param bloatMinBytes estimated wasted bytes of a table for a bloat warning (ten times this: an error)
 * @param bloatMinRatio estimated wasted fraction of a table (0..1) it must also reach to be reported
 * @param slowQueries what DG111 looks at in {@code pg_stat_statements}
 */
public record DiagnoseSettings(
    Duration window,
    long largeTableBytes,
    double busyWritesPerSecond,
    long unusedIndexWarningBytes,
    long unusedIndexErrorBytes,
    double sequenceWarning,
    double sequenceError,
    double xidAgeWarning,
    double xidAgeError,
    long slotRetainedErrorBytes,
    long bloatMinBytes,
    double bloatMinRatio,
    SlowQueries slowQueries) {

  /**
   * DG111's thresholds.
   *
   * @param minTotal a statement must have taken at least this long in total to be explained
   * @param top at most this many statements (the slowest by total time) are explained
   * @param minTableBytes a sequential scan on a smaller table is not reported
   */
  public record SlowQueries(Duration minTotal, int top, long minTableBytes) {
    public SlowQueries {
      Objects.requireNonNull(minTotal, "minTotal");
      if (minTotal.isNegative() || top < 0 || minTableBytes < 0) {
        throw new WardenException(
            ErrorCode.CONFIG,
            "diagnose slow-query thresholds must be 0 or more; see"
                + " docs/diagnose.md#configuration");
      }
    }

    /** 1 s in total, the top 20 statements, tables of 10 MiB and more. */
    public static SlowQueries defaults() {
      return new SlowQueries(Duration.ofSeconds(1), 20, 10 * MB);
    }
  }

  /** The settings before DG111, with its default thresholds. */
  public DiagnoseSettings(
      Duration window,
      long largeTableBytes,
      double busyWritesPerSecond,
      long unusedIndexWarningBytes,
      long unusedIndexErrorBytes,
      double sequenceWarning,
      double sequenceError,
      double xidAgeWarning,
      double xidAgeError,
      long slotRetainedErrorBytes,
      long bloatMinBytes,
      double bloatMinRatio) {
    this(
        window,
        largeTableBytes,
        busyWritesPerSecond,
        unusedIndexWarningBytes,
        unusedIndexErrorBytes,
        sequenceWarning,
        sequenceError,
        xidAgeWarning,
        xidAgeError,
        slotRetainedErrorBytes,
        bloatMinBytes,
        bloatMinRatio,
        SlowQueries.defaults());
  }

  private static final long MB = 1024L * 1024L;

  public DiagnoseSettings {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(slowQueries, "slowQueries");
    if (window.isNegative()
        || largeTableBytes < 0
        || busyWritesPerSecond < 0
        || unusedIndexWarningBytes < 0
        || unusedIndexErrorBytes < unusedIndexWarningBytes
        || sequenceWarning <= 0
        || sequenceError < sequenceWarning
        || sequenceError > 1
        || xidAgeWarning <= 0
        || xidAgeError < xidAgeWarning
        || slotRetainedErrorBytes < 0
        || bloatMinBytes < 0
        || !(bloatMinRatio >= 0 && bloatMinRatio <= 1)) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "diagnose thresholds out of range: each must be positive (or 0),"
              + " every error threshold at or above its warning one, sequence fractions and bloat-min-ratio at most 1; see"
              + " docs/diagnose.md#configuration");
    }
  }

  /** The documented defaults (docs/diagnose.md). */
  public static DiagnoseSettings defaults() {
    return new DiagnoseSettings(
        Duration.ofDays(7),
        100 * MB,
        10,
        MB,
        1024 * MB,
        0.75,
        0.9,
        1.0,
        2.0,
        1024 * MB,
        100 * MB,
        0.3);
  }

  /** These settings with other bloat thresholds (tests and small databases). */
  public DiagnoseSettings withBloat(long minBytes, double minRatio) {
    return new DiagnoseSettings(
        window,
        largeTableBytes,
        busyWritesPerSecond,
        unusedIndexWarningBytes,
        unusedIndexErrorBytes,
        sequenceWarning,
        sequenceError,
        xidAgeWarning,
        xidAgeError,
        slotRetainedErrorBytes,
        minBytes,
        minRatio,
        slowQueries);
  }

  /** These settings with other DG111 thresholds. */
  public DiagnoseSettings withSlowQueries(SlowQueries newSlowQueries) {
    return new DiagnoseSettings(
        window,
        largeTableBytes,
        busyWritesPerSecond,
        unusedIndexWarningBytes,
        unusedIndexErrorBytes,
        sequenceWarning,
        sequenceError,
        xidAgeWarning,
        xidAgeError,
        slotRetainedErrorBytes,
        bloatMinBytes,
        bloatMinRatio,
        newSlowQueries);
  }

  public DiagnoseSettings withWindow(Duration newWindow) {
    return new DiagnoseSettings(
        newWindow,
        largeTableBytes,
        busyWritesPerSecond,
        unusedIndexWarningBytes,
        unusedIndexErrorBytes,
        sequenceWarning,
        sequenceError,
        xidAgeWarning,
        xidAgeError,
        slotRetainedErrorBytes,
        bloatMinBytes,
        bloatMinRatio,
        slowQueries);
  }
}
