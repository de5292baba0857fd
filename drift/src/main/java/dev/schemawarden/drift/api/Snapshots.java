package dev.schemawarden.drift.api;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.internal.diff.MigrationDrift;
import dev.schemawarden.drift.internal.diff.RelevantDrift;
import dev.schemawarden.drift.internal.diff.SchemaDiff;
import dev.schemawarden.drift.internal.mysql.MysqlIntrospector;
import dev.schemawarden.drift.internal.snapshot.DdlRenderer;
import dev.schemawarden.drift.internal.snapshot.ExpectedSchemas;
import dev.schemawarden.drift.internal.snapshot.PostgresIntrospector;
import dev.schemawarden.drift.internal.snapshot.SnapshotJson;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.SchemaSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Production schema snapshots and drift: take, read, write, render to DDL, diff, and cross with a PR. */
public final class Snapshots {
  private Snapshots() {}

  /**
   * Reads the schema through {@code connection} in one REPEATABLE READ READ ONLY transaction (the connection's
   * auto-commit setting is restored afterwards). Needs only CONNECT; see docs/snapshot-and-drift.md.
   */
  public static SchemaSnapshot take(Connection connection, SnapshotOptions options) {
    return mysqlFamily(connection)
        ? MysqlIntrospector.take(connection, options)
        : PostgresIntrospector.take(connection, options);
  }

  /**
   * True when {@code connection} talks to MySQL or MariaDB: those are read from information_schema (with the
   * connection's database as the schema, {@code SELECT} and {@code SHOW VIEW} on it enough) into the same snapshot.
   */
  private static boolean mysqlFamily(Connection connection) {
    try {
      return OnlineDdl.mysqlFamily(connection);
    } catch (java.sql.SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot tell which database the snapshot connection"
              + " reaches: "
              + e.getMessage()
              + "; check the JDBC URL",
          e);
    }
  }

  public static SchemaSnapshot read(Path file) {
    try {
      return SnapshotJson.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INPUT,
          "cannot read snapshot "
              + file
              + ": "
              + e.getMessage()
              + "; check the path (take one with warden snapshot --url ... --output FILE)",
          e);
    }
  }

  public static void write(SchemaSnapshot snapshot, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, toJson(snapshot), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot write snapshot "
              + file
              + ": "
              + e.getMessage()
              + "; check the directory exists and is writable",
          e);
    }
  }

  /** The snapshot file's text: deterministic, so equal snapshots give equal bytes. */
  public static String toJson(SchemaSnapshot snapshot) {
    return SnapshotJson.write(snapshot);
  }

  public static SchemaSnapshot fromJson(String json) {
    return SnapshotJson.read(json, "snapshot");
  }

  /** DDL that recreates the snapshot's schema on an empty database, ownership and grants included. */
  public static String toDdl(SchemaSnapshot snapshot) {
    return toDdl(snapshot, true);
  }

  /** As {@link #toDdl(SchemaSnapshot)}; {@code ownership} false leaves out OWNER TO and GRANT/REVOKE. */
  public static String toDdl(SchemaSnapshot snapshot, boolean ownership) {
    return DdlRenderer.render(snapshot, ownership);
  }

  /**
   * What a replica's template is built from for {@code snapshot}: its DDL without ownership and grants, rendered
   * once.
   */
  public static SchemaSource.Snapshot source(SchemaSnapshot snapshot) {
    return DdlRenderer.source(snapshot, false);
  }

  /** The structural drift between the expected schema and production's, sorted by object. */
  public static List<DriftItem> diff(SchemaSnapshot expected, SchemaSnapshot actual) {
    return SchemaDiff.items(expected, actual);
  }

  /**
   * Applied-migration drift: production's history rows against the repository's migrations (paths relative to
   * {@code repoRoot}, whose files are read for Flyway checksums). {@code changed}, a pull request's own migrations,
   * are expected to be unapplied: that is not drift (empty for a whole-repository check).
   */
  public static List<DriftItem> migrationDrift(
      Path repoRoot, List<Migration> repo, SchemaSnapshot production, List<Migration> changed) {
    return MigrationDrift.items(repoRoot, repo, production.history(), changed);
  }

  /**
   * DR101 for each migration a pull request adds ({@code added}) that production already applied, by Flyway's
   * version equality ({@code 1.01} is {@code 1.1}) or the Liquibase changeset id.
   */
  public static List<DriftFinding> alreadyApplied(
      List<Migration> added, SchemaSnapshot production) {
    return MigrationDrift.alreadyApplied(added, production.history());
  }

  /** Structural plus applied-migration drift, in that order. */
  public static List<DriftItem> drift(
      Path repoRoot, List<Migration> repo, SchemaSnapshot expected, SchemaSnapshot production) {
    List<DriftItem> all = new ArrayList<>(diff(expected, production));
    all.addAll(migrationDrift(repoRoot, repo, production, List.of()));
    return List.copyOf(all);
  }

  /** Flyway's checksum of a SQL script's text (CRC32 over its lines), as flyway_schema_history stores it. */
  public static int flywayChecksum(String script) {
    return MigrationDrift.flywayChecksum(script);
  }

  /**
   * The expected schema: {@code migrations} replayed on an empty replica and snapshotted, or read from
   * {@code cacheDir} when this history was replayed before.
   */
  public static SchemaSnapshot expected(
      ReplicaProvider provider, List<Migration> migrations, Path cacheDir) {
    return ExpectedSchemas.build(provider, migrations, cacheDir);
  }

  /**
   * As {@link #expected(ReplicaProvider, List, Path)}, starting a replica provider only on a cache miss and closing
   * it afterwards (a cached review never starts PostgreSQL).
   */
  public static SchemaSnapshot expected(
      java.util.function.Supplier<ReplicaProvider> provider,
      List<Migration> migrations,
      Path cacheDir) {
    return ExpectedSchemas.build(provider, true, migrations, cacheDir);
  }

  /**
   * The expected schema of a MySQL/MariaDB history: replayed in a sandbox database on {@code provider}'s server (at
   * production's engine and version) and read as {@link #take} reads production, or read from {@code cacheDir}.
   * {@link #diff} names the sandbox database as production's.
   */
  public static SchemaSnapshot expected(
      MysqlReplicaProvider provider, List<Migration> migrations, Path cacheDir) {
    return ExpectedSchemas.build(provider, migrations, cacheDir);
  }

  /** {@code ~/.cache/schema-warden/expected}. */
  public static Path defaultCacheDir() {
    return ExpectedSchemas.defaultCacheDir();
  }

  /** The drift that matters to the PR's {@code changed} migrations (DR101, DR102), in statement order. */
  public static List<DriftFinding> relevantDrift(
      List<Migration> changed, SchemaSnapshot expected, SchemaSnapshot production) {
    return RelevantDrift.findings(changed, expected, production);
  }

  /** DR103 when {@code snapshot} is older than {@code maxAge} at {@code now}. */
  public static Optional<DriftFinding> staleness(
      SchemaSnapshot snapshot, Instant now, Duration maxAge) {
    return RelevantDrift.staleness(snapshot, now, maxAge);
  }
}
