package dev.schemawarden.drift.internal.mysql;

import static dev.schemawarden.drift.internal.mysql.MysqlQueries.opt;
import static dev.schemawarden.drift.internal.mysql.MysqlQueries.q;
import static dev.schemawarden.drift.internal.mysql.MysqlQueries.query;
import static dev.schemawarden.drift.internal.mysql.MysqlQueries.str;

import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.SchemaSnapshot.AppliedMigration;
import dev.schemawarden.drift.api.SchemaSnapshot.Dependency;
import dev.schemawarden.drift.api.SchemaSnapshot.RelationStats;
import dev.schemawarden.drift.api.SchemaSnapshot.Routine;
import dev.schemawarden.drift.api.SchemaSnapshot.Table;
import dev.schemawarden.drift.api.SchemaSnapshot.Trigger;
import dev.schemawarden.drift.api.SchemaSnapshot.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The MySQL/MariaDB catalog reads other than tables: triggers, views and what they use, routines, sizes, history. */
final class MysqlCatalog {
  /** What {@code information_schema} hides from a user without the privilege, and the GRANT that shows it. */
  static final String TRIGGERS_UNREADABLE =
      "triggers: information_schema.TRIGGERS lists only tables the user has"
          + " the TRIGGER privilege on (GRANT TRIGGER ON `<database>`.* TO <snapshot user>); triggers are not compared";

  /** Without one of these, information_schema.ROUTINES lists no routine at all. */
  private static final List<String> ROUTINE_PRIVILEGES =
      List.of("SHOW CREATE ROUTINE", "SHOW_ROUTINE", "EXECUTE", "ALTER ROUTINE", "CREATE ROUTINE");

  static final String ROUTINES_UNREADABLE =
      "routines: information_schema.ROUTINES lists none without a routine"
          + " privilege (GRANT SHOW CREATE ROUTINE ON `<database>`.* on MariaDB 11.3+, GRANT SHOW_ROUTINE ON *.* on"
          + " MySQL 8.0.20+); routines are not compared";

  private final Connection c;
  private final String engine;
  private final List<String> schemas;
  private final List<String> unreadable;

  MysqlCatalog(Connection c, String engine, List<String> schemas, List<String> unreadable) {
    this.c = c;
    this.engine = engine;
    this.schemas = schemas;
    this.unreadable = unreadable;
  }

  /** Per table ({@link MysqlIntrospector#key}); a user without the TRIGGER privilege sees none, which is noted. */
  Map<String, List<Trigger>> triggers() throws SQLException {
    Map<String, List<Trigger>> out = new LinkedHashMap<>();
    query(
        c,
        "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_TIMING,"
            + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (%s)",
        schemas,
        rs ->
            out.computeIfAbsent(
                    MysqlIntrospector.key(rs.getString(1), rs.getString(4)), k -> new ArrayList<>())
                .add(
                    new Trigger(
                        rs.getString(2),
                        "CREATE TRIGGER "
                            + q(rs.getString(2))
                            + " "
                            + rs.getString(5)
                            + " "
                            + rs.getString(3)
                            + " ON "
                            + q(rs.getString(4))
                            + " FOR EACH ROW "
                            + stripSchema(str(rs, "ACTION_STATEMENT"), rs.getString(1)),
                        "O")));
    if (!hasPrivilege(List.of("TRIGGER"))) {
      unreadable.add(TRIGGERS_UNREADABLE);
    }
    return out;
  }

  /**
   * True when the user holds one of {@code privileges} globally or on every snapshotted database, as
   * information_schema lists the user's own privileges.
   */
  private boolean hasPrivilege(List<String> privileges) throws SQLException {
    Set<String> on = new LinkedHashSet<>();
    String marks = String.join(", ", java.util.Collections.nCopies(privileges.size(), "?"));
    List<String> params = new ArrayList<>(privileges);
    params.addAll(privileges);
    query(
        c,
        "SELECT '*' FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE IN ("
            + marks
            + ")"
            + " UNION SELECT TABLE_SCHEMA FROM information_schema.SCHEMA_PRIVILEGES WHERE PRIVILEGE_TYPE IN ("
            + marks
            + ")",
        List.of(),
        rs -> on.add(rs.getString(1)),
        params.toArray(String[]::new));
    return on.contains("*") || on.containsAll(schemas);
  }

  List<View> views() throws SQLException {
    List<View> out = new ArrayList<>();
    query(
        c,
        "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, DEFINER FROM"
            + " information_schema.VIEWS WHERE TABLE_SCHEMA IN (%s)",
        schemas,
        rs -> {
          String definition = str(rs, "VIEW_DEFINITION");
          if (definition.isEmpty()) {
            unreadable.add(
                "view "
                    + rs.getString(1)
                    + "."
                    + rs.getString(2)
                    + " definition: GRANT SHOW VIEW ON "
                    + q(rs.getString(1))
                    + ".* TO <snapshot user>");
          }
          List<String> options = new ArrayList<>();
          opt(rs, "CHECK_OPTION")
              .filter(o -> !o.equals("NONE"))
              .ifPresent(o -> options.add("check_option=" + o));
          opt(rs, "SECURITY_TYPE").ifPresent(o -> options.add("security=" + o));
          // the raw text stays for dependencies(); the stored one drops this database's name
          out.add(
              new View(
                  rs.getString(1),
                  rs.getString(2),
                  false,
                  definition,
                  options,
                  str(rs, "DEFINER"),
                  List.of(),
                  Optional.empty(),
                  List.of()));
        });
    out.sort(Comparator.comparing(View::schema).thenComparing(View::name));
    return out;
  }

  /**
   * Which view uses which table or view and which of its columns, read from the server's normalised definition
   * (it writes every reference as {@code `db`.`t`} and every column as {@code `t`.`c`} or {@code `alias`.`c`});
   * then the definitions are stripped of their own database's name. MySQL 8's VIEW_TABLE_USAGE has no columns
   * and MariaDB has no such view, so one text reading serves both.
   */
  static List<Dependency> dependencies(List<View> views, List<Table> tables) {
    Map<String, List<String>> relations = new LinkedHashMap<>();
    tables.forEach(
        t ->
            relations.put(
                t.schema() + "." + t.name(),
                t.columns().stream().map(SchemaSnapshot.Column::name).toList()));
    views.forEach(v -> relations.put(v.schema() + "." + v.name(), List.of()));
    List<Dependency> out = new ArrayList<>();
    for (View v : views) {
      String def = v.definition();
      for (Table t : tables) {
        String ref = q(t.schema()) + "." + q(t.name());
        if (!def.contains(ref)) {
          continue;
        }
        Set<String> names = new LinkedHashSet<>(List.of(q(t.name())));
        Matcher alias =
            Pattern.compile(
                    Pattern.quote(ref) + "\\s+(?:AS\\s+)?(`(?:[^`]|``)+`)",
                    Pattern.CASE_INSENSITIVE)
                .matcher(def);
        while (alias.find()) {
          names.add(alias.group(1));
        }
        out.add(
            new Dependency(
                v.schema() + "." + v.name(),
                "view",
                t.schema() + "." + t.name(),
                Optional.empty()));
        for (String col : relations.get(t.schema() + "." + t.name())) {
          if (names.stream().anyMatch(n -> def.contains(n + "." + q(col)))) {
            out.add(
                new Dependency(
                    v.schema() + "." + v.name(),
                    "view",
                    t.schema() + "." + t.name(),
                    Optional.of(col)));
          }
        }
      }
      for (View other : views) {
        if (other != v && def.contains(q(other.schema()) + "." + q(other.name()))) {
          out.add(
              new Dependency(
                  v.schema() + "." + v.name(),
                  "view",
                  other.schema() + "." + other.name(),
                  Optional.empty()));
        }
      }
    }
    out.sort(
        Comparator.comparing(Dependency::dependent)
            .thenComparing(Dependency::referenced)
            .thenComparing(d -> d.column().orElse("")));
    return out;
  }

  /** The view definitions as the snapshot keeps them: without their own database's name. */
  static List<View> stripped(List<View> views) {
    return views.stream()
        .map(
            v ->
                new View(
                    v.schema(),
                    v.name(),
                    v.materialized(),
                    stripSchema(v.definition(), v.schema()),
                    v.options(),
                    v.owner(),
                    v.acl(),
                    v.comment(),
                    v.indexes()))
        .toList();
  }

  /** {@code `shop`.`t`} becomes {@code `t`} in a definition of database {@code shop}. */
  static String stripSchema(String definition, String schema) {
    return definition.replace(q(schema) + ".", "");
  }

  /** Functions and procedures; the body is empty (noted) where the user may not read it. */
  List<Routine> routines() throws SQLException {
    if (!hasPrivilege(ROUTINE_PRIVILEGES)) {
      unreadable.add(ROUTINES_UNREADABLE);
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    Map<String, String> returns = new LinkedHashMap<>();
    query(
        c,
        "SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME,"
            + " DTD_IDENTIFIER FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA IN (%s)"
            + " ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ORDINAL_POSITION",
        schemas,
        rs -> {
          String k = rs.getString(1) + "\u0000" + rs.getString(2);
          if (rs.getInt(3) == 0) {
            returns.put(k, str(rs, "DTD_IDENTIFIER"));
          } else {
            params
                .computeIfAbsent(k, x -> new ArrayList<>())
                .add(
                    opt(rs, "PARAMETER_MODE").map(m -> m + " ").orElse("")
                        + q(str(rs, "PARAMETER_NAME"))
                        + " "
                        + str(rs, "DTD_IDENTIFIER"));
          }
        });
    List<Routine> out = new ArrayList<>();
    query(
        c,
        "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, ROUTINE_COMMENT, DEFINER"
            + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN (%s)",
        schemas,
        rs -> {
          String k = rs.getString(1) + "\u0000" + rs.getString(2);
          String kind = str(rs, "ROUTINE_TYPE").toLowerCase(Locale.ROOT);
          String args = String.join(", ", params.getOrDefault(k, List.of()));
          Optional<String> body = Optional.ofNullable(rs.getString("ROUTINE_DEFINITION"));
          if (body.isEmpty()) {
            unreadable.add(
                kind
                    + " "
                    + rs.getString(1)
                    + "."
                    + rs.getString(2)
                    + " body: "
                    + (engine.equals("mysql")
                        ? "GRANT SHOW_ROUTINE ON *.* TO <snapshot user> (MySQL 8.0.20+)"
                        : "GRANT SHOW CREATE ROUTINE ON "
                            + q(rs.getString(1))
                            + ".* TO <snapshot user> (MariaDB 11.3+)"));
          }
          String schema = rs.getString(1);
          String name = rs.getString(2);
          out.add(
              new Routine(
                  schema,
                  name,
                  args,
                  kind,
                  body.map(
                      b ->
                          "CREATE "
                              + kind.toUpperCase(Locale.ROOT)
                              + " "
                              + q(name)
                              + "("
                              + args
                              + ")"
                              + (returns.containsKey(k) ? " RETURNS " + returns.get(k) : "")
                              + "\n"
                              + stripSchema(b, schema)),
                  str(rs, "DEFINER"),
                  List.of(),
                  opt(rs, "ROUTINE_COMMENT")));
        });
    out.sort(Comparator.comparing(Routine::signature));
    return out;
  }

  /**
   * Sizes and rows of every table from information_schema.TABLES (InnoDB's estimates: DATA_LENGTH is the clustered
   * index, so pages are DATA_LENGTH / innodb_page_size), and, where performance_schema is on and the user may read
   * it, the rows inserted, updated and deleted per table since the server started (its uptime is the counters'
   * window, as PostgreSQL's stats_reset is). Without them the counters are 0 and no window is recorded.
   */
  SchemaSnapshot.Statistics statistics(Instant readAt) throws SQLException {
    long pageSize =
        Long.parseLong(
            Optional.ofNullable(MysqlIntrospector.one(c, "SELECT @@innodb_page_size"))
                .orElse("16384"));
    Optional<Map<String, long[]>> writes = writeCounters();
    List<RelationStats> out = new ArrayList<>();
    query(
        c,
        "SELECT TABLE_SCHEMA, TABLE_NAME, DATA_LENGTH, INDEX_LENGTH, TABLE_ROWS FROM information_schema.TABLES"
            + " WHERE TABLE_SCHEMA IN (%s) AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')",
        schemas,
        rs -> {
          String relation = rs.getString(1) + "." + rs.getString(2);
          long[] w = writes.map(m -> m.get(relation)).orElse(new long[3]);
          out.add(
              new RelationStats(
                  relation,
                  "table",
                  rs.getLong(3) + rs.getLong(4),
                  rs.getLong(4),
                  rs.getLong(3) / Math.max(1, pageSize),
                  rs.getLong(5),
                  w[0],
                  w[1],
                  w[2],
                  0,
                  0));
        });
    out.sort(Comparator.comparing(RelationStats::relation));
    Optional<Instant> since =
        writes.isEmpty() ? Optional.empty() : uptime().map(readAt::minusSeconds);
    return new SchemaSnapshot.Statistics(Optional.of(readAt), out, since);
  }

  /**
   * performance_schema.table_io_waits_summary_by_table's row counts by {@code schema.table}: empty when
   * performance_schema is off (MariaDB's default) or the user may not read it, which is no error.
   */
  private Optional<Map<String, long[]>> writeCounters() {
    try {
      if (!"1".equals(MysqlIntrospector.one(c, "SELECT @@performance_schema"))) {
        return Optional.empty();
      }
      Map<String, long[]> out = new LinkedHashMap<>();
      query(
          c,
          "SELECT OBJECT_SCHEMA, OBJECT_NAME, COUNT_INSERT, COUNT_UPDATE, COUNT_DELETE FROM"
              + " performance_schema.table_io_waits_summary_by_table WHERE OBJECT_TYPE = 'TABLE' AND OBJECT_SCHEMA IN"
              + " (%s)",
          schemas,
          rs ->
              out.put(
                  rs.getString(1) + "." + rs.getString(2),
                  new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)}));
      return Optional.of(out);
    } catch (SQLException e) {
      return Optional.empty(); // no SELECT on performance_schema: sizes only, as without it
    }
  }

  /** Seconds since the server started: what performance_schema's counters cover. */
  private Optional<Long> uptime() throws SQLException {
    List<Long> out = new ArrayList<>();
    query(c, "SHOW GLOBAL STATUS LIKE 'Uptime'", List.of(), rs -> out.add(rs.getLong(2)));
    return out.stream().findFirst();
  }

  /** Flyway's flyway_schema_history and Liquibase's DATABASECHANGELOG rows (any letter case: MySQL keeps it). */
  List<AppliedMigration> history() throws SQLException {
    record HistoryTable(String schema, String name) {}
    List<HistoryTable> tables = new ArrayList<>();
    query(
        c,
        "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (%s) AND"
            + " LOWER(TABLE_NAME) IN ('flyway_schema_history', 'databasechangelog') ORDER BY TABLE_SCHEMA, TABLE_NAME",
        schemas,
        rs -> tables.add(new HistoryTable(rs.getString(1), rs.getString(2))));
    List<AppliedMigration> out = new ArrayList<>();
    for (HistoryTable t : tables) {
      String table = q(t.schema()) + "." + q(t.name());
      try {
        if (t.name().equalsIgnoreCase("flyway_schema_history")) {
          query(
              c,
              "SELECT installed_rank, version, description, type, script, CAST(checksum AS CHAR) AS checksum,"
                  + " success FROM "
                  + table
                  + " ORDER BY installed_rank",
              List.of(),
              rs ->
                  out.add(
                      new AppliedMigration(
                          "flyway",
                          rs.getInt("installed_rank"),
                          Optional.ofNullable(rs.getString("version")),
                          str(rs, "description"),
                          str(rs, "script"),
                          Optional.ofNullable(rs.getString("checksum")),
                          rs.getBoolean("success"),
                          str(rs, "type"))));
        } else {
          query(
              c,
              "SELECT ID, AUTHOR, FILENAME, MD5SUM, ORDEREXECUTED, EXECTYPE, DESCRIPTION FROM "
                  + table
                  + " ORDER BY ORDEREXECUTED, ID",
              List.of(),
              rs -> {
                String type = str(rs, "EXECTYPE");
                out.add(
                    new AppliedMigration(
                        "liquibase",
                        rs.getInt("ORDEREXECUTED"),
                        Optional.of(rs.getString("ID") + "::" + rs.getString("AUTHOR")),
                        str(rs, "DESCRIPTION"),
                        str(rs, "FILENAME"),
                        Optional.ofNullable(rs.getString("MD5SUM")),
                        !type.equals("FAILED") && !type.equals("SKIPPED"),
                        type));
              });
        }
      } catch (SQLException e) {
        unreadable.add(
            t.schema()
                + "."
                + t.name()
                + " rows: "
                + e.getMessage()
                + " (GRANT SELECT ON "
                + table
                + " TO <snapshot user>)");
      }
    }
    return out;
  }
}
