package dev.schemawarden.drift.internal.mysql;

import static dev.schemawarden.drift.internal.mysql.MysqlQueries.opt;
import static dev.schemawarden.drift.internal.mysql.MysqlQueries.q;
import static dev.schemawarden.drift.internal.mysql.MysqlQueries.query;
import static dev.schemawarden.drift.internal.mysql.MysqlQueries.str;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.Column;
import dev.schemawarden.drift.api.SchemaSnapshot.Constraint;
import dev.schemawarden.drift.api.SchemaSnapshot.Index;
import dev.schemawarden.drift.api.SchemaSnapshot.Table;
import dev.schemawarden.drift.api.SchemaSnapshot.Trigger;
import dev.schemawarden.drift.api.SnapshotOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL or MariaDB database read into the same {@link SchemaSnapshot} as PostgreSQL's, from
 * {@code information_schema} only (no row data, no {@code SHOW CREATE}), in one consistent-snapshot READ ONLY
 * transaction. A MySQL schema is a database: the snapshot reads the connection's database ({@code --schemas} for
 * others). Definitions this reader writes (constraints, indexes, triggers) name objects of the same database
 * without it, and the server's own view definitions are stripped of it, so a replay in a sandbox database of another
 * name compares equal ({@link MysqlSnapshots#aligned}).
 */
public final class MysqlIntrospector {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlIntrospector.class);
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final List<String> SYSTEM =
      List.of("information_schema", "mysql", "performance_schema", "sys");

  /** The server settings that change what an ALTER does or how long it waits (both engines; absent ones skipped). */
  private static final List<String> SETTINGS =
      List.of(
          "alter_algorithm",
          "character_set_server",
          "collation_server",
          "default_storage_engine",
          "explicit_defaults_for_timestamp",
          "foreign_key_checks",
          "innodb_default_row_format",
          "innodb_file_per_table",
          "innodb_instant_alter_column_allowed",
          "innodb_lock_wait_timeout",
          "innodb_online_alter_log_max_size",
          "innodb_page_size",
          "lock_wait_timeout",
          "lower_case_table_names",
          "max_execution_time",
          "max_statement_time",
          "sql_mode");

  private MysqlIntrospector() {}

  /** Reads the schema through {@code c} (auto-commit and the session's statement limit restored afterwards). */
  public static SchemaSnapshot take(Connection c, SnapshotOptions options) {
    long t0 = System.nanoTime();
    try {
      String version = one(c, "SELECT VERSION()");
      String engine =
          version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? "mariadb" : "mysql";
      boolean autoCommit = c.getAutoCommit();
      // a bound when the caller set none (MariaDB seconds, MySQL milliseconds for SELECTs);
      // restored afterwards
      String limit = engine.equals("mariadb") ? "max_statement_time" : "max_execution_time";
      String before = one(c, "SELECT @@SESSION." + limit);
      c.setAutoCommit(true);
      try {
        if (Double.parseDouble(before) == 0) {
          exec(c, "SET SESSION " + limit + " = " + (engine.equals("mariadb") ? "60" : "60000"));
        }
        exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        exec(c, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        SchemaSnapshot s = read(c, engine, version, options);
        LOG.debug(
            "{} snapshot of {} tables read in {} ms",
            engine,
            s.tables().size(),
            (System.nanoTime() - t0) / 1_000_000);
        return s;
      } finally {
        quietly(c, "ROLLBACK");
        quietly(c, "SET SESSION " + limit + " = " + before);
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "reading the MySQL/MariaDB schema snapshot failed: "
              + e.getMessage()
              + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
              + "; check that the user has SELECT and SHOW VIEW on the database (see docs/snapshot-and-drift.md)",
          e);
    }
  }

  private static SchemaSnapshot read(
      Connection c, String engine, String version, SnapshotOptions options) throws SQLException {
    Instant takenAt = Instant.now();
    Optional<String> database = Optional.ofNullable(one(c, "SELECT DATABASE()"));
    List<String> schemas = schemas(c, options.schemas(), database);
    List<String> unreadable = new ArrayList<>();
    MysqlCatalog catalog = new MysqlCatalog(c, engine, schemas, unreadable);
    Map<String, String> settings = settings(c);
    database.ifPresent(d -> settings.put("database", d));
    List<Table> tables = tables(c, engine, schemas, catalog.triggers());
    var views = catalog.views();
    return new SchemaSnapshot(
        SchemaSnapshot.FORMAT_VERSION,
        takenAt,
        new SchemaSnapshot.Server(engine, version, versionNum(version), settings),
        schemas.stream()
            .map(s -> new SchemaSnapshot.Schema(s, "", List.of(), Optional.empty()))
            .toList(),
        List.of(),
        List.of(),
        List.of(),
        tables,
        MysqlCatalog.stripped(views),
        catalog.routines(),
        MysqlCatalog.dependencies(views, tables),
        options.statistics() ? catalog.statistics(takenAt) : SchemaSnapshot.Statistics.NONE,
        catalog.history(),
        unreadable);
  }

  /** {@code --schemas}, else the connection's database, else every database but the server's own. */
  private static List<String> schemas(Connection c, List<String> wanted, Optional<String> database)
      throws SQLException {
    List<String> out = new ArrayList<>();
    query(
        c,
        "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA",
        List.of(),
        rs -> out.add(rs.getString(1)));
    List<String> chosen =
        !wanted.isEmpty()
            ? out.stream().filter(wanted::contains).toList()
            : database.isPresent()
                ? out.stream().filter(database.get()::equals).toList()
                : out.stream()
                    .filter(s -> !SYSTEM.contains(s.toLowerCase(java.util.Locale.ROOT)))
                    .toList();
    return chosen.stream().sorted().toList();
  }

  private static Map<String, String> settings(Connection c) throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW SESSION VARIABLES")) {
      while (rs.next()) {
        if (SETTINGS.contains(rs.getString(1))) {
          out.put(rs.getString(1), str(rs, "Value"));
        }
      }
    }
    return out;
  }

  /** {@code 11.4.5-MariaDB} is 110405, {@code 8.0.36} is 80036 (the numbers of {@code /*!80029 ... *}{@code /}). */
  static int versionNum(String version) {
    Matcher m = VERSION.matcher(version);
    return m.find()
        ? Integer.parseInt(m.group(1)) * 10_000
            + Integer.parseInt(m.group(2)) * 100
            + Integer.parseInt(m.group(3))
        : 0;
  }

  private static List<Table> tables(
      Connection c, String engine, List<String> schemas, Map<String, List<Trigger>> triggers)
      throws SQLException {
    record Raw(
        String schema,
        String name,
        String collation,
        List<String> options,
        Optional<String> comment) {}
    List<Raw> raw = new ArrayList<>();
    query(
        c,
        "SELECT TABLE_SCHEMA, TABLE_NAME, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT"
            + " FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (%s) AND TABLE_TYPE IN ('BASE TABLE',"
            + " 'SYSTEM VERSIONED')",
        schemas,
        rs -> {
          List<String> options = new ArrayList<>();
          opt(rs, "ENGINE").ifPresent(e -> options.add("engine=" + e));
          opt(rs, "TABLE_COLLATION").ifPresent(e -> options.add("collation=" + e));
          opt(rs, "CREATE_OPTIONS").ifPresent(e -> options.add(e.strip()));
          raw.add(
              new Raw(
                  rs.getString(1),
                  rs.getString(2),
                  str(rs, "TABLE_COLLATION"),
                  options,
                  opt(rs, "TABLE_COMMENT")));
        });
    Map<String, String> collations = new LinkedHashMap<>();
    raw.forEach(r -> collations.put(key(r.schema(), r.name()), r.collation()));
    Map<String, List<Column>> columns = columns(c, schemas, collations);
    Map<String, List<Constraint>> constraints = constraints(c, engine, schemas);
    Map<String, List<Index>> indexes = indexes(c, engine, schemas, constraints);
    Map<String, String> partitions = partitionKeys(c, schemas);
    return raw.stream()
        .sorted(Comparator.comparing(Raw::schema).thenComparing(Raw::name))
        .map(
            r -> {
              String k = key(r.schema(), r.name());
              return new Table(
                  r.schema(),
                  r.name(),
                  partitions.containsKey(k) ? "partitioned_table" : "table",
                  "permanent",
                  Optional.ofNullable(partitions.get(k)),
                  Optional.empty(),
                  Optional.empty(),
                  r.options(),
                  "",
                  List.of(),
                  r.comment(),
                  columns.getOrDefault(k, List.of()),
                  sorted(constraints.get(k), Constraint::name),
                  sorted(indexes.get(k), Index::name),
                  sorted(triggers.get(k), Trigger::name));
            })
        .toList();
  }

  private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> name) {
    return items == null ? List.of() : items.stream().sorted(Comparator.comparing(name)).toList();
  }

  static String key(String schema, String table) {
    return schema + "\u0000" + table;
  }

  private static Map<String, List<Column>> columns(
      Connection c, List<String> schemas, Map<String, String> tableCollations) throws SQLException {
    Map<String, List<Column>> out = new LinkedHashMap<>();
    query(
        c,
        "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,"
            + " GENERATION_EXPRESSION, COLLATION_NAME, COLUMN_COMMENT FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA IN (%s) ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION",
        schemas,
        rs -> {
          String k = key(rs.getString(1), rs.getString(2));
          if (!tableCollations.containsKey(k)) {
            return; // a view's column
          }
          String extra = str(rs, "EXTRA").toLowerCase(java.util.Locale.ROOT);
          Optional<String> generated =
              opt(rs, "GENERATION_EXPRESSION")
                  .map(
                      g ->
                          g
                              + (extra.contains("stored") || extra.contains("persistent")
                                  ? " STORED"
                                  : " VIRTUAL"));
          Optional<String> onUpdate =
              Optional.of(extra)
                  .filter(e -> e.contains("on update"))
                  .map(e -> e.substring(e.indexOf("on update")).toUpperCase(java.util.Locale.ROOT));
          Optional<String> dflt =
              generated.isPresent()
                  ? Optional.empty()
                  : Optional.ofNullable(rs.getString("COLUMN_DEFAULT"));
          if (onUpdate.isPresent()) {
            dflt = Optional.of(dflt.orElse("NULL") + " " + onUpdate.get());
          }
          Optional<String> collation =
              opt(rs, "COLLATION_NAME").filter(x -> !x.equals(tableCollations.get(k)));
          out.computeIfAbsent(k, x -> new ArrayList<>())
              .add(
                  new Column(
                      rs.getString(3),
                      str(rs, "COLUMN_TYPE"),
                      str(rs, "IS_NULLABLE").equals("NO"),
                      dflt,
                      extra.contains("auto_increment")
                          ? Optional.of("auto_increment")
                          : Optional.empty(),
                      generated,
                      collation,
                      opt(rs, "COLUMN_COMMENT")));
        });
    return out;
  }

  private static Map<String, List<Constraint>> constraints(
      Connection c, String engine, List<String> schemas) throws SQLException {
    record Key(String schema, String table, String name) {}
    Map<Key, String> types = new LinkedHashMap<>();
    query(
        c,
        "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM"
            + " information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (%s)",
        schemas,
        rs ->
            types.put(new Key(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4)));
    Map<Key, List<String>> columns = new LinkedHashMap<>();
    Map<Key, List<String>> referenced = new LinkedHashMap<>();
    Map<Key, String> target = new LinkedHashMap<>();
    query(
        c,
        "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,"
            + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
            + " WHERE CONSTRAINT_SCHEMA IN (%s) ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME,"
            + " ORDINAL_POSITION",
        schemas,
        rs -> {
          Key k = new Key(rs.getString(1), rs.getString(2), rs.getString(3));
          columns.computeIfAbsent(k, x -> new ArrayList<>()).add(q(rs.getString(4)));
          if (rs.getString(6) != null) {
            referenced.computeIfAbsent(k, x -> new ArrayList<>()).add(q(rs.getString(7)));
            String schema = rs.getString(5);
            target.put(k, (schema.equals(k.schema()) ? "" : q(schema) + ".") + q(rs.getString(6)));
          }
        });
    Map<String, String> rules = new LinkedHashMap<>();
    query(
        c,
        "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM"
            + " information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (%s)",
        schemas,
        rs ->
            rules.put(
                rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3),
                " ON UPDATE " + rs.getString(4) + " ON DELETE " + rs.getString(5)));
    Map<Key, String> checks = new LinkedHashMap<>();
    // MariaDB names the table (a column's CHECK is named after the column); MySQL's check names are
    // per database
    query(
        c,
        engine.equals("mariadb")
            ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM"
                + " information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (%s)"
            : "SELECT k.CONSTRAINT_SCHEMA, t.TABLE_NAME, k.CONSTRAINT_NAME, k.CHECK_CLAUSE FROM"
                + " information_schema.CHECK_CONSTRAINTS k JOIN information_schema.TABLE_CONSTRAINTS t ON"
                + " t.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND"
                + " t.CONSTRAINT_TYPE = 'CHECK' WHERE k.CONSTRAINT_SCHEMA IN (%s)",
        schemas,
        rs ->
            checks.put(
                new Key(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4)));
    Map<String, List<Constraint>> out = new LinkedHashMap<>();
    types.forEach(
        (k, type) -> {
          String cols = "(" + String.join(", ", columns.getOrDefault(k, List.of())) + ")";
          String definition;
          String kind;
          switch (type) {
            case "PRIMARY KEY" -> {
              kind = "primary_key";
              definition = "PRIMARY KEY " + cols;
            }
            case "UNIQUE" -> {
              kind = "unique";
              definition = "UNIQUE " + cols;
            }
            case "FOREIGN KEY" -> {
              kind = "foreign_key";
              definition =
                  "FOREIGN KEY "
                      + cols
                      + " REFERENCES "
                      + target.getOrDefault(k, "?")
                      + " ("
                      + String.join(", ", referenced.getOrDefault(k, List.of()))
                      + ")"
                      + rules.getOrDefault(
                          k.schema() + "\u0000" + k.table() + "\u0000" + k.name(), "");
            }
            default -> {
              kind = "check";
              definition = "CHECK (" + checks.getOrDefault(k, "") + ")";
            }
          }
          out.computeIfAbsent(key(k.schema(), k.table()), x -> new ArrayList<>())
              .add(new Constraint(k.name(), kind, definition, true, Optional.empty()));
        });
    return out;
  }

  private static Map<String, List<Index>> indexes(
      Connection c, String engine, List<String> schemas, Map<String, List<Constraint>> constraints)
      throws SQLException {
    record Part(
        String schema,
        String table,
        String name,
        boolean unique,
        String type,
        String column,
        String expression,
        long subPart,
        String order,
        boolean hidden) {}
    List<Part> parts = new ArrayList<>();
    // MySQL 8 has functional key parts (EXPRESSION) and IS_VISIBLE; MariaDB has IGNORED (10.6+)
    String extra =
        engine.equals("mariadb")
            ? "NULL AS EXPRESSION, IGNORED = 'YES' AS HIDDEN"
            : "EXPRESSION, IS_VISIBLE = 'NO' AS HIDDEN";
    query(
        c,
        "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME, SUB_PART,"
            + " COLLATION, "
            + extra
            + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (%s)"
            + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
        schemas,
        rs ->
            parts.add(
                new Part(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getInt(4) == 0,
                    str(rs, "INDEX_TYPE"),
                    rs.getString(6),
                    rs.getString("EXPRESSION"),
                    rs.getLong(7),
                    rs.getString(8),
                    rs.getBoolean("HIDDEN"))));
    Map<String, List<Part>> byIndex = new LinkedHashMap<>();
    parts.forEach(
        p ->
            byIndex
                .computeIfAbsent(
                    key(p.schema(), p.table()) + "\u0000" + p.name(), x -> new ArrayList<>())
                .add(p));
    Map<String, List<Index>> out = new LinkedHashMap<>();
    for (List<Part> index : byIndex.values()) {
      Part first = index.get(0);
      List<String> keyParts = new ArrayList<>();
      for (Part p : index) {
        String part = p.column() != null ? q(p.column()) : "(" + p.expression() + ")";
        keyParts.add(
            part
                + (p.subPart() > 0 ? "(" + p.subPart() + ")" : "")
                + ("D".equals(p.order()) ? " DESC" : ""));
      }
      String k = key(first.schema(), first.table());
      boolean primary = first.name().equals("PRIMARY");
      String kind =
          primary
              ? "PRIMARY KEY"
              : first.type().equals("FULLTEXT")
                  ? "FULLTEXT INDEX"
                  : first.type().equals("SPATIAL")
                      ? "SPATIAL INDEX"
                      : first.unique() ? "UNIQUE INDEX" : "INDEX";
      String definition =
          primary
              ? "PRIMARY KEY (" + String.join(", ", keyParts) + ")"
              : "CREATE "
                  + kind
                  + " "
                  + q(first.name())
                  + " ON "
                  + q(first.table())
                  + " ("
                  + String.join(", ", keyParts)
                  + ")"
                  + (List.of("BTREE", "FULLTEXT", "SPATIAL").contains(first.type())
                      ? ""
                      : " USING " + first.type())
                  + (first.hidden() ? " INVISIBLE" : "");
      boolean backs =
          primary
              || constraints.getOrDefault(k, List.of()).stream()
                  .anyMatch(x -> x.type().equals("unique") && x.name().equals(first.name()));
      out.computeIfAbsent(k, x -> new ArrayList<>())
          .add(
              new Index(
                  first.name(), definition, true, true, backs, Optional.empty(), Optional.empty()));
    }
    return out;
  }

  private static Map<String, String> partitionKeys(Connection c, List<String> schemas)
      throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    query(
        c,
        "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME, PARTITION_METHOD, PARTITION_EXPRESSION FROM"
            + " information_schema.PARTITIONS WHERE TABLE_SCHEMA IN (%s) AND PARTITION_NAME IS NOT NULL",
        schemas,
        rs ->
            out.put(
                key(rs.getString(1), rs.getString(2)),
                str(rs, "PARTITION_METHOD") + " (" + str(rs, "PARTITION_EXPRESSION") + ")"));
    return out;
  }

  static String one(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static void quietly(Connection c, String sql) {
    try {
      exec(c, sql);
    } catch (SQLException e) {
      LOG.debug("after the snapshot, {} failed: {}", sql, e.getMessage());
    }
  }
}
