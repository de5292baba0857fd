package dev.schemawarden.drift.internal.snapshot;

import static dev.schemawarden.drift.internal.snapshot.Sql.array;
import static dev.schemawarden.drift.internal.snapshot.Sql.opt;
import static dev.schemawarden.drift.internal.snapshot.Sql.query;
import static dev.schemawarden.drift.internal.snapshot.Sql.sortedArray;
import static dev.schemawarden.drift.internal.snapshot.Sql.str;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.Column;
import dev.schemawarden.drift.api.SchemaSnapshot.Constraint;
import dev.schemawarden.drift.api.SchemaSnapshot.Index;
import dev.schemawarden.drift.api.SchemaSnapshot.Table;
import dev.schemawarden.drift.api.SchemaSnapshot.Trigger;
import dev.schemawarden.drift.api.SchemaSnapshot.View;
import dev.schemawarden.drift.api.SnapshotOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link SchemaSnapshot} from PostgreSQL's catalogs: one query per object kind for the whole database (not
 * per table), inside one REPEATABLE READ READ ONLY transaction so every part sees the same moment, with
 * {@code search_path = pg_catalog} so the server qualifies every name it prints. Tables and what hangs off them
 * are read here; the other kinds in {@link CatalogReader}.
 */
public final class PostgresIntrospector {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresIntrospector.class);

  /** Schemas never snapshotted: the system's, and the tracer's support schema on replicas. */
  public static final String SYSTEM_SCHEMAS =
      "n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'warden_trace')";

  /**
   * Since when the cumulative statistics counters have been counting: the database's {@code stats_reset}, else the
   * server's start. The one definition of the window every rate (snapshot, diagnose) is computed over.
   */
  public static final String COUNTERS_SINCE =
      "coalesce((SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()),"
          + " pg_postmaster_start_time())";

  public static String notExtensionMember(String catalog, String oid) {
    return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '"
        + catalog
        + "'::regclass AND e.objid = "
        + oid
        + " AND e.deptype = 'e')";
  }

  private PostgresIntrospector() {}

  public static SchemaSnapshot take(Connection c, SnapshotOptions options) {
    long t0 = System.nanoTime();
    try {
      return RolledBack.run(
          c,
          "snapshot",
          () -> {
            Sql.exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            Sql.exec(c, "SET LOCAL search_path = pg_catalog");
            // a bound when the caller set none; a caller's own (ProductionConnections) stands
            Sql.exec(
                c,
                "SELECT CASE WHEN current_setting('statement_timeout') IN ('0', '0ms')"
                    + " THEN set_config('statement_timeout', '60s', true) END");
            SchemaSnapshot s = read(c, options);
            LOG.debug(
                "snapshot of {} tables read in {} ms",
                s.tables().size(),
                (System.nanoTime() - t0) / 1_000_000);
            return s;
          });
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static WardenException failed(SQLException e) {
    return new WardenException(
        ErrorCode.INFRASTRUCTURE,
        "reading the schema snapshot failed: "
            + e.getMessage()
            + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
            + "; check that the role can CONNECT (see docs/snapshot-and-drift.md for the GRANTs)",
        e);
  }

  private static SchemaSnapshot read(Connection c, SnapshotOptions options) throws SQLException {
    Instant takenAt;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT transaction_timestamp()")) {
      rs.next();
      takenAt = rs.getTimestamp(1).toInstant();
    }
    List<String> unreadable = new ArrayList<>();
    CatalogReader catalog = new CatalogReader(c, unreadable);
    List<SchemaSnapshot.Schema> schemas = catalog.schemas(options.schemas());
    List<String> names = schemas.stream().map(SchemaSnapshot.Schema::name).toList();
    Map<Long, List<Index>> indexes = indexes(c, names);
    List<Table> tables = tables(c, names, indexes);
    List<View> views = catalog.views(names, indexes);
    return new SchemaSnapshot(
        SchemaSnapshot.FORMAT_VERSION,
        takenAt,
        catalog.server(),
        schemas,
        catalog.extensions(),
        catalog.types(names),
        catalog.sequences(names),
        tables,
        views,
        catalog.routines(names),
        catalog.dependencies(names),
        options.statistics() ? catalog.statistics(names) : SchemaSnapshot.Statistics.NONE,
        catalog.history(),
        unreadable);
  }

  private static List<Table> tables(
      Connection c, List<String> schemas, Map<Long, List<Index>> indexes) throws SQLException {
    Map<Long, List<Column>> columns = columns(c, schemas);
    Map<Long, List<Constraint>> constraints = constraints(c, schemas);
    Map<Long, List<Trigger>> triggers = triggers(c, schemas);
    List<Table> tables = new ArrayList<>();
    query(
        c,
        """
        SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, pg_get_userbyid(c.relowner) AS owner,
               c.relacl::text[] AS acl, obj_description(c.oid, 'pg_class') AS comment,
               CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
               CASE WHEN c.relispartition THEN (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
                 FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
                 JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid) END AS parent,
               CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
               c.reloptions::text[] AS options
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(?) AND\s"""
            + notExtensionMember("pg_class", "c.oid")
            + """

        ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
        """,
        schemas,
        rs -> {
          long oid = rs.getLong("oid");
          tables.add(
              new Table(
                  rs.getString("nspname"),
                  rs.getString("relname"),
                  rs.getString("relkind").equals("p") ? "partitioned_table" : "table",
                  rs.getString("relpersistence").equals("u") ? "unlogged" : "permanent",
                  opt(rs, "partkey"),
                  opt(rs, "parent"),
                  opt(rs, "bound"),
                  sortedArray(rs, "options"),
                  rs.getString("owner"),
                  sortedArray(rs, "acl"),
                  opt(rs, "comment"),
                  columns.getOrDefault(oid, List.of()),
                  constraints.getOrDefault(oid, List.of()),
                  indexes.getOrDefault(oid, List.of()),
                  triggers.getOrDefault(oid, List.of())));
        });
    return tables;
  }

  /** Columns of tables and composite types, keyed by the relation's oid, in position order. */
  static Map<Long, List<Column>> columns(Connection c, List<String> schemas) throws SQLException {
    Map<Long, List<Column>> out = new HashMap<>();
    query(
        c,
        """
        SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
               CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS dflt,
               a.attidentity, CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS gen,
               CASE WHEN a.attcollation <> t.typcollation THEN
                 (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
                  JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END AS coll,
               col_description(a.attrelid, a.attnum) AS comment
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'c') AND n.nspname = ANY(?)
        ORDER BY a.attrelid, a.attnum
        """,
        schemas,
        rs -> {
          String identity = str(rs, "attidentity");
          out.computeIfAbsent(rs.getLong("attrelid"), k -> new ArrayList<>())
              .add(
                  new Column(
                      rs.getString("attname"),
                      rs.getString("type"),
                      rs.getBoolean("attnotnull"),
                      opt(rs, "dflt"),
                      identity.equals("a")
                          ? Optional.of("always")
                          : identity.equals("d") ? Optional.of("by_default") : Optional.empty(),
                      opt(rs, "gen"),
                      opt(rs, "coll"),
                      opt(rs, "comment")));
        });
    return out;
  }

  static String constraintType(String contype) {
    return switch (contype) {
      case "p" -> "primary_key";
      case "u" -> "unique";
      case "x" -> "exclusion";
      case "f" -> "foreign_key";
      default -> "check";
    };
  }

  private static Map<Long, List<Constraint>> constraints(Connection c, List<String> schemas)
      throws SQLException {
    Map<Long, List<Constraint>> out = new HashMap<>();
    // Local ones only: a partition's copies of its parent's constraints come back with the
    // parent's.
    query(
        c,
        """
        SELECT con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid) AS def, con.convalidated,
               obj_description(con.oid, 'pg_constraint') AS comment
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conislocal AND con.conparentid = 0
          AND n.nspname = ANY(?)
        ORDER BY con.conrelid, con.conname COLLATE "C"
        """,
        schemas,
        rs ->
            out.computeIfAbsent(rs.getLong("conrelid"), k -> new ArrayList<>())
                .add(
                    new Constraint(
                        rs.getString("conname"),
                        constraintType(rs.getString("contype")),
                        rs.getString("def"),
                        rs.getBoolean("convalidated"),
                        opt(rs, "comment"))));
    return out;
  }

  private static Map<Long, List<Index>> indexes(Connection c, List<String> schemas)
      throws SQLException {
    Map<Long, List<Index>> out = new HashMap<>();
    query(
        c,
        """
        SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid) AS def, i.indisvalid, i.indisready,
               EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                       AND k.contype IN ('p', 'u', 'x')) AS backs,
               (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) FROM pg_inherits h
                  JOIN pg_class pc ON pc.oid = h.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                 WHERE h.inhrelid = i.indexrelid) AS attached_to,
               obj_description(i.indexrelid, 'pg_class') AS comment
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname = ANY(?)
        ORDER BY i.indrelid, ic.relname COLLATE "C"
        """,
        schemas,
        rs ->
            out.computeIfAbsent(rs.getLong("indrelid"), k -> new ArrayList<>())
                .add(
                    new Index(
                        rs.getString("relname"),
                        rs.getString("def"),
                        rs.getBoolean("indisvalid"),
                        rs.getBoolean("indisready"),
                        rs.getBoolean("backs"),
                        opt(rs, "attached_to"),
                        opt(rs, "comment"))));
    return out;
  }

  private static Map<Long, List<Trigger>> triggers(Connection c, List<String> schemas)
      throws SQLException {
    Map<Long, List<Trigger>> out = new HashMap<>();
    // tgparentid <> 0: a partition's clone of its parent's trigger, recreated with the parent's.
    query(
        c,
        """
        SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid) AS def, t.tgenabled::text AS enabled
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname = ANY(?)
        ORDER BY t.tgrelid, t.tgname COLLATE "C"
        """,
        schemas,
        rs ->
            out.computeIfAbsent(rs.getLong("tgrelid"), k -> new ArrayList<>())
                .add(
                    new Trigger(
                        rs.getString("tgname"), rs.getString("def"), rs.getString("enabled"))));
    return out;
  }

  static Map<String, String> sorted(Map<String, String> m) {
    return new TreeMap<>(m);
  }

  static List<String> textArray(ResultSet rs, String column) throws SQLException {
    return array(rs, column);
  }
}
