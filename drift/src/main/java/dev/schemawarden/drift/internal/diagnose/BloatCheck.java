package dev.schemawarden.drift.internal.diagnose;

import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.SYSTEM_SCHEMAS;
import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.notExtensionMember;

import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import dev.schemawarden.drift.api.ProposedFix;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DG110 estimated table bloat, from catalogs and {@code pg_stats} only (no {@code pgstattuple}, no row read): the
 * estimate of the well-known ioguix / PGExperts query. A row takes its line pointer (4 bytes), its header (23
 * bytes, plus a null bitmap when a column has nulls, MAXALIGNed) and its data (the sum of each column's
 * {@code avg_width} times its non-null fraction, MAXALIGNed); a page holds {@code (block_size - 24) * fillfactor}
 * of them (at most 291); TOAST is counted at 4 chunks a page. Expected pages for {@code reltuples} rows against
 * {@code relpages} give the wasted bytes. A table whose columns lack statistics (never analyzed, or a role that
 * may not read them) is not estimated: a note says so when the table is big enough to matter.
 */
final class BloatCheck {
  private static final int NOTE_NAMES = 10;
  private static final String ESTIMATE =
      """
      WITH t AS (
        SELECT c.oid, n.nspname, c.relname, c.reltuples, c.relpages + coalesce(tc.relpages, 0) AS pages,
               coalesce(tc.reltuples, 0) AS toast_rows, current_setting('block_size')::int AS bs,
               coalesce((SELECT substring(o FROM '^fillfactor=([0-9]+)$')::int FROM unnest(c.reloptions) o
                          WHERE o LIKE 'fillfactor=%'), 100) AS fillfactor,
               EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisvalid AND i.indisunique
                          AND i.indpred IS NULL AND i.indexprs IS NULL
                          AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a
                                            ON a.attrelid = c.oid AND a.attnum = k WHERE NOT a.attnotnull))
                 AS repack_key
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
         WHERE c.relkind IN ('r', 'm') AND c.relpages > 0 AND\s"""
          + SYSTEM_SCHEMAS
          + " AND "
          + notExtensionMember("pg_class", "c.oid")
          + """

      ), w AS (
        SELECT t.oid, count(*) AS cols, count(s.attname) AS with_stats,
               bool_or(a.atttypid = 'pg_catalog.name'::regtype) AS has_name,
               coalesce(max(s.null_frac), 0) > 0 AS has_nulls,
               coalesce(sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0)), 0) AS data_width
          FROM t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
          LEFT JOIN pg_stats s ON s.schemaname = t.nspname AND s.tablename = t.relname AND s.attname = a.attname
                              AND NOT s.inherited
         GROUP BY t.oid
      ), e AS (
        SELECT t.*, w.cols, t.reltuples >= 0 AND NOT w.has_name AND (t.reltuples = 0 OR w.with_stats = w.cols)
                 AS estimable,
               4 + ceil((23 + CASE WHEN w.has_nulls THEN (w.cols + 7) / 8 ELSE 0 END) / 8.0) * 8
                 + ceil(ceil(w.data_width) / 8.0) * 8 AS row_bytes
          FROM t JOIN w ON w.oid = t.oid
      ), x AS (
        SELECT e.*, e.pages::bigint * e.bs AS table_bytes,
               (ceil(greatest(e.reltuples, 0) / greatest(1, least(291,
                   floor((e.bs - 24) * e.fillfactor / 100.0 / e.row_bytes))))
                + ceil(e.toast_rows / 4))::bigint * e.bs AS expected_bytes
          FROM e
      )
      SELECT x.nspname, x.relname, x.estimable, x.table_bytes, least(x.expected_bytes, x.table_bytes) AS expected,
             greatest(x.reltuples, 0)::bigint AS rows, x.fillfactor, x.row_bytes::int AS row_bytes, x.repack_key,
             coalesce(s.n_dead_tup, 0) AS dead_rows,
             extract(epoch FROM now() - greatest(s.last_vacuum, s.last_autovacuum))::float8 AS vacuum_age,
             s.last_autovacuum IS NOT NULL AND s.last_autovacuum >= coalesce(s.last_vacuum, s.last_autovacuum)
               AS by_autovacuum
        FROM x LEFT JOIN pg_stat_all_tables s ON s.relid = x.oid
       WHERE CASE WHEN x.estimable
                  THEN x.table_bytes - x.expected_bytes >= ?::bigint
                       AND x.table_bytes - x.expected_bytes >= ?::float8 * x.table_bytes
                  ELSE x.table_bytes >= ?::bigint END
       ORDER BY x.nspname COLLATE "C", x.relname COLLATE "C"
      """;

  private BloatCheck() {}

  static void run(Pass pass) throws SQLException {
    record Row(
        String schema,
        String table,
        boolean estimable,
        long tableBytes,
        long expectedBytes,
        long rows,
        int fillfactor,
        int rowBytes,
        boolean repackKey,
        long deadRows,
        Optional<Double> vacuumAge,
        boolean byAutovacuum) {}
    long minBytes = pass.settings.bloatMinBytes();
    List<Row> rows =
        pass.db.rows(
            ESTIMATE,
            rs ->
                new Row(
                    rs.getString("nspname"),
                    rs.getString("relname"),
                    rs.getBoolean("estimable"),
                    rs.getLong("table_bytes"),
                    rs.getLong("expected"),
                    rs.getLong("rows"),
                    rs.getInt("fillfactor"),
                    rs.getInt("row_bytes"),
                    rs.getBoolean("repack_key"),
                    rs.getLong("dead_rows"),
                    Optional.ofNullable((Double) rs.getObject("vacuum_age")),
                    rs.getBoolean("by_autovacuum")),
            minBytes,
            pass.settings.bloatMinRatio(),
            minBytes);
    List<String> unestimated = new ArrayList<>();
    for (Row r : rows) {
      String name = Names.show(r.schema, r.table);
      if (!r.estimable) {
        unestimated.add(name);
        continue;
      }
      long wasted = r.tableBytes - r.expectedBytes;
      double ratio = (double) wasted / r.tableBytes;
      String vacuumed =
          r.vacuumAge
              .map(
                  s ->
                      "last vacuumed "
                          + HumanDuration.format(Duration.ofSeconds(Math.round(s)))
                          + " ago"
                          + (r.byAutovacuum ? " (autovacuum)" : ""))
              .orElse("never vacuumed");
      List<Measure> evidence =
          new ArrayList<>(
              List.of(
                  new Measure("table_bytes", r.tableBytes, "bytes"),
                  new Measure("expected_bytes", r.expectedBytes, "bytes"),
                  new Measure("wasted_bytes", wasted, "bytes"),
                  new Measure("wasted_fraction", ratio, "fraction"),
                  new Measure("rows", r.rows, "count"),
                  new Measure("dead_rows", r.deadRows, "count"),
                  new Measure("estimated_row_bytes", r.rowBytes, "bytes"),
                  new Measure("fillfactor", r.fillfactor, "count")));
      r.vacuumAge.ifPresent(
          s -> evidence.add(new Measure("seconds_since_vacuum", Math.round(s), "seconds")));
      evidence.add(new Measure("observed_seconds", Math.round(pass.observedSeconds), "seconds"));
      pass.problems.add(
          new Problem(
              "DG110",
              wasted >= 10.0 * minBytes ? Severity.ERROR : Severity.WARNING,
              name,
              "table "
                  + name
                  + " takes "
                  + r.tableBytes
                  + " bytes where its "
                  + r.rows
                  + " rows need about "
                  + r.expectedBytes
                  + " (at fillfactor "
                  + r.fillfactor
                  + "): an estimated "
                  + wasted
                  + " bytes ("
                  + Math.round(ratio * 100)
                  + "%) are dead space, "
                  + vacuumed
                  + "; every sequential scan, backup and"
                  + " cache reads them",
              evidence,
              Optional.of(rewrite(pass.database, r.schema, r.table, r.repackKey))));
    }
    if (!unestimated.isEmpty()) {
      // Bounded: a role without SELECT on any table would otherwise list every big table of the
      // database.
      String listed =
          String.join(", ", unestimated.subList(0, Math.min(NOTE_NAMES, unestimated.size())))
              + (unestimated.size() > NOTE_NAMES
                  ? " and " + (unestimated.size() - NOTE_NAMES) + " more"
                  : "");
      pass.notes.add(
          "DG110 bloat not estimated for "
              + listed
              + ": a column has no statistics the role can read"
              + " (ANALYZE it; pg_stats shows only columns the diagnose role may SELECT: docs/rules/DG110.md)");
    }
  }

  /**
   * An operation, never a migration: VACUUM FULL rewrites the table under ACCESS EXCLUSIVE, so the plan says so
   * and names pg_repack, which holds that lock only briefly, when the table has the key pg_repack needs.
   */
  private static ProposedFix rewrite(
      String database, String schema, String table, boolean repackKey) {
    String shown = Names.show(schema, table);
    String lock =
        "VACUUM FULL holds an ACCESS EXCLUSIVE lock on "
            + shown
            + " for the whole rewrite (every read"
            + " and write waits) and needs free disk for the compacted copy; ";
    String plan =
        repackKey
            ? lock
                + "on a table in use rewrite it online with pg_repack instead (an ACCESS EXCLUSIVE lock only briefly"
                + " at the start and the end): "
                + Names.escape(
                    "pg_repack --dbname="
                        + shell(database)
                        + " --table="
                        + shell(Identifiers.render(schema) + "." + Identifiers.render(table)))
            : lock
                + "pg_repack refuses a table without a primary key or a unique index on NOT NULL columns, so run it"
                + " in a maintenance window, or add such a key first (DG107)";
    return new ProposedFix(
        repackKey
            ? "rewrite the table compactly, online with pg_repack"
            : "rewrite the table compactly in a maintenance window",
        ProposedFix.Kind.OPERATION,
        "VACUUM (FULL, ANALYZE, VERBOSE) " + Names.sql(schema, table) + ";\n",
        Optional.empty(),
        true,
        Optional.of(plan));
  }

  /** One single-quoted shell word: nothing inside is interpreted but the quote, closed and escaped. */
  private static String shell(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
