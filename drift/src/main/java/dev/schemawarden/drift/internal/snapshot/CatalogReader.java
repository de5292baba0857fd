package dev.schemawarden.drift.internal.snapshot;

import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.SYSTEM_SCHEMAS;
import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.notExtensionMember;
import static dev.schemawarden.drift.internal.snapshot.Sql.opt;
import static dev.schemawarden.drift.internal.snapshot.Sql.query;
import static dev.schemawarden.drift.internal.snapshot.Sql.sortedArray;

import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.AppliedMigration;
import dev.schemawarden.drift.api.SchemaSnapshot.Column;
import dev.schemawarden.drift.api.SchemaSnapshot.Constraint;
import dev.schemawarden.drift.api.SchemaSnapshot.Dependency;
import dev.schemawarden.drift.api.SchemaSnapshot.Index;
import dev.schemawarden.drift.api.SchemaSnapshot.RelationStats;
import dev.schemawarden.drift.api.SchemaSnapshot.Routine;
import dev.schemawarden.drift.api.SchemaSnapshot.Sequence;
import dev.schemawarden.drift.api.SchemaSnapshot.TypeDef;
import dev.schemawarden.drift.api.SchemaSnapshot.View;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog queries other than tables: server, schemas, types, sequences, views, routines, statistics, history. */
final class CatalogReader {
  /** Settings that change how DDL behaves, locks or is judged; read as the server reports them. */
  private static final List<String> SETTINGS =
      List.of(
          "block_size",
          "data_checksums",
          "default_table_access_method",
          "default_toast_compression",
          "default_transaction_isolation",
          "idle_in_transaction_session_timeout",
          "lock_timeout",
          "maintenance_work_mem",
          "max_connections",
          "max_locks_per_transaction",
          "max_parallel_maintenance_workers",
          "server_encoding",
          "standard_conforming_strings",
          "statement_timeout",
          "wal_level");

  private final Connection c;
  private final List<String> unreadable;

  CatalogReader(Connection c, List<String> unreadable) {
    this.c = c;
    this.unreadable = unreadable;
  }

  SchemaSnapshot.Server server() throws SQLException {
    Map<String, String> settings = new HashMap<>();
    String[] version = new String[1];
    int[] num = new int[1];
    query(
        c,
        "SELECT name, reset_val FROM pg_settings WHERE name = ANY(?)",
        SETTINGS,
        rs -> settings.put(rs.getString(1), rs.getString(2)));
    query(
        c,
        """
        SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n,
               datcollate, datctype FROM pg_database WHERE datname = current_database()
        """,
        List.of(),
        rs -> {
          version[0] = rs.getString("v");
          num[0] = rs.getInt("n");
          settings.put("database.collate", rs.getString("datcollate"));
          settings.put("database.ctype", rs.getString("datctype"));
        });
    return new SchemaSnapshot.Server(version[0], num[0], settings);
  }

  List<SchemaSnapshot.Schema> schemas(List<String> wanted) throws SQLException {
    List<SchemaSnapshot.Schema> out = new ArrayList<>();
    query(
        c,
        "SELECT n.nspname, pg_get_userbyid(n.nspowner) AS owner, n.nspacl::text[] AS acl,"
            + " obj_description(n.oid, 'pg_namespace') AS comment FROM pg_namespace n WHERE "
            + SYSTEM_SCHEMAS
            + " AND "
            + notExtensionMember("pg_namespace", "n.oid")
            + " ORDER BY n.nspname COLLATE \"C\"",
        List.of(),
        rs -> {
          if (wanted.isEmpty() || wanted.contains(rs.getString("nspname"))) {
            out.add(
                new SchemaSnapshot.Schema(
                    rs.getString("nspname"),
                    rs.getString("owner"),
                    sortedArray(rs, "acl"),
                    opt(rs, "comment")));
          }
        });
    return out;
  }

  List<SchemaSnapshot.Extension> extensions() throws SQLException {
    List<SchemaSnapshot.Extension> out = new ArrayList<>();
    query(
        c,
        "SELECT e.extname, n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace n"
            + " ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.extname COLLATE \"C\"",
        List.of(),
        rs ->
            out.add(
                new SchemaSnapshot.Extension(rs.getString(1), rs.getString(2), rs.getString(3))));
    return out;
  }

  List<TypeDef> types(List<String> schemas) throws SQLException {
    Map<Long, List<Column>> attributes = PostgresIntrospector.columns(c, schemas);
    Map<Long, List<Constraint>> checks = new HashMap<>();
    query(
        c,
        """
        SELECT con.contypid, con.conname, pg_get_constraintdef(con.oid) AS def, con.convalidated
        FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE con.contypid <> 0 AND con.contype = 'c' AND n.nspname = ANY(?)
        ORDER BY con.contypid, con.conname COLLATE "C"
        """,
        schemas,
        rs ->
            checks
                .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(
                    new Constraint(
                        rs.getString("conname"),
                        "check",
                        rs.getString("def"),
                        rs.getBoolean("convalidated"),
                        Optional.empty())));
    List<TypeDef> out = new ArrayList<>();
    query(
        c,
        """
        SELECT t.oid, n.nspname, t.typname, t.typtype::text AS typtype, t.typrelid, t.typnotnull,
               CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
               CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS dflt,
               CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
                 FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels,
               pg_get_userbyid(t.typowner) AS owner, obj_description(t.oid, 'pg_type') AS comment
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_class r ON r.oid = t.typrelid
        WHERE n.nspname = ANY(?) AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c'))
          AND\s"""
            + notExtensionMember("pg_type", "t.oid")
            + """

        ORDER BY n.nspname COLLATE "C", t.typname COLLATE "C"
        """,
        schemas,
        rs -> {
          String kind =
              switch (rs.getString("typtype")) {
                case "e" -> "enum";
                case "d" -> "domain";
                default -> "composite";
              };
          out.add(
              new TypeDef(
                  rs.getString("nspname"),
                  rs.getString("typname"),
                  kind,
                  Sql.array(rs, "labels"),
                  opt(rs, "base"),
                  opt(rs, "dflt"),
                  kind.equals("domain") && rs.getBoolean("typnotnull"),
                  checks.getOrDefault(rs.getLong("oid"), List.of()),
                  kind.equals("composite")
                      ? attributes.getOrDefault(rs.getLong("typrelid"), List.of())
                      : List.of(),
                  rs.getString("owner"),
                  opt(rs, "comment")));
        });
    return out;
  }

  List<Sequence> sequences(List<String> schemas) throws SQLException {
    List<Sequence> out = new ArrayList<>();
    // Identity columns' sequences (deptype 'i') belong to the column; serial ones (deptype 'a') are
    // OWNED BY it.
    query(
        c,
        """
        SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS type, s.seqstart, s.seqincrement, s.seqmin,
               s.seqmax, s.seqcache, s.seqcycle,
               (SELECT quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(a.attname)
                  FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid
                  JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                   AND d.deptype = 'a') AS owned_by,
               pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl,
               obj_description(c.oid, 'pg_class') AS comment
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(?) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
              AND d.objid = c.oid AND d.deptype IN ('i', 'e'))
        ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
        """,
        schemas,
        rs ->
            out.add(
                new Sequence(
                    rs.getString("nspname"),
                    rs.getString("relname"),
                    rs.getString("type"),
                    rs.getLong("seqstart"),
                    rs.getLong("seqincrement"),
                    rs.getLong("seqmin"),
                    rs.getLong("seqmax"),
                    rs.getLong("seqcache"),
                    rs.getBoolean("seqcycle"),
                    opt(rs, "owned_by"),
                    rs.getString("owner"),
                    sortedArray(rs, "acl"),
                    opt(rs, "comment"))));
    return out;
  }

  List<View> views(List<String> schemas, Map<Long, List<Index>> indexes) throws SQLException {
    List<View> out = new ArrayList<>();
    query(
        c,
        """
        SELECT c.oid, n.nspname, c.relname, c.relkind = 'm' AS mat, pg_get_viewdef(c.oid) AS def,
               c.reloptions::text[] AS options, pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl,
               obj_description(c.oid, 'pg_class') AS comment
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(?) AND\s"""
            + notExtensionMember("pg_class", "c.oid")
            + """

        ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
        """,
        schemas,
        rs ->
            out.add(
                new View(
                    rs.getString("nspname"),
                    rs.getString("relname"),
                    rs.getBoolean("mat"),
                    rs.getString("def"),
                    sortedArray(rs, "options"),
                    rs.getString("owner"),
                    sortedArray(rs, "acl"),
                    opt(rs, "comment"),
                    indexes.getOrDefault(rs.getLong("oid"), List.of()))));
    return out;
  }

  List<Routine> routines(List<String> schemas) throws SQLException {
    record Head(
        long oid,
        String schema,
        String name,
        String args,
        String kind,
        String owner,
        List<String> acl,
        Optional<String> comment) {}
    List<Head> heads = new ArrayList<>();
    query(
        c,
        """
        SELECT p.oid, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args,
               p.prokind::text AS kind, pg_get_userbyid(p.proowner) AS owner, p.proacl::text[] AS acl,
               obj_description(p.oid, 'pg_proc') AS comment
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prokind IN ('f', 'p', 'w') AND n.nspname = ANY(?) AND\s"""
            + notExtensionMember("pg_proc", "p.oid")
            + """

        ORDER BY n.nspname COLLATE "C", p.proname COLLATE "C", pg_get_function_identity_arguments(p.oid) COLLATE "C"
        """,
        schemas,
        rs ->
            heads.add(
                new Head(
                    rs.getLong("oid"),
                    rs.getString("nspname"),
                    rs.getString("proname"),
                    rs.getString("args"),
                    switch (rs.getString("kind")) {
                      case "p" -> "procedure";
                      case "w" -> "window";
                      default -> "function";
                    },
                    rs.getString("owner"),
                    sortedArray(rs, "acl"),
                    opt(rs, "comment"))));
    Map<Long, String> bodies = new HashMap<>();
    Savepoint sp = c.setSavepoint();
    try {
      query(
          c,
          "SELECT p.oid, pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
              + " WHERE p.prokind IN ('f', 'p', 'w') AND n.nspname = ANY(?)",
          schemas,
          rs -> bodies.put(rs.getLong(1), rs.getString(2)));
      c.releaseSavepoint(sp);
    } catch (SQLException e) {
      c.rollback(sp);
      unreadable.add(
          "function and procedure bodies: "
              + e.getMessage()
              + " (pg_get_functiondef needs the catalogs readable; see docs/snapshot-and-drift.md)");
    }
    List<Routine> out = new ArrayList<>();
    for (Head h : heads) {
      out.add(
          new Routine(
              h.schema(),
              h.name(),
              h.args(),
              h.kind(),
              Optional.ofNullable(bodies.get(h.oid())),
              h.owner(),
              h.acl(),
              h.comment()));
    }
    return out;
  }

  List<Dependency> dependencies(List<String> schemas) throws SQLException {
    List<Dependency> out = new ArrayList<>();
    query(
        c,
        """
        SELECT * FROM (SELECT DISTINCT vn.nspname || '.' || v.relname AS dependent, v.relkind::text AS kind,
               rn.nspname || '.' || r.relname AS referenced, a.attname AS col
        FROM pg_depend d JOIN pg_rewrite rw ON rw.oid = d.objid
        JOIN pg_class v ON v.oid = rw.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace
        JOIN pg_class r ON r.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = r.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0
        WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND r.oid <> v.oid
          AND vn.nspname = ANY(?)) d
        ORDER BY d.dependent COLLATE "C", d.referenced COLLATE "C", d.col COLLATE "C" NULLS FIRST
        """,
        schemas,
        rs ->
            out.add(
                new Dependency(
                    rs.getString("dependent"),
                    rs.getString("kind").equals("m") ? "materialized_view" : "view",
                    rs.getString("referenced"),
                    opt(rs, "col"))));
    return out;
  }

  SchemaSnapshot.Statistics statistics(List<String> schemas) throws SQLException {
    Instant readAt;
    Optional<Instant> countersSince;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT clock_timestamp(), " + PostgresIntrospector.COUNTERS_SINCE)) {
      rs.next();
      readAt = rs.getTimestamp(1).toInstant();
      countersSince = Optional.ofNullable(rs.getTimestamp(2)).map(java.sql.Timestamp::toInstant);
    }
    List<RelationStats> out = new ArrayList<>();
    query(
        c,
        """
        SELECT n.nspname || '.' || c.relname AS rel, c.relkind::text AS kind, pg_total_relation_size(c.oid) AS total,
               pg_indexes_size(c.oid) AS idx, c.relpages, c.reltuples, coalesce(s.n_tup_ins, 0) AS ins,
               coalesce(s.n_tup_upd, 0) AS upd, coalesce(s.n_tup_del, 0) AS del, coalesce(s.seq_scan, 0) AS seq,
               coalesce(s.idx_scan, 0) AS iscan
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
        WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname = ANY(?)
        ORDER BY (n.nspname || '.' || c.relname) COLLATE "C"
        """,
        schemas,
        rs ->
            out.add(
                new RelationStats(
                    rs.getString("rel"),
                    switch (rs.getString("kind")) {
                      case "p" -> "partitioned_table";
                      case "m" -> "materialized_view";
                      default -> "table";
                    },
                    rs.getLong("total"),
                    rs.getLong("idx"),
                    rs.getLong("relpages"),
                    rs.getDouble("reltuples"),
                    rs.getLong("ins"),
                    rs.getLong("upd"),
                    rs.getLong("del"),
                    rs.getLong("seq"),
                    rs.getLong("iscan"))));
    return new SchemaSnapshot.Statistics(Optional.of(readAt), out, countersSince);
  }

  /** Flyway's and Liquibase's history rows, wherever their tables are; a table the role cannot read is noted. */
  List<AppliedMigration> history() throws SQLException {
    record HistoryTable(String schema, String name, boolean readable) {}
    List<HistoryTable> tables = new ArrayList<>();
    query(
        c,
        """
        SELECT n.nspname, c.relname, has_table_privilege(c.oid, 'SELECT') AS readable
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relname IN ('flyway_schema_history', 'databasechangelog') AND c.relkind IN ('r', 'p')
        ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
        """,
        List.of(),
        rs -> tables.add(new HistoryTable(rs.getString(1), rs.getString(2), rs.getBoolean(3))));
    List<AppliedMigration> out = new ArrayList<>();
    for (HistoryTable t : tables) {
      String table = Sql.ident(t.schema(), t.name());
      if (!t.readable()) {
        unreadable.add(
            t.schema()
                + "."
                + t.name()
                + " rows: permission denied (GRANT SELECT ON "
                + table
                + " TO <snapshot role>)");
        continue;
      }
      if (t.name().equals("flyway_schema_history")) {
        query(
            c,
            "SELECT installed_rank, version, description, type, script, checksum::text AS checksum, success"
                + " FROM "
                + table
                + " ORDER BY installed_rank",
            List.of(),
            rs ->
                out.add(
                    new AppliedMigration(
                        "flyway",
                        rs.getInt("installed_rank"),
                        opt(rs, "version"),
                        Sql.str(rs, "description"),
                        Sql.str(rs, "script"),
                        opt(rs, "checksum"),
                        rs.getBoolean("success"),
                        Sql.str(rs, "type"))));
      } else {
        query(
            c,
            "SELECT id, author, filename, md5sum, orderexecuted, exectype, description FROM "
                + table
                + " ORDER BY orderexecuted, id",
            List.of(),
            rs -> {
              String type = Sql.str(rs, "exectype");
              out.add(
                  new AppliedMigration(
                      "liquibase",
                      rs.getInt("orderexecuted"),
                      Optional.of(rs.getString("id") + "::" + rs.getString("author")),
                      Sql.str(rs, "description"),
                      Sql.str(rs, "filename"),
                      opt(rs, "md5sum"),
                      !type.equals("FAILED") && !type.equals("SKIPPED"),
                      type));
            });
      }
    }
    return out;
  }
}
