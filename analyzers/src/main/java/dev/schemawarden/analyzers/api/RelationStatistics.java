package dev.schemawarden.analyzers.api;

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
    String relation, long totalBytes, long indexBytes, long rows, double writesPerSecond, long seqScans,
    long idxScans) {

  public RelationStatistics {
    Objects.requireNonNull(relation, "relation");
    if (totalBytes < 0 || indexBytes < 0 || rows < 0 || writesPerSecond < 0) {
      throw new IllegalArgumentException("negative statistics for " + relation);
    }
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
