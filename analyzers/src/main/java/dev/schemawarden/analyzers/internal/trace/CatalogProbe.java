package dev.schemawarden.analyzers.internal.trace;

import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.TraceResult;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog and statistics queries the tracer runs; every method is one round trip. */
final class CatalogProbe {
  private static final String USER_NAMESPACES =
      "n.nspname NOT IN ('pg_catalog', 'information_schema', '"
          + TraceSupport.SCHEMA
          + "')"
          + " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

  /** A relation that existed before the trace started. */
  record Relation(long oid, String name, String sqlName, char kind, long filenode) {}

  /** A relation's state after a statement: storage file, transaction scan counters, size in pages. */
  record Detail(
      long oid, boolean exists, long filenode, long scans, long blocksFetched, long pages) {}

  /** A row of pg_locks for one backend. */
  record LockRow(long oid, LockMode mode, boolean granted) {}

  private CatalogProbe() {}

  static Map<Long, Relation> userRelations(Connection c) throws SQLException {
    Map<Long, Relation> out = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT c.oid::bigint, n.nspname || '.' || c.relname, c.relkind, c.relfilenode::bigint,"
                    + " format('%I.%I', n.nspname, c.relname)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                    + USER_NAMESPACES);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(
            rs.getLong(1),
            new Relation(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(5),
                rs.getString(3).charAt(0),
                rs.getLong(4)));
      }
    }
    return out;
  }

  /**
   * Kind, index table, partition parent and referenced tables of every user relation, by {@code schema.name}: the
   * catalog before the trace, which says why a statement locks or drops a relation it does not name.
   */
  static Map<String, TraceResult.RelationFacts> relationFacts(Connection c) throws SQLException {
    Map<String, TraceResult.RelationFacts> out = new HashMap<>();
    String name = "%1$s.nspname || '.' || %2$s.relname";
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT n.nspname || '.' || c.relname, c.relkind,"
                    + " (SELECT "
                    + String.format(name, "tn", "t")
                    + " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
                    + " JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE i.indexrelid = c.oid),"
                    + " (SELECT "
                    + String.format(name, "pn", "p")
                    + " FROM pg_inherits h JOIN pg_class p ON p.oid ="
                    + " h.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE h.inhrelid = c.oid"
                    + " AND c.relispartition LIMIT 1),"
                    + " ARRAY(SELECT DISTINCT "
                    + String.format(name, "rn", "r")
                    + " FROM pg_constraint k JOIN pg_class r"
                    + " ON r.oid = k.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace"
                    + " WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid <> c.oid ORDER BY 1)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                    + USER_NAMESPACES);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String[] refs = (String[]) rs.getArray(5).getArray();
        out.put(
            rs.getString(1),
            new TraceResult.RelationFacts(
                kindName(rs.getString(2).charAt(0)),
                Optional.ofNullable(rs.getString(3)),
                Optional.ofNullable(rs.getString(4)),
                List.of(refs)));
      }
    }
    return out;
  }

  /** The facts of the relations {@code statements} locked or dropped (and of an index's table), out of {@code all}. */
  static Map<String, TraceResult.RelationFacts> factsOf(
      Map<String, TraceResult.RelationFacts> all, List<TraceResult.TracedStatement> statements) {
    Map<String, TraceResult.RelationFacts> out = new HashMap<>();
    for (TraceResult.TracedStatement ts : statements) {
      List<String> named = new ArrayList<>(ts.droppedObjects());
      ts.effects().locks().forEach(l -> named.add(l.relation()));
      ts.heldLocks().forEach(l -> named.add(l.relation()));
      for (String r : named) {
        TraceResult.RelationFacts f = all.get(r);
        if (f != null) {
          out.put(r, f);
          f.table().filter(all::containsKey).ifPresent(t -> out.put(t, all.get(t)));
        }
      }
    }
    return out;
  }

  private static String kindName(char relkind) {
    return switch (relkind) {
      case 'r' -> "table";
      case 'p' -> "partitioned table";
      case 'i' -> "index";
      case 'I' -> "partitioned index";
      case 'S' -> "sequence";
      case 'v' -> "view";
      case 'm' -> "materialized view";
      case 'f' -> "foreign table";
      case 't' -> "toast table";
      default -> "relation";
    };
  }

  static long maxOid(Connection c) throws SQLException {
    return single(c, "SELECT coalesce(max(oid::bigint), 0) FROM pg_class");
  }

  /** Relation locks held or awaited by backend {@code pid} in the current database. */
  static List<LockRow> locks(Connection c, int pid) throws SQLException {
    List<LockRow> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT relation::bigint, mode, granted FROM pg_locks WHERE pid = ? AND locktype = 'relation'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      ps.setInt(1, pid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          modeOf(rs.getString(2))
              .ifPresent(
                  m -> {
                    try {
                      out.add(new LockRow(rs.getLong(1), m, rs.getBoolean(3)));
                    } catch (SQLException e) {
                      throw new IllegalStateException(e);
                    }
                  });
        }
      }
    }
    return out;
  }

  private static Optional<LockMode> modeOf(String pgMode) {
    for (LockMode m : LockMode.values()) {
      if (m.pgLocksName().equals(pgMode)) {
        return Optional.of(m);
      }
    }
    return Optional.empty(); // SIReadLock and friends are not table locks
  }

  /** Storage, scan counters and size of {@code oids}; relations dropped since come back with exists=false. */
  static Map<Long, Detail> details(Connection c, Collection<Long> oids) throws SQLException {
    Map<Long, Detail> out = new LinkedHashMap<>();
    if (oids.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT o.id, c.oid IS NOT NULL, coalesce(c.relfilenode::bigint, 0),"
                + " coalesce(pg_stat_get_xact_numscans(c.oid), 0), coalesce(pg_stat_get_xact_blocks_fetched(c.oid), 0),"
                + " CASE WHEN c.relkind IN ('r', 'm', 't', 'i') THEN pg_relation_size(c.oid)"
                + " / current_setting('block_size')::int ELSE 0 END"
                + " FROM unnest(?::bigint[]) AS o(id) LEFT JOIN pg_class c ON c.oid = o.id::oid")) {
      Array arr = c.createArrayOf("bigint", oids.toArray());
      ps.setArray(1, arr);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long oid = rs.getLong(1);
          out.put(
              oid,
              new Detail(
                  oid,
                  rs.getBoolean(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6)));
        }
      }
    }
    return out;
  }

  /** Transaction scan counters of every pre-existing table: the baseline at the start of a transaction. */
  static Map<Long, long[]> scanBaseline(Connection c) throws SQLException {
    Map<Long, long[]> out = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT c.oid::bigint, pg_stat_get_xact_numscans(c.oid), pg_stat_get_xact_blocks_fetched(c.oid)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'm') AND "
                    + USER_NAMESPACES);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (rs.getLong(2) != 0 || rs.getLong(3) != 0) {
          out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    return out;
  }

  /** User relations with an oid above {@code floor}: what the migration created so far. */
  static Map<Long, String> createdSince(Connection c, long floor) throws SQLException {
    Map<Long, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.oid::bigint, n.nspname || '.' || c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid > ?::bigint::oid AND c.relkind <> 't' AND "
                + USER_NAMESPACES
                + " ORDER BY c.oid")) {
      ps.setLong(1, floor);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** Rows the table_rewrite event trigger wrote after {@code afterId}: relation oid to reason bits. */
  record RewriteEvents(Map<Long, Integer> reasons, long lastId) {}

  static RewriteEvents rewriteEvents(Connection c, long afterId) throws SQLException {
    Map<Long, Integer> out = new HashMap<>();
    long last = afterId;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT relid::bigint, reason, id FROM "
                + TraceSupport.REWRITES
                + " WHERE id > ? ORDER BY id")) {
      ps.setLong(1, afterId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.merge(rs.getLong(1), rs.getInt(2), (a, b) -> a | b);
          last = rs.getLong(3);
        }
      }
    }
    return new RewriteEvents(out, last);
  }

  /** Everything the tracer reads after a statement inside a transaction, from one round trip. */
  record AfterStatement(
      List<LockRow> locks,
      Map<Long, Detail> details,
      RewriteEvents rewrites,
      Map<Long, String> created,
      String lockTimeout) {}

  /**
   * The one query run after each statement inside a transaction: the backend's relation locks, storage/scan
   * counters/size of the locked pre-existing relations ({@code 16384 <= oid <= floor}: no catalogs, nothing the
   * migration created), the rewrite log since the last read, relations created since the trace began, and
   * {@code lock_timeout}. Was five round trips (~1 ms each on an idle server, several under load).
   *
   * <p>Order matters: {@code pg_relation_size} takes an ACCESS SHARE lock, so the lock rows must be read first.
   * The details are computed from the materialized lock rows (a data dependency, and Append runs its branches in
   * order), so pg_locks is always read before any size is.
   */
  static String afterStatementSql(boolean withRewriteLog) {
    String n = ", NULL::bigint";
    return "WITH l AS MATERIALIZED (SELECT relation::bigint AS oid, mode, granted FROM pg_locks"
        + " WHERE pid = pg_backend_pid() AND locktype = 'relation'"
        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))"
        + " SELECT 'L' AS k, oid"
        + n
        + n
        + n
        + n
        + n
        + ", mode AS t, granted AS g FROM l"
        + " UNION ALL SELECT 'D', o.id, (c.oid IS NOT NULL)::int::bigint, coalesce(c.relfilenode::bigint, 0),"
        + " coalesce(pg_stat_get_xact_numscans(c.oid), 0), coalesce(pg_stat_get_xact_blocks_fetched(c.oid), 0),"
        + " CASE WHEN c.relkind IN ('r', 'm', 't', 'i') THEN pg_relation_size(c.oid)"
        + " / current_setting('block_size')::int ELSE 0 END, NULL, NULL"
        + " FROM (SELECT DISTINCT oid AS id FROM l WHERE oid >= 16384 AND oid <= ?::bigint) o"
        + " LEFT JOIN pg_class c ON c.oid = o.id::oid"
        + (withRewriteLog
            ? " UNION ALL SELECT 'R', relid::bigint, reason::bigint, id"
                + n
                + n
                + n
                + ", NULL, NULL FROM "
                + TraceSupport.REWRITES
                + " WHERE id > ?"
            : "")
        + " UNION ALL SELECT 'C', c.oid::bigint"
        + n
        + n
        + n
        + n
        + n
        + ", n.nspname || '.' || c.relname, NULL"
        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE c.oid > ?::bigint::oid AND c.relkind <> 't' AND "
        + USER_NAMESPACES
        + " UNION ALL SELECT 'T', NULL"
        + n
        + n
        + n
        + n
        + n
        + ", current_setting('lock_timeout'), NULL";
  }

  /** Runs {@link #afterStatementSql} prepared as {@code ps} (kept for the whole trace, so the server plans it once). */
  static AfterStatement afterStatement(
      PreparedStatement ps, boolean withRewriteLog, long floor, long rewriteAfter)
      throws SQLException {
    int i = 1;
    ps.setLong(i++, floor);
    if (withRewriteLog) {
      ps.setLong(i++, rewriteAfter);
    }
    ps.setLong(i, floor);
    List<LockRow> locks = new ArrayList<>();
    Map<Long, Detail> details = new LinkedHashMap<>();
    Map<Long, Integer> reasons = new HashMap<>();
    java.util.TreeMap<Long, String> created = new java.util.TreeMap<>();
    long lastRewrite = rewriteAfter;
    String lockTimeout = "";
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long oid = rs.getLong(2);
        switch (rs.getString(1)) {
          case "L" -> {
            Optional<LockMode> mode = modeOf(rs.getString(8));
            if (mode.isPresent()) {
              locks.add(new LockRow(oid, mode.get(), rs.getBoolean(9)));
            }
          }
          case "D" ->
              details.put(
                  oid,
                  new Detail(
                      oid,
                      rs.getLong(3) != 0,
                      rs.getLong(4),
                      rs.getLong(5),
                      rs.getLong(6),
                      rs.getLong(7)));
          case "R" -> {
            reasons.merge(oid, (int) rs.getLong(3), (a, b) -> a | b);
            lastRewrite = Math.max(lastRewrite, rs.getLong(4));
          }
          case "C" -> created.put(oid, rs.getString(8));
          default -> lockTimeout = rs.getString(8);
        }
      }
    }
    return new AfterStatement(
        locks,
        details,
        new RewriteEvents(reasons, lastRewrite),
        new LinkedHashMap<>(created),
        lockTimeout);
  }

  static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String text(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}
