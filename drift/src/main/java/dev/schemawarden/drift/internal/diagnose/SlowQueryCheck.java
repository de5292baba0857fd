package dev.schemawarden.drift.internal.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.Identifiers;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.drift.api.DiagnoseSettings.SlowQueries;
import dev.schemawarden.drift.api.Problem;
import dev.schemawarden.drift.api.Problem.Measure;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DG111: the slowest statements of {@code pg_stat_statements} (by total time) whose plan reads a large table with a
 * filtered Seq Scan, each with a candidate index on the filtered columns. Runs only when the extension is
 * installed in this database (else a note says it did not run). Each statement text is production's, not ours:
 * it passes {@link QueryText}'s gate, then runs only as {@code EXPLAIN} (never ANALYZE; for {@code $n} parameters
 * {@code GENERIC_PLAN} on PostgreSQL 16+, and on 12-15 {@code PREPARE} under {@code force_generic_plan} then
 * {@code EXPLAIN EXECUTE} with NULLs, which plans and does not run) in a savepoint of the pass's READ ONLY transaction, under a short
 * statement timeout and the database's default {@code search_path}, rolled back after. With HypoPG installed the
 * candidate is created hypothetically and the statement explained again: "verified" when the planner uses it and
 * the plan is cheaper, both costs in the finding.
 */
final class SlowQueryCheck {
  /** A plan is a catalog lookup: a statement that takes longer to plan is skipped, not waited for. */
  static final String EXPLAIN_TIMEOUT = "2s";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXTENSIONS =
      """
      SELECT current_setting('server_version_num')::int AS version,
             (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
               WHERE e.extname = 'pg_stat_statements') AS pss,
             (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
               WHERE e.extname = 'hypopg') AS hypopg
      """;
  private static final String EXPLAIN_BLOCK =
      """
      DO $warden$DECLARE line text; plan text := ''; BEGIN
        FOR line IN EXECUTE current_setting('warden.explain') LOOP plan := plan || line; END LOOP;
        PERFORM set_config('warden.plan', plan, true);
      END$warden$""";

  /**
   * Before PostgreSQL 16 (Dexter's way): the text is prepared with its parameter types inferred, and its generic
   * plan explained through {@code EXECUTE} with NULL constants, which EXPLAIN without ANALYZE never runs. A
   * prepared statement outlives the transaction, so one a failed attempt left behind is dropped first. EXECUTE
   * does evaluate its arguments: coercing NULL to a domain runs the domain's CHECK (which may call any function),
   * so a parameter of a domain type is refused.
   */
  private static final String PREPARED_BLOCK =
      """
      DO $warden$DECLARE line text; plan text := ''; BEGIN
        IF EXISTS (SELECT FROM pg_prepared_statements WHERE name = 'warden_q') THEN
          EXECUTE 'DEALLOCATE warden_q';
        END IF;
        EXECUTE 'PREPARE warden_q AS ' || current_setting('warden.prepare');
        IF EXISTS (SELECT FROM pg_prepared_statements p, unnest(p.parameter_types) t JOIN pg_type y ON y.oid = t
                    WHERE p.name = 'warden_q' AND y.typtype = 'd') THEN
          EXECUTE 'DEALLOCATE warden_q';
          RAISE EXCEPTION 'a parameter is of a domain type, whose CHECK would run on the NULL given to EXECUTE';
        END IF;
        FOR line IN EXECUTE current_setting('warden.explain') LOOP plan := plan || line; END LOOP;
        EXECUTE 'DEALLOCATE warden_q';
        PERFORM set_config('warden.plan', plan, true);
      END$warden$""";

  private static final String DROP_PREPARED =
      """
      DO $warden$BEGIN
        IF EXISTS (SELECT FROM pg_prepared_statements WHERE name = 'warden_q') THEN
          EXECUTE 'DEALLOCATE warden_q';
        END IF;
      END$warden$""";
  private static final String TABLE =
      """
      SELECT c.oid::bigint AS oid, pg_relation_size(c.oid) AS bytes, greatest(c.reltuples, 0)::bigint AS rows
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'm')
      """;
  private static final String COLUMN =
      """
      SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = ?::bigint::oid AND a.attname = ? AND a.attnum > 0
         AND NOT a.attisdropped
      """;

  /** A valid, non-partial index already leading with the columns: the planner chose the Seq Scan anyway. */
  private static final String INDEXED =
      """
      SELECT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = ?::bigint::oid AND i.indisvalid
                        AND i.indpred IS NULL AND (i.indkey::text || ' ') LIKE ?)
      """;

  private record Stmt(long queryId, String text, long calls, double totalMs, long rows) {}

  /**
   * How one text is explained: as it is, with {@code GENERIC_PLAN} (16+), or, for {@code $n} parameters before 16,
   * prepared and explained through {@code EXECUTE} with {@code parameters} NULLs.
   */
  private record Explain(String text, boolean generic, int parameters) {
    boolean prepared() {
      return parameters > 0;
    }
  }

  private record Scan(String schema, String table, String alias, String filter) {}

  /** One statement explained again with the candidate created hypothetically. */
  private record Verdict(double costWithout, double costWith, boolean used) {
    boolean cheaper() {
      return used && costWith < costWithout;
    }
  }

  /** Every statement behind one candidate (or one table without a candidate). */
  private static final class Candidate {
    final String schema;
    final String table;
    final List<String> columns;
    final long bytes;
    final long tableRows;
    final List<Long> queryIds = new ArrayList<>();
    long calls;
    double totalMs;
    long rows;
    double cost;
    boolean verified;

    /** The statement HypoPG judged last: its plan's cost without and with the hypothetical index. */
    Optional<Verdict> hypothetical = Optional.empty();

    Candidate(String schema, String table, List<String> columns, long bytes, long tableRows) {
      this.schema = schema;
      this.table = table;
      this.columns = columns;
      this.bytes = bytes;
      this.tableRows = tableRows;
    }
  }

  private SlowQueryCheck() {}

  static void run(Pass pass) throws SQLException {
    record Ext(int version, Optional<String> pss, Optional<String> hypopg) {}
    Ext ext =
        pass.db.one(
            EXTENSIONS,
            rs ->
                new Ext(
                    rs.getInt("version"),
                    Optional.ofNullable(rs.getString("pss")),
                    Optional.ofNullable(rs.getString("hypopg"))));
    if (ext.pss.isEmpty()) {
      pass.notes.add(
          "DG111 slow queries not checked: the pg_stat_statements extension is not installed in this"
              + " database (docs/rules/DG111.md)");
      return;
    }
    SlowQueries limits = pass.settings.slowQueries();
    String view = Names.sql(ext.pss.get(), "pg_stat_statements");
    // One row per statement: the same queryid run by several roles is summed. A text the role may
    // not read shows as '<insufficient privilege>' with a NULL queryid (all such rows are one
    // group), kept for a note.
    Optional<List<Stmt>> read =
        Savepoint.attempt(
                pass.db,
                () ->
                    pass.db.rows(
                        "SELECT s.queryid, min(s.query),"
                            + " sum(s.calls)::bigint, sum(s.total_exec_time)::float8, sum(s.rows)::bigint FROM "
                            + view
                            + " s"
                            + " WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                            + " AND (s.query ~* '^\\s*select\\M' OR s.query = '<insufficient privilege>')"
                            + " GROUP BY s.queryid HAVING sum(s.total_exec_time) >= ?::float8"
                            + " ORDER BY sum(s.total_exec_time) DESC, s.queryid LIMIT ?::int",
                        rs ->
                            new Stmt(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getDouble(4),
                                rs.getLong(5)),
                        (double) limits.minTotal().toMillis(),
                        limits.top()))
            .value();
    if (read.isEmpty()) {
      pass.notes.add(
          "DG111 slow queries not checked: pg_stat_statements could not be read (it must be in"
              + " shared_preload_libraries, and the role needs pg_read_all_stats: docs/rules/DG111.md)");
      return;
    }
    Optional<Double> since =
        ext.version < 140000
            ? Optional.empty()
            : Savepoint.attempt(
                    pass.db,
                    () ->
                        pass.db.one(
                            "SELECT extract(epoch FROM now() - stats_reset)::float8 FROM "
                                + Names.sql(ext.pss.get(), "pg_stat_statements_info"),
                            rs -> rs.getDouble(1)))
                .value();
    Map<String, Candidate> found = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Stmt s : read.get()) {
      if (s.text.equals("<insufficient privilege>")) {
        skipped.add("statements of other roles (their texts need pg_read_all_stats)");
        continue;
      }
      String name = QueryText.name(s.queryId);
      Optional<String> refused = QueryText.refusal(s.text);
      if (refused.isPresent()) {
        skipped.add(name + " (refused: " + refused.get() + ")");
        continue;
      }
      boolean generic = QueryText.parameterised(s.text);
      if (generic && ext.version < 120000) {
        skipped.add(name + " (its $n parameters need plan_cache_mode: PostgreSQL 12+)");
        continue;
      }
      Explain explain =
          new Explain(
              s.text,
              generic && ext.version >= 160000,
              generic && ext.version < 160000 ? QueryText.highestParameter(s.text) : 0);
      Savepoint<JsonNode> planned = Savepoint.attempt(pass.db, () -> explain(pass.db, explain));
      Optional<JsonNode> plan = planned.value();
      if (plan.isEmpty()) {
        skipped.add(
            name
                + " (not "
                + (explain.prepared() ? "prepared or " : "")
                + "planned: "
                + planned.error()
                + ")");
        continue;
      }
      double cost = plan.get().path("Total Cost").asDouble();
      for (Scan scan : seqScans(plan.get(), new ArrayList<>())) {
        Optional<Candidate> c = candidate(pass, scan, found);
        if (c.isEmpty()) {
          continue;
        }
        Candidate k = c.get();
        if (!k.queryIds.contains(s.queryId)) {
          k.queryIds.add(s.queryId);
          k.calls += s.calls;
          k.totalMs += s.totalMs;
          k.rows += s.rows;
          k.cost = Math.max(k.cost, cost);
        }
        if (ext.hypopg.isPresent() && !k.columns.isEmpty() && !k.verified) {
          Optional<Verdict> v =
              Savepoint.attempt(pass.db, () -> verify(pass.db, ext.hypopg.get(), k, explain, cost))
                  .value();
          // Hypothetical indexes live in the backend, not the transaction: the rollback to the
          // savepoint keeps them, and one left behind by a failed EXPLAIN would be in every later
          // plan of the pass.
          pass.db.exec("SELECT " + Names.sql(ext.hypopg.get(), "hypopg_reset") + "()");
          if (v.isPresent()) {
            k.hypothetical = v;
            k.verified = v.get().cheaper();
          }
        }
      }
    }
    if (ext.version < 160000) {
      // A prepared statement is the session's, not the transaction's: none is left in the caller's
      // connection.
      Savepoint.attempt(
          pass.db,
          () -> {
            pass.db.exec(DROP_PREPARED);
            return true;
          });
    }
    for (Candidate k : found.values()) {
      pass.problems.add(problem(pass, k, ext.hypopg.isPresent(), since));
    }
    if (!skipped.isEmpty()) {
      pass.notes.add(
          "DG111 statements not explained: "
              + String.join(", ", skipped.subList(0, Math.min(10, skipped.size())))
              + (skipped.size() > 10 ? " and " + (skipped.size() - 10) + " more" : ""));
    }
  }

  private static JsonNode explain(Db db, Explain how) throws SQLException {
    db.exec("SET LOCAL search_path TO DEFAULT");
    db.exec("SET LOCAL statement_timeout = '" + EXPLAIN_TIMEOUT + "'");
    // The text is bound as a value, never spliced into ours; the driver's extended protocol would
    // declare its $n parameters and then want values for them, so the server runs it from a DO
    // block (as psql would). Splicing it after PREPARE in that block is safe only because QueryText
    // refuses any ';': it stays one statement.
    String options = "EXPLAIN (VERBOSE, FORMAT JSON" + (how.generic ? ", GENERIC_PLAN" : "") + ") ";
    if (how.prepared()) {
      db.exec("SET LOCAL plan_cache_mode = force_generic_plan");
      db.one("SELECT set_config('warden.prepare', ?, true)", rs -> rs.getString(1), how.text);
      db.one(
          "SELECT set_config('warden.explain', ?, true)",
          rs -> rs.getString(1),
          options
              + "EXECUTE warden_q("
              + String.join(", ", Collections.nCopies(how.parameters, "NULL"))
              + ")");
      db.exec(PREPARED_BLOCK);
    } else {
      db.one(
          "SELECT set_config('warden.explain', ?, true)",
          rs -> rs.getString(1),
          options + how.text);
      db.exec(EXPLAIN_BLOCK);
    }
    String json = db.one("SELECT current_setting('warden.plan')", rs -> rs.getString(1));
    try {
      return JSON.readTree(json).path(0).path("Plan");
    } catch (IOException e) {
      throw new SQLException("unreadable plan: " + e.getMessage(), e);
    }
  }

  private static List<Scan> seqScans(JsonNode node, List<Scan> out) {
    if ("Seq Scan".equals(node.path("Node Type").asText()) && node.hasNonNull("Filter")) {
      out.add(
          new Scan(
              node.path("Schema").asText(),
              node.path("Relation Name").asText(),
              node.path("Alias").asText(),
              node.path("Filter").asText()));
    }
    for (JsonNode child : node.path("Plans")) {
      seqScans(child, out);
    }
    return out;
  }

  /** The candidate for a scan of a large enough table, unless an index already leads with its columns. */
  private static Optional<Candidate> candidate(Pass pass, Scan scan, Map<String, Candidate> found)
      throws SQLException {
    record Table(long oid, long bytes, long rows) {}
    List<Table> t =
        pass.db.rows(
            TABLE,
            rs -> new Table(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
            scan.schema,
            scan.table);
    if (t.isEmpty() || t.get(0).bytes < pass.settings.slowQueries().minTableBytes()) {
      return Optional.empty();
    }
    List<String> columns = new ArrayList<>();
    List<String> attnums = new ArrayList<>();
    for (String col : PlanFilter.candidateColumns(scan.filter, scan.alias)) {
      List<Integer> num = pass.db.rows(COLUMN, rs -> rs.getInt(1), t.get(0).oid, col);
      if (num.isEmpty()) {
        break;
      }
      columns.add(col);
      attnums.add(num.get(0).toString());
    }
    if (!columns.isEmpty()
        && pass.db.one(
            INDEXED, rs -> rs.getBoolean(1), t.get(0).oid, String.join(" ", attnums) + " %")) {
      return Optional.empty();
    }
    String key = scan.schema + "\u0000" + scan.table + "\u0000" + String.join("\u0000", columns);
    return Optional.of(
        found.computeIfAbsent(
            key,
            k ->
                new Candidate(
                    scan.schema, scan.table, List.copyOf(columns), t.get(0).bytes, t.get(0).rows)));
  }

  /** Creates the candidate hypothetically (the caller resets HypoPG after) and explains the statement again. */
  private static Verdict verify(
      Db db, String hypopgSchema, Candidate k, Explain explain, double costWithout)
      throws SQLException {
    String ddl =
        "CREATE INDEX ON "
            + Names.sql(k.schema, k.table)
            + " ("
            + String.join(", ", k.columns.stream().map(Identifiers::quote).toList())
            + ")";
    String name =
        db.one(
            "SELECT indexname FROM " + Names.sql(hypopgSchema, "hypopg_create_index") + "(?)",
            rs -> rs.getString(1),
            ddl);
    JsonNode plan = explain(db, explain);
    return new Verdict(costWithout, plan.path("Total Cost").asDouble(), usesIndex(plan, name));
  }

  private static boolean usesIndex(JsonNode node, String index) {
    if (index.equals(node.path("Index Name").asText())) {
      return true;
    }
    for (JsonNode child : node.path("Plans")) {
      if (usesIndex(child, index)) {
        return true;
      }
    }
    return false;
  }

  private static Problem problem(Pass pass, Candidate k, boolean hypopg, Optional<Double> since) {
    String table = Names.show(k.schema, k.table);
    List<String> quoted = k.columns.stream().map(Identifiers::quote).toList();
    String shownColumns =
        Names.escape(String.join(", ", k.columns.stream().map(Identifiers::render).toList()));
    String object = k.columns.isEmpty() ? table : table + "(" + shownColumns + ")";
    String costs =
        k.hypothetical
            .map(
                v ->
                    " (plan cost "
                        + new Measure("", v.costWithout, "").display()
                        + " without it, "
                        + new Measure("", v.costWith, "").display()
                        + " with it)")
            .orElse("");
    String verdict =
        k.verified
            ? "verified: with it hypothetically created (HypoPG) the planner uses it" + costs
            : k.hypothetical.isPresent()
                ? "not verified: with it hypothetically created (HypoPG) the planner "
                    + (k.hypothetical.get().used
                        ? "uses it but the plan is no cheaper"
                        : "still scans the table")
                    + costs
                : hypopg
                    ? "not verified: HypoPG could not explain the statement with it"
                    : "not verified (HypoPG is not installed)";
    double mean = k.calls == 0 ? 0 : k.totalMs / k.calls;
    List<Measure> evidence =
        new ArrayList<>(
            List.of(
                new Measure("statements", k.queryIds.size(), "count"),
                new Measure("calls", k.calls, "count"),
                new Measure("total_exec_ms", k.totalMs, "milliseconds"),
                new Measure("mean_exec_ms", mean, "milliseconds"),
                new Measure("rows", k.rows, "count"),
                new Measure("table_bytes", k.bytes, "bytes"),
                new Measure("table_rows", k.tableRows, "count"),
                new Measure("plan_cost", k.cost, "cost"),
                new Measure("verified", k.verified ? 1 : 0, "count")));
    k.hypothetical.ifPresent(
        v -> evidence.add(new Measure("plan_cost_with_index", v.costWith, "cost")));
    since.ifPresent(
        s -> evidence.add(new Measure("statements_observed_seconds", Math.round(s), "seconds")));
    String queries = String.join(", ", k.queryIds.stream().map(QueryText::name).toList());
    String message =
        slowReads(k.queryIds.size(), queries, k.totalMs, k.calls, mean, table, k.bytes, k.tableRows)
            + " with a filtered sequential scan; "
            + (k.columns.isEmpty()
                ? "its filter compares no plain column, so no index is proposed"
                : "candidate index (" + shownColumns + "), " + verdict);
    return new Problem(
        "DG111",
        k.bytes >= pass.settings.largeTableBytes() ? Severity.WARNING : Severity.INFO,
        object,
        message,
        evidence,
        k.columns.isEmpty()
            ? Optional.empty()
            : Optional.of(
                Fixes.createIndex(
                    "index the filtered columns, concurrently ("
                        + (k.verified ? "verified" : "not verified")
                        + ")",
                    k.schema,
                    k.table,
                    quoted,
                    k.columns)));
  }

  /**
   * How DG111 opens on either engine: {@code 3 of the slowest statements (q1, q2, q3) took 1200 ms in 40 calls
   * (mean 30 ms) reading table shop.orders (1.2 GiB, 2000000 rows)}; the engine says how it read the table.
   */
  static String slowReads(
      int count,
      String names,
      double totalMs,
      long calls,
      double meanMs,
      String table,
      long tableBytes,
      long tableRows) {
    return count
        + " of the slowest statements ("
        + names
        + ") took "
        + Math.round(totalMs)
        + " ms in "
        + calls
        + " calls (mean "
        + new Measure("", meanMs, "").display()
        + " ms) reading table "
        + table
        + " ("
        + ByteSize.format(tableBytes)
        + ", "
        + tableRows
        + " rows)";
  }
}
