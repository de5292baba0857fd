package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.DiagnoseSettings.SlowQueries;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DG111 on MySQL/MariaDB: the slowest statement digests of performance_schema (by total time) that ran without an
 * index ({@code SUM_NO_INDEX_USED > 0}) on a large enough table of this database, each with a candidate index on
 * the columns its WHERE compares. The digest text is production's: it is only read ({@link MysqlDigestText}),
 * never run, and its names reach SQL only as bound values or backtick-quoted identifiers. MySQL has no hypothetical
 * indexes, so every candidate is "not verified".
 */
final class MysqlSlowQueryCheck {
  private static final String DIGESTS =
      """
      SELECT DIGEST, DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT / 1000000000 AS total_ms, SUM_ROWS_EXAMINED,
             SUM_NO_INDEX_USED
        FROM performance_schema.events_statements_summary_by_digest
       WHERE SCHEMA_NAME = DATABASE() AND SUM_NO_INDEX_USED > 0 AND SUM_TIMER_WAIT >= ?
         AND DIGEST_TEXT IS NOT NULL
       ORDER BY SUM_TIMER_WAIT DESC, DIGEST LIMIT ?
      """;
  private static final String TABLE =
      """
      SELECT coalesce(DATA_LENGTH, 0), coalesce(TABLE_ROWS, 0) FROM information_schema.TABLES
       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'
      """;
  private static final String COLUMNS =
      """
      SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
      """;
  private static final String INDEX_COLUMNS =
      """
      SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS
       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX
      """;

  private record Digest(
      String id, String text, long calls, double totalMs, long rowsExamined, long noIndex) {
    /** {@code digest 1a2b3c4d5e6f}: the first 12 hex digits of the server's digest, never the text. */
    String name() {
      String hex = id.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
      return "digest " + hex.substring(0, Math.min(12, hex.length()));
    }
  }

  private static final class Candidate {
    final String table;
    final List<String> columns;
    final long bytes;
    final long tableRows;
    final List<String> digests = new ArrayList<>();
    long calls;
    double totalMs;
    long rowsExamined;

    Candidate(String table, List<String> columns, long bytes, long tableRows) {
      this.table = table;
      this.columns = columns;
      this.bytes = bytes;
      this.tableRows = tableRows;
    }
  }

  private MysqlSlowQueryCheck() {}

  static void run(Pass pass, MysqlDiagnoser.PerfSchema ps) throws SQLException {
    if (ps.noDigests().isPresent()) {
      pass.notes.add("DG111 slow statements skipped: " + ps.noDigests().get());
      return;
    }
    SlowQueries limits = pass.settings.slowQueries();
    List<Digest> digests =
        pass.db.rows(
            DIGESTS,
            rs ->
                new Digest(
                    String.valueOf(rs.getString(1)),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getDouble(4),
                    rs.getLong(5),
                    rs.getLong(6)),
            limits.minTotal().toMillis() * 1_000_000_000L,
            limits.top());
    Map<String, Candidate> found = new LinkedHashMap<>();
    for (Digest d : digests) {
      MysqlDigestText.Read read = MysqlDigestText.read(d.text);
      for (MysqlDigestText.Use use : read.uses()) {
        Optional<Candidate> c = candidate(pass, use, read.uses().size() == 1, found);
        if (c.isPresent() && !c.get().digests.contains(d.name())) {
          Candidate k = c.get();
          k.digests.add(d.name());
          k.calls += d.calls;
          k.totalMs += d.totalMs;
          k.rowsExamined += d.rowsExamined;
        }
      }
    }
    for (Candidate k : found.values()) {
      pass.problems.add(problem(pass, k));
    }
  }

  /** The candidate for a table of this database at least the configured size, unless an index leads with it. */
  private static Optional<Candidate> candidate(
      Pass pass, MysqlDigestText.Use use, boolean only, Map<String, Candidate> found)
      throws SQLException {
    record Table(long bytes, long rows) {}
    if (use.database().isPresent() && !use.database().get().equals(pass.database)) {
      return Optional.empty();
    }
    List<Table> t = pass.db.rows(TABLE, rs -> new Table(rs.getLong(1), rs.getLong(2)), use.table());
    if (t.isEmpty() || t.get(0).bytes < pass.settings.slowQueries().minTableBytes()) {
      return Optional.empty();
    }
    List<String> known =
        pass.db.rows(COLUMNS, rs -> rs.getString(1), use.table()).stream()
            .map(s -> s.toLowerCase(Locale.ROOT))
            .toList();
    List<String> columns = new ArrayList<>();
    for (MysqlDigestText.Column col : use.columns()) {
      // An unqualified column belongs to this table only when it is the statement's one table or
      // has the column.
      boolean ours =
          col.qualifier().isPresent()
              || only
              || known.contains(col.name().toLowerCase(Locale.ROOT));
      if (ours
          && known.contains(col.name().toLowerCase(Locale.ROOT))
          && !columns.contains(col.name())) {
        columns.add(col.name());
      }
    }
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    pass.db.rows(
        INDEX_COLUMNS,
        rs ->
            indexes
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(String.valueOf(rs.getString(2)).toLowerCase(Locale.ROOT)),
        use.table());
    List<String> wanted = columns.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    if (indexes.values().stream()
        .anyMatch(
            cols ->
                cols.size() >= wanted.size() && cols.subList(0, wanted.size()).equals(wanted))) {
      return Optional.empty();
    }
    String key = use.table() + "\u0000" + String.join("\u0000", wanted);
    return Optional.of(
        found.computeIfAbsent(
            key,
            k -> new Candidate(use.table(), List.copyOf(columns), t.get(0).bytes, t.get(0).rows)));
  }

  private static Problem problem(Pass pass, Candidate k) {
    String table = MysqlFixes.show(pass.database, k.table);
    String shownColumns =
        Names.escape(String.join(", ", k.columns.stream().map(MysqlFixes::show).toList()));
    double mean = k.calls == 0 ? 0 : k.totalMs / k.calls;
    List<Measure> evidence =
        List.of(
            new Measure("statements", k.digests.size(), "count"),
            new Measure("calls", k.calls, "count"),
            new Measure("total_exec_ms", k.totalMs, "milliseconds"),
            new Measure("mean_exec_ms", mean, "milliseconds"),
            new Measure("rows_examined", k.rowsExamined, "count"),
            new Measure("table_bytes", k.bytes, "bytes"),
            new Measure("table_rows", k.tableRows, "count"),
            new Measure("verified", 0, "count"),
            new Measure(
                "statements_observed_seconds", Math.round(pass.observedSeconds), "seconds"));
    String message =
        SlowQueryCheck.slowReads(
                k.digests.size(),
                String.join(", ", k.digests),
                k.totalMs,
                k.calls,
                mean,
                table,
                k.bytes,
                k.tableRows)
            + " without an index;"
            + " candidate index ("
            + shownColumns
            + "), not verified (MySQL and MariaDB have no hypothetical indexes)";
    return new Problem(
        "DG111",
        k.bytes >= pass.settings.largeTableBytes() ? Severity.WARNING : Severity.INFO,
        table + "(" + shownColumns + ")",
        message,
        evidence,
        Optional.of(
            MysqlFixes.addIndex(
                "index the compared columns, online (not verified)",
                pass.database,
                k.table,
                k.columns)));
  }
}
