package dev.schemawarden.analyzers.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Production's statistics for one relation, as a snapshot records them: what the impact model weighs a traced lock
 * with.
 *
 * @param relation {@code schema.name}
 * @param totalBytes heap, TOAST and indexes ({@code pg_total_relation_size})
 * @param indexBytes all its indexes ({@code pg_indexes_size})
 * @param rows estimated live rows ({@code reltuples}, or {@code n_live_tup})
 * @param writesPerSecond inserts + updates + deletes per second over the snapshot period (deltas of
 *     {@code n_tup_ins/upd/del}); 0 when unknown
 * @param seqScans sequential scans counted over the snapshot period
 * @param idxScans index scans counted over the snapshot period
 */
public record RelationStatistics(
    String relation,
    long totalBytes,
    long indexBytes,
    long rows,
    double writesPerSecond,
    long seqScans,
    long idxScans) {

  public RelationStatistics {
    Objects.requireNonNull(relation, "relation");
    if (totalBytes < 0 || indexBytes < 0 || rows < 0 || writesPerSecond < 0) {
      throw new IllegalArgumentException("negative statistics for " + relation);
    }
  }

  /** No table is bigger than this (a petabyte): a larger figure in a snapshot file is read as this. */
  public static final long MAX_BYTES = 1L << 50;

  /** Nor has more rows, or more writes per second, than these. */
  public static final long MAX_ROWS = 1_000_000_000_000_000L;

  public static final double MAX_WRITES_PER_SECOND = 1e9;

  /**
   * Statistics as a snapshot file gives them: the file is repository content, so a negative, non-finite or absurd
   * value is clamped into range rather than trusted or thrown on, and {@code notes} gets one line naming it.
   */
  public static RelationStatistics clamped(
      String relation,
      double totalBytes,
      double indexBytes,
      double rows,
      double writesPerSecond,
      long seqScans,
      long idxScans,
      List<String> notes) {
    long total = (long) clamp(relation, "total bytes", totalBytes, MAX_BYTES, notes);
    long index =
        Math.min(total, (long) clamp(relation, "index bytes", indexBytes, MAX_BYTES, notes));
    return new RelationStatistics(
        relation,
        total,
        index,
        (long) clamp(relation, "rows", rows, MAX_ROWS, notes),
        clamp(relation, "writes/s", writesPerSecond, MAX_WRITES_PER_SECOND, notes),
        Math.max(0, seqScans),
        Math.max(0, idxScans));
  }

  private static double clamp(
      String relation, String what, double value, double max, List<String> notes) {
    double v = Double.isNaN(value) ? 0 : Math.max(0, Math.min(max, value));
    if (v != value) {
      notes.add(String.format(Locale.ROOT, "%s: %s %s read as %.0f", relation, what, value, v));
    }
    return v;
  }

  /** Heap and TOAST: what a rewrite copies and a validation scan reads. */
  public long tableBytes() {
    return Math.max(0, totalBytes - indexBytes);
  }

  /** Whether applications use it: writes, or any scans, were counted. */
  public boolean hot() {
    return writesPerSecond > 0 || seqScans + idxScans > 0;
  }
}
