package dev.schemawarden.drift.internal.diagnose;

import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.SYSTEM_SCHEMAS;

import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DG101 unused, DG102 duplicate, DG103 overlapping and DG104 invalid indexes, from one query over
 * {@code pg_index} and the index and table counters. An index is reported once, by the first of: invalid,
 * duplicate, unused, overlapping (the fix is the same drop). Indexes of partitions that belong to a partitioned
 * index are left out: they cannot be dropped on their own, and the partitioned index has no counters of its own.
 */
final class IndexChecks {
  private static final String INDEXES =
      """
      SELECT i.indexrelid AS oid, i.indrelid AS tbl_oid, n.nspname, t.relname AS tbl, ic.relname AS idx, am.amname,
             pg_relation_size(i.indexrelid) AS bytes, coalesce(s.idx_scan, 0) AS scans,
             i.indisunique, i.indisvalid, i.indisready, i.indnkeyatts,
             (SELECT k.conname FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
               LIMIT 1) AS constraint_name,
             i.indkey::text AS keys, i.indclass::text AS classes, i.indcollation::text AS colls,
             i.indoption::text AS opts, coalesce(pg_get_expr(i.indexprs, i.indrelid), '') AS exprs,
             coalesce(pg_get_expr(i.indpred, i.indrelid), '') AS pred, pg_get_indexdef(i.indexrelid) AS def,
             coalesce(ts.n_tup_ins, 0) + coalesce(ts.n_tup_upd, 0) - coalesce(ts.n_tup_hot_upd, 0) AS index_writes,
             EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid) AS building
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = ic.relam
        LEFT JOIN pg_stat_all_indexes s ON s.indexrelid = i.indexrelid
        LEFT JOIN pg_stat_all_tables ts ON ts.relid = t.oid
       WHERE t.relkind IN ('r', 'm') AND NOT ic.relispartition AND\s"""
          + SYSTEM_SCHEMAS
          + """

       ORDER BY n.nspname COLLATE "C", t.relname COLLATE "C", ic.relname COLLATE "C"
      """;

  private record Index(
      long oid,
      long table,
      String schema,
      String tableName,
      String name,
      String am,
      long bytes,
      long scans,
      boolean unique,
      boolean valid,
      boolean ready,
      int keyCount,
      Optional<String> constraint,
      List<String> keys,
      List<String> classes,
      List<String> colls,
      List<String> opts,
      String exprs,
      String pred,
      String def,
      long indexWrites,
      boolean building) {

    String show() {
      return Names.show(schema, name);
    }

    /** Everything that makes two indexes answer the same lookups, except uniqueness. */
    String shape() {
      return table + "|" + am + "|" + keyCount + "|" + keys + "|" + classes + "|" + colls + "|"
          + opts + "|" + exprs + "|" + pred;
    }

    boolean droppable() {
      return constraint.isEmpty() && !unique;
    }
  }

  private IndexChecks() {}

  static void run(Pass pass) throws SQLException {
    List<Index> all =
        pass.db.rows(
            INDEXES,
            rs ->
                new Index(
                    rs.getLong("oid"),
                    rs.getLong("tbl_oid"),
                    rs.getString("nspname"),
                    rs.getString("tbl"),
                    rs.getString("idx"),
                    rs.getString("amname"),
                    rs.getLong("bytes"),
                    rs.getLong("scans"),
                    rs.getBoolean("indisunique"),
                    rs.getBoolean("indisvalid"),
                    rs.getBoolean("indisready"),
                    rs.getInt("indnkeyatts"),
                    Optional.ofNullable(rs.getString("constraint_name")),
                    words(rs.getString("keys")),
                    words(rs.getString("classes")),
                    words(rs.getString("colls")),
                    words(rs.getString("opts")),
                    rs.getString("exprs"),
                    rs.getString("pred"),
                    rs.getString("def"),
                    rs.getLong("index_writes"),
                    rs.getBoolean("building")));
    Set<Long> reported = new HashSet<>();
    invalid(pass, all, reported);
    duplicates(pass, all, reported);
    unused(pass, all, reported);
    overlapping(pass, all, reported);
  }

  private static List<String> words(String vector) {
    return vector.isBlank() ? List.of() : List.of(vector.trim().split(" "));
  }

  private static void invalid(Pass pass, List<Index> all, Set<Long> reported) {
    for (Index i : all) {
      if (i.valid || i.building) {
        continue;
      }
      reported.add(i.oid);
      pass.problems.add(
          new Problem(
              "DG104",
              i.bytes >= pass.settings.unusedIndexErrorBytes() ? Severity.ERROR : Severity.WARNING,
              i.show(),
              "index "
                  + i.show()
                  + " is INVALID (a failed CREATE INDEX CONCURRENTLY or"
                  + " REINDEX): no query uses it"
                  + (i.ready ? ", yet every write to its table maintains it" : ""),
              List.of(
                  new Measure("index_bytes", i.bytes, "bytes"),
                  new Measure("maintained_on_write", i.ready ? 1 : 0, "count"),
                  new Measure("index_writes_per_second", pass.rate(i.indexWrites), "per_second")),
              Optional.of(Fixes.rebuildIndex(i.schema, i.name, i.def))));
    }
  }

  private static void duplicates(Pass pass, List<Index> all, Set<Long> reported) {
    Map<String, List<Index>> byShape = new LinkedHashMap<>();
    all.stream()
        .filter(i -> i.valid && !reported.contains(i.oid))
        .forEach(i -> byShape.computeIfAbsent(i.shape(), k -> new ArrayList<>()).add(i));
    Comparator<Index> keepFirst =
        Comparator.comparing((Index i) -> i.constraint.isEmpty())
            .thenComparing(i -> !i.unique)
            .thenComparing(i -> -i.scans)
            .thenComparing(Index::name);
    for (List<Index> group : byShape.values()) {
      if (group.size() < 2) {
        continue;
      }
      List<Index> sorted = group.stream().sorted(keepFirst).toList();
      Index keep = sorted.get(0);
      for (Index d : sorted.subList(1, sorted.size())) {
        reported.add(d.oid);
        boolean canDrop = d.constraint.isEmpty() && (!d.unique || keep.unique);
        pass.problems.add(
            new Problem(
                "DG102",
                d.bytes >= pass.settings.unusedIndexErrorBytes()
                    ? Severity.ERROR
                    : Severity.WARNING,
                d.show(),
                "index "
                    + d.show()
                    + " duplicates "
                    + keep.show()
                    + ": same columns,"
                    + " same kind; every write maintains both"
                    + (canDrop
                        ? ""
                        : "; it backs constraint "
                            + Names.show(d.constraint.orElse("(unique)"))
                            + ", so drop the constraint's duplicate by hand"),
                List.of(
                    new Measure("index_bytes", d.bytes, "bytes"),
                    new Measure("index_scans", d.scans, "count"),
                    new Measure("kept_index_scans", keep.scans, "count"),
                    new Measure("index_writes_per_second", pass.rate(d.indexWrites), "per_second")),
                canDrop
                    ? Optional.of(
                        Fixes.dropIndex(
                            "drop the duplicate index, concurrently", d.schema, d.name, d.def))
                    : Optional.empty()));
      }
    }
  }

  private static void unused(Pass pass, List<Index> all, Set<Long> reported) {
    Duration observed = Duration.ofMillis((long) (pass.observedSeconds * 1000));
    if (observed.compareTo(pass.settings.window()) < 0) {
      pass.notes.add(
          "DG101 unused indexes not judged: the statistics counters cover "
              + HumanDuration.format(observed)
              + ", less than the window of "
              + HumanDuration.format(pass.settings.window())
              + " (--window 0 judges now)");
      return;
    }
    for (Index i : all) {
      if (!i.valid || i.scans > 0 || !i.droppable() || reported.contains(i.oid)) {
        continue;
      }
      reported.add(i.oid);
      double writes = pass.rate(i.indexWrites);
      Severity bySize =
          Pass.bySize(
              i.bytes,
              pass.settings.unusedIndexWarningBytes(),
              pass.settings.unusedIndexErrorBytes());
      Severity severity =
          bySize == Severity.INFO && writes >= pass.settings.busyWritesPerSecond()
              ? Severity.WARNING
              : bySize;
      pass.problems.add(
          new Problem(
              "DG101",
              severity,
              i.show(),
              "index "
                  + i.show()
                  + " on "
                  + Names.show(i.schema, i.tableName)
                  + " has had no scan in "
                  + HumanDuration.format(observed)
                  + " of counters,"
                  + " yet every insert and non-HOT update maintains it",
              List.of(
                  new Measure("index_bytes", i.bytes, "bytes"),
                  new Measure("index_scans", i.scans, "count"),
                  new Measure("index_writes", i.indexWrites, "count"),
                  new Measure("index_writes_per_second", writes, "per_second"),
                  new Measure("observed_seconds", pass.observedSeconds, "seconds")),
              Optional.of(
                  Fixes.dropIndex(
                      "drop the unused index, concurrently", i.schema, i.name, i.def))));
    }
  }

  private static void overlapping(Pass pass, List<Index> all, Set<Long> reported) {
    for (Index a : all) {
      if (!a.valid
          || !a.droppable()
          || reported.contains(a.oid)
          || !a.am.equals("btree")
          || !a.exprs.isEmpty()) {
        continue;
      }
      for (Index b : all) {
        if (b.oid == a.oid
            || b.table != a.table
            || !b.valid
            || !b.am.equals("btree")
            || !b.exprs.isEmpty()
            || !b.pred.equals(a.pred)
            || b.keyCount <= a.keyCount
            || !prefix(a, b)) {
          continue;
        }
        reported.add(a.oid);
        pass.problems.add(
            new Problem(
                "DG103",
                a.bytes >= pass.settings.unusedIndexWarningBytes()
                    ? Severity.WARNING
                    : Severity.INFO,
                a.show(),
                "index "
                    + a.show()
                    + " is a leading part of "
                    + b.show()
                    + ", which answers"
                    + " the same lookups",
                List.of(
                    new Measure("index_bytes", a.bytes, "bytes"),
                    new Measure("index_scans", a.scans, "count"),
                    new Measure("covering_index_scans", b.scans, "count"),
                    new Measure("covering_index_bytes", b.bytes, "bytes")),
                Optional.of(
                    Fixes.dropIndex(
                        "drop the overlapped index, concurrently", a.schema, a.name, a.def))));
        break;
      }
    }
  }

  /** The key columns of {@code a}, with their operator classes, collations and options, lead {@code b}'s. */
  private static boolean prefix(Index a, Index b) {
    int n = a.keyCount;
    return a.keys.subList(0, n).equals(b.keys.subList(0, n))
        && a.classes.equals(b.classes.subList(0, n))
        && a.colls.equals(b.colls.subList(0, n))
        && a.opts.equals(b.opts.subList(0, n));
  }
}
