package dev.schemawarden.drift.api;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The structure of one PostgreSQL database as its catalogs describe it, read in one REPEATABLE READ READ ONLY
 * transaction: no row data, no secrets. Object definitions are the server's own {@code pg_get_*def} output, read
 * with {@code search_path = pg_catalog} so every name in them is schema-qualified. Lists are sorted by name, so a
 * snapshot diffs cleanly in git. Fields that hold SQL (definitions, types, defaults, {@code ownedBy},
 * {@code partitionOf}) are written as the server would accept them; plain names are unquoted.
 *
 * @param formatVersion version of the JSON format ({@link #FORMAT_VERSION}); readers refuse newer ones
 * @param takenAt when the snapshot transaction started
 * @param unreadable what the snapshot role could not read, one line each, naming the GRANT that would fix it
 */
public record SchemaSnapshot(
    int formatVersion,
    Instant takenAt,
    Server server,
    List<Schema> schemas,
    List<Extension> extensions,
    List<TypeDef> types,
    List<Sequence> sequences,
    List<Table> tables,
    List<View> views,
    List<Routine> routines,
    List<Dependency> dependencies,
    Statistics statistics,
    List<AppliedMigration> history,
    List<String> unreadable) {

  public static final int FORMAT_VERSION = 1;

  public SchemaSnapshot {
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(server, "server");
    schemas = List.copyOf(schemas);
    extensions = List.copyOf(extensions);
    types = List.copyOf(types);
    sequences = List.copyOf(sequences);
    tables = List.copyOf(tables);
    views = List.copyOf(views);
    routines = List.copyOf(routines);
    dependencies = List.copyOf(dependencies);
    Objects.requireNonNull(statistics, "statistics");
    history = List.copyOf(history);
    unreadable = List.copyOf(unreadable);
  }

  /** The schema alone: no time, statistics, history rows or unreadable notes (what a round trip must keep). */
  public SchemaSnapshot structure() {
    return new SchemaSnapshot(
        formatVersion,
        Instant.EPOCH,
        server,
        schemas,
        extensions,
        types,
        sequences,
        tables,
        views,
        routines,
        dependencies,
        Statistics.NONE,
        List.of(),
        List.of());
  }

  /**
   * Every table and column comment by object ({@code schema.table}, {@code schema.table.column}), sorted: where
   * {@code @pii}-style context tags written in the database come from.
   */
  public java.util.SortedMap<String, String> comments() {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    for (Table t : tables) {
      t.comment().ifPresent(c -> out.put(t.qualified(), c));
      t.columns()
          .forEach(
              c -> c.comment().ifPresent(text -> out.put(t.qualified() + "." + c.name(), text)));
    }
    return java.util.Collections.unmodifiableSortedMap(out);
  }

  /** The table {@code schema.name}, if the snapshot has it. */
  public Optional<Table> table(String schema, String name) {
    return tables.stream()
        .filter(t -> t.schema().equals(schema) && t.name().equals(name))
        .findFirst();
  }

  /** The engine that wrote the snapshot: {@code postgresql}, {@code mysql} or {@code mariadb}. */
  public String engine() {
    return server.engine();
  }

  /**
   * @param engine {@code postgresql}, {@code mysql} or {@code mariadb} (the JSON's top-level {@code engine})
   * @param version {@code server_version}, e.g. {@code 17.7}; MySQL/MariaDB {@code VERSION()}, e.g.
   *     {@code 11.4.5-MariaDB}
   * @param versionNum {@code server_version_num}, e.g. {@code 170007}; MySQL/MariaDB major * 10000 + minor * 100 +
   *     patch, as in their {@code /*!80029 ... *}{@code /} comments, e.g. {@code 110405}
   * @param settings settings that change how DDL behaves or locks (sorted by name)
   */
  public record Server(
      String engine, String version, int versionNum, Map<String, String> settings) {
    public static final List<String> ENGINES = List.of("postgresql", "mysql", "mariadb");

    public Server {
      Objects.requireNonNull(engine, "engine");
      if (!ENGINES.contains(engine)) {
        throw new IllegalArgumentException("engine " + engine + " is not one of " + ENGINES);
      }
      Objects.requireNonNull(version, "version");
      settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** A PostgreSQL server. */
    public Server(String version, int versionNum, Map<String, String> settings) {
      this("postgresql", version, versionNum, settings);
    }

    /** True for MySQL and MariaDB, whose schemas are databases and whose definitions use backticks. */
    public boolean mysqlFamily() {
      return !engine.equals("postgresql");
    }
  }

  public record Schema(String name, String owner, List<String> acl, Optional<String> comment) {
    public Schema {
      acl = List.copyOf(acl);
    }
  }

  public record Extension(String name, String schema, String version) {}

  /**
   * An enum, a domain or a composite type.
   *
   * @param kind {@code enum}, {@code domain} or {@code composite}
   * @param labels enum labels in sort order
   * @param baseType domain: the base type (SQL)
   * @param defaultExpr domain: its default (SQL)
   * @param constraints domain: its CHECK constraints
   * @param attributes composite: its attributes
   */
  public record TypeDef(
      String schema,
      String name,
      String kind,
      List<String> labels,
      Optional<String> baseType,
      Optional<String> defaultExpr,
      boolean notNull,
      List<Constraint> constraints,
      List<Column> attributes,
      String owner,
      Optional<String> comment) {
    public TypeDef {
      labels = List.copyOf(labels);
      constraints = List.copyOf(constraints);
      attributes = List.copyOf(attributes);
    }

    public String qualified() {
      return schema + "." + name;
    }
  }

  /** A sequence that is not an identity column's; {@code ownedBy} is {@code schema.table.column} as SQL. */
  public record Sequence(
      String schema,
      String name,
      String dataType,
      long start,
      long increment,
      long min,
      long max,
      long cache,
      boolean cycle,
      Optional<String> ownedBy,
      String owner,
      List<String> acl,
      Optional<String> comment) {
    public Sequence {
      acl = List.copyOf(acl);
    }

    public String qualified() {
      return schema + "." + name;
    }
  }

  /**
   * A table (plain or partitioned) with what hangs off it.
   *
   * @param kind {@code table} or {@code partitioned_table}
   * @param persistence {@code permanent} or {@code unlogged}
   * @param partitionKey {@code pg_get_partkeydef}, e.g. {@code RANGE (at)}
   * @param partitionOf the parent of a partition (SQL)
   * @param partitionBound e.g. {@code FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')}
   */
  public record Table(
      String schema,
      String name,
      String kind,
      String persistence,
      Optional<String> partitionKey,
      Optional<String> partitionOf,
      Optional<String> partitionBound,
      List<String> options,
      String owner,
      List<String> acl,
      Optional<String> comment,
      List<Column> columns,
      List<Constraint> constraints,
      List<Index> indexes,
      List<Trigger> triggers) {
    public Table {
      options = List.copyOf(options);
      acl = List.copyOf(acl);
      columns = List.copyOf(columns);
      constraints = List.copyOf(constraints);
      indexes = List.copyOf(indexes);
      triggers = List.copyOf(triggers);
    }

    public String qualified() {
      return schema + "." + name;
    }

    public Optional<Column> column(String columnName) {
      return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
  }

  /**
   * A column in position order.
   *
   * @param type {@code format_type(atttypid, atttypmod)}
   * @param identity {@code always} or {@code by_default}
   * @param generated the expression of a {@code GENERATED ALWAYS AS (...) STORED} column
   * @param collation set only when it differs from the type's default
   */
  public record Column(
      String name,
      String type,
      boolean notNull,
      Optional<String> defaultExpr,
      Optional<String> identity,
      Optional<String> generated,
      Optional<String> collation,
      Optional<String> comment) {}

  /**
   * @param type {@code primary_key}, {@code unique}, {@code exclusion}, {@code check} or {@code foreign_key}
   * @param definition {@code pg_get_constraintdef} (ends with {@code NOT VALID} when not validated)
   */
  public record Constraint(
      String name, String type, String definition, boolean validated, Optional<String> comment) {}

  /**
   * @param definition {@code pg_get_indexdef}
   * @param backsConstraint created by a primary key, unique or exclusion constraint
   * @param attachedTo a partition's index attached to its parent table's index: that index (SQL)
   */
  public record Index(
      String name,
      String definition,
      boolean valid,
      boolean ready,
      boolean backsConstraint,
      Optional<String> attachedTo,
      Optional<String> comment) {}

  /** {@code enabled} is {@code pg_trigger.tgenabled}: O (origin, default), D (disabled), R (replica), A (always). */
  public record Trigger(String name, String definition, String enabled) {}

  /** A view or materialized view; {@code definition} is {@code pg_get_viewdef}. */
  public record View(
      String schema,
      String name,
      boolean materialized,
      String definition,
      List<String> options,
      String owner,
      List<String> acl,
      Optional<String> comment,
      List<Index> indexes) {
    public View {
      options = List.copyOf(options);
      acl = List.copyOf(acl);
      indexes = List.copyOf(indexes);
    }

    public String qualified() {
      return schema + "." + name;
    }
  }

  /**
   * A function or procedure.
   *
   * @param arguments {@code pg_get_function_identity_arguments}
   * @param kind {@code function}, {@code procedure} or {@code window}
   * @param definition {@code pg_get_functiondef}; empty when the role could not read it (see unreadable)
   */
  public record Routine(
      String schema,
      String name,
      String arguments,
      String kind,
      Optional<String> definition,
      String owner,
      List<String> acl,
      Optional<String> comment) {
    public Routine {
      acl = List.copyOf(acl);
    }

    /** {@code schema.name(arguments)}: unique among routines. */
    public String signature() {
      return schema + "." + name + "(" + arguments + ")";
    }
  }

  /**
   * A view's dependency (from {@code pg_depend} through {@code pg_rewrite}) on a relation or one of its columns.
   *
   * @param dependent {@code schema.view}
   * @param dependentKind {@code view} or {@code materialized_view}
   * @param referenced {@code schema.relation}
   * @param column the referenced column; empty for a dependency on the whole relation
   */
  public record Dependency(
      String dependent, String dependentKind, String referenced, Optional<String> column) {}

  /**
   * Per relation statistics, when they were read, and since when the cumulative counters ({@code n_tup_*},
   * scans) have been counting ({@code pg_stat_database.stats_reset}, else the server's start): their quotient is a
   * rate.
   */
  public record Statistics(
      Optional<Instant> readAt, List<RelationStats> relations, Optional<Instant> countersSince) {
    public static final Statistics NONE =
        new Statistics(Optional.empty(), List.of(), Optional.empty());

    public Statistics {
      relations = List.copyOf(relations);
      java.util.Objects.requireNonNull(countersSince, "countersSince");
    }

    /** Without the counters' start (snapshots written before it was recorded). */
    public Statistics(Optional<Instant> readAt, List<RelationStats> relations) {
      this(readAt, relations, Optional.empty());
    }

    /**
     * Inserts + updates + deletes per second of {@code r} over the counters' lifetime, or 0 when the period is
     * unknown: an average, so a table written in bursts may be hotter than it says.
     */
    public double writesPerSecond(RelationStats r) {
      if (readAt.isEmpty() || countersSince.isEmpty()) {
        return 0;
      }
      double seconds =
          java.time.Duration.between(countersSince.get(), readAt.get()).toMillis() / 1000.0;
      return seconds < 1
          ? 0
          : ((double) r.inserts() + r.updates() + r.deletes()) / seconds; // no long overflow
    }
  }

  /**
   * @param relation {@code schema.name}
   * @param totalBytes {@code pg_total_relation_size}
   * @param indexBytes {@code pg_indexes_size}
   */
  public record RelationStats(
      String relation,
      String kind,
      long totalBytes,
      long indexBytes,
      long pages,
      double tuples,
      long inserts,
      long updates,
      long deletes,
      long seqScans,
      long idxScans) {}

  /**
   * One row of Flyway's {@code flyway_schema_history} or Liquibase's {@code databasechangelog}.
   *
   * @param tool {@code flyway} or {@code liquibase}
   * @param order Flyway installed_rank, Liquibase orderexecuted
   * @param id Flyway version (empty for repeatables), Liquibase {@code id::author}
   * @param script Flyway script, Liquibase filename
   * @param checksum Flyway checksum (a CRC32 as a signed int), Liquibase md5sum
   * @param type Flyway type (SQL, BASELINE...), Liquibase exectype
   */
  public record AppliedMigration(
      String tool,
      int order,
      Optional<String> id,
      String description,
      String script,
      Optional<String> checksum,
      boolean success,
      String type) {}
}
