package dev.schemawarden.analyzers.internal.lint;

import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.Severity;
import java.util.List;
import java.util.Set;

/**
 * Finding ids of {@code warden diagnose} (drift module, {@code Diagnoses.run}): problems of a live database, not
 * of a migration. No lint rule emits them, so they have no fixture folder; they have doc pages like any rule. The
 * default severity is the usual one; each check weighs it by size and traffic (docs/diagnose.md).
 */
public final class DiagnoseRules {

  private DiagnoseRules() {}

  /** A check diagnose runs on PostgreSQL and on MySQL/MariaDB, where it means the same (docs/diagnose.md). */
  private static RuleMeta everyEngine(
      String id,
      String slug,
      String title,
      Severity severity,
      String condition,
      String effect,
      String workaround) {
    return Metas.on(
        Set.of("postgres", "mysql", "mariadb"),
        id,
        slug,
        title,
        severity,
        condition,
        effect,
        workaround);
  }

  public static final RuleMeta DG101 =
      everyEngine(
          "DG101",
          "unused-index",
          "An index has had no scan in the observed window",
          Severity.WARNING,
          "pg_stat_all_indexes counts no scan of a valid index that backs no constraint and is not unique, over"
              + " statistics counters that have been counting for at least the configured window (MySQL/MariaDB:"
              + " performance_schema.table_io_waits_summary_by_index_usage since the server started).",
          "Every insert and non-HOT update writes the index too, it takes disk, cache and backup space, and it"
              + " makes vacuum slower, for no query.",
          "Drop it with DROP INDEX CONCURRENTLY (MySQL: ALTER TABLE ... DROP INDEX, ALGORITHM=INPLACE, LOCK=NONE)"
              + " after checking replicas and rare jobs do not need it.");

  public static final RuleMeta DG102 =
      everyEngine(
          "DG102",
          "duplicate-index",
          "Two indexes have the same definition",
          Severity.WARNING,
          "Two valid indexes of a table have the same access method, key and included columns, operator classes,"
              + " collations, options, expressions and predicate.",
          "Both are maintained on every write and take space; only one is ever needed.",
          "Drop the one that backs no constraint, with DROP INDEX CONCURRENTLY.");

  public static final RuleMeta DG103 =
      everyEngine(
          "DG103",
          "overlapping-index",
          "An index is the leading part of a wider one",
          Severity.INFO,
          "The key columns of a non-unique btree index that backs no constraint are the leading key columns of"
              + " another valid btree index of the table, with the same predicate.",
          "The wider index answers the same lookups; the narrow one costs writes and space. It may still be faster"
              + " for its own queries, so this is a judgement, not a certainty.",
          "Drop the narrow index with DROP INDEX CONCURRENTLY when its scans can use the wider one.");

  public static final RuleMeta DG104 =
      Metas.postgres(
          "DG104",
          "invalid-index",
          "An index is INVALID",
          Severity.WARNING,
          "pg_index.indisvalid is false and no build of it is in progress: a CREATE INDEX CONCURRENTLY or REINDEX"
              + " CONCURRENTLY failed or was cancelled.",
          "No query uses it, yet writes may still maintain it; a unique one enforces nothing reliably.",
          "Drop it concurrently and build it again concurrently, after fixing why the build failed.");

  public static final RuleMeta DG105 =
      Metas.postgres(
          "DG105",
          "unindexed-foreign-key",
          "A foreign key has no covering index in production",
          Severity.WARNING,
          "The referencing columns of a foreign key are not the leading columns of any valid, non-partial index on"
              + " the referencing table.",
          "Each DELETE or key UPDATE on the referenced table scans the referencing table to check for rows, under"
              + " lock: the busier the parent, the worse.",
          "CREATE INDEX CONCURRENTLY on the referencing columns.");

  public static final RuleMeta DG106 =
      everyEngine(
          "DG106",
          "sequence-near-limit",
          "A sequence has used most of its range",
          Severity.WARNING,
          "An ascending sequence's last value has passed the configured fraction of the lower of its own maximum"
              + " and its owning column's type (smallint, integer); on MySQL/MariaDB, an AUTO_INCREMENT counter against"
              + " its column's integer type, UNSIGNED included.",
          "When it runs out every insert fails: an outage that cannot be fixed quickly on a large table.",
          "Widen the column to bigint with the expand/contract recipe, or widen the sequence when it is the limit.");

  public static final RuleMeta DG107 =
      everyEngine(
          "DG107",
          "table-without-primary-key",
          "A table has no primary key",
          Severity.WARNING,
          "A table (not a partition) has no PRIMARY KEY constraint (MySQL/MariaDB: an InnoDB table).",
          "Logical replication cannot apply its UPDATEs and DELETEs, tools such as pg_repack refuse it, and"
              + " duplicate rows cannot be told apart or removed safely.",
          "Promote a unique index on NOT NULL columns with ADD PRIMARY KEY USING INDEX, or add an identity key.");

  public static final RuleMeta DG108 =
      Metas.postgres(
          "DG108",
          "transaction-id-age",
          "The database's transaction-ID age is past autovacuum_freeze_max_age",
          Severity.WARNING,
          "age(datfrozenxid) of the database has passed the configured fraction of autovacuum_freeze_max_age.",
          "Autovacuum is not freezing fast enough; near 2^31 transactions PostgreSQL stops accepting writes to"
              + " prevent wraparound.",
          "Find what blocks freezing (long transactions, abandoned slots, prepared transactions) and VACUUM (FREEZE)"
              + " the oldest tables.");

  public static final RuleMeta DG109 =
      Metas.postgres(
          "DG109",
          "inactive-replication-slot",
          "A replication slot is inactive and retains WAL",
          Severity.WARNING,
          "A replication slot has no consumer connected (pg_replication_slots.active is false).",
          "The server keeps every WAL segment since the slot's restart_lsn, and a logical slot also holds back"
              + " vacuum of the catalogs: the disk fills until the primary stops.",
          "Reconnect its consumer, or drop the slot with pg_drop_replication_slot once it is confirmed gone.");

  public static final RuleMeta DG110 =
      Metas.postgres(
          "DG110",
          "table-bloat",
          "A table is mostly dead space (estimated)",
          Severity.WARNING,
          "The table's pages exceed what its live rows need, estimated from pg_class and pg_stats (row header, null"
              + " bitmap, average column widths, fillfactor), by at least the configured bytes and fraction.",
          "Sequential scans, backups, replicas and the cache carry the dead space; plain VACUUM makes it reusable but"
              + " rarely returns it, so the table stays big.",
          "Rewrite it compactly with pg_repack (online), or VACUUM FULL in a maintenance window: it locks the table"
              + " for the whole rewrite. Then find why vacuum fell behind.");

  public static final RuleMeta DG111 =
      everyEngine(
          "DG111",
          "slow-query-seq-scan",
          "A slow statement scans a large table sequentially",
          Severity.WARNING,
          "One of the slowest statements by total time in pg_stat_statements plans a filtered Seq Scan of a table at"
              + " least the configured size (EXPLAIN, never ANALYZE); on MySQL/MariaDB, a performance_schema statement"
              + " digest that ran without an index (SUM_NO_INDEX_USED) on such a table.",
          "Every call reads the whole table to keep a few rows: CPU, I/O and cache pressure that grow with the table.",
          "CREATE INDEX CONCURRENTLY on the filtered columns (checked with HypoPG when production has it).");

  public static final List<RuleMeta> ALL =
      List.of(DG101, DG102, DG103, DG104, DG105, DG106, DG107, DG108, DG109, DG110, DG111);
}
