package dev.schemawarden.app.config;

import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code .schemawarden.yml} says, validated. Every field has a default so a repository without the file
 * works: engine {@code postgres}, {@link ServerVersion#DEFAULT_POSTGRES}, auto-detected migrations, fail on
 * {@code error}.
 *
 * @param source the file it was read from, for messages; empty when defaults are used
 * @param engine engine id, e.g. {@code postgres}
 * @param engineVersion the server version findings are judged for
 * @param migrations where the migrations are and which tool applies them
 * @param failOn the severity at or above which a review is blocked, when the command line does not say
 * @param rules per-rule severity overrides by rule id ({@code off} disables a rule)
 * @param snapshot where the production schema snapshot comes from ({@code snapshot:})
 * @param policy the file holding the policy, relative to the config file's directory: the path {@code policy:}
 *     names, or the config file's own name when the policy is written inline under {@code policy:}
 *     ({@code PolicyLoader.load} reads either form); empty: the shipped default policy
 * @param context the file holding the context (owners, tags, teams), in the same two forms as {@code policy}
 * @param replica how the review traces the migration on a scratch replica
 * @param drift how drift in production weighs on a review ({@code drift:})
 * @param engineVersionSet true when {@code engine-version} was written in the file (or given on the command
 *     line); when false the production snapshot's server version is used instead of the default
 * @param file the config file on disk, when it was read from one: relative {@code policy}/{@code context} paths
 *     resolve against its directory
 */
public record WardenConfig(
    Optional<String> source,
    String engine,
    ServerVersion engineVersion,
    MigrationSettings migrations,
    Optional<Severity> failOn,
    Map<String, Severity> rules,
    Optional<SnapshotConfig> snapshot,
    Optional<String> policy,
    Optional<String> context,
    ReplicaConfig replica,
    DriftSettings drift,
    boolean engineVersionSet,
    Optional<Path> file) {

  public static final String FILE_NAME = ".schemawarden.yml";
  public static final String DEFAULT_ENGINE = "postgres";

  public WardenConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(migrations, "migrations");
    Objects.requireNonNull(failOn, "failOn");
    rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(file, "file");
  }

  /** Without {@code replica:} and {@code drift:} sections: their defaults; the engine version counts as set. */
  public WardenConfig(
      Optional<String> source,
      String engine,
      ServerVersion engineVersion,
      MigrationSettings migrations,
      Optional<Severity> failOn,
      Map<String, Severity> rules,
      Optional<SnapshotConfig> snapshot,
      Optional<String> policy,
      Optional<String> context) {
    this(
        source,
        engine,
        engineVersion,
        migrations,
        failOn,
        rules,
        snapshot,
        policy,
        context,
        ReplicaConfig.DEFAULTS,
        DriftSettings.DEFAULTS,
        true,
        Optional.empty());
  }

  /** The directory relative {@code policy}, {@code context} and snapshot paths resolve against. */
  public Path directory() {
    return file.map(Path::toAbsolutePath).map(Path::getParent).orElse(Path.of("").toAbsolutePath());
  }

  /** The same config with the effective {@code fail-on} (the command line's wins over the file's). */
  public WardenConfig withFailOn(Severity threshold) {
    return new WardenConfig(
        source,
        engine,
        engineVersion,
        migrations,
        Optional.of(threshold),
        rules,
        snapshot,
        policy,
        context,
        replica,
        drift,
        engineVersionSet,
        file);
  }

  /** The same config, read from {@code file} on disk. */
  public WardenConfig withFile(Path onDisk) {
    return new WardenConfig(
        source,
        engine,
        engineVersion,
        migrations,
        failOn,
        rules,
        snapshot,
        policy,
        context,
        replica,
        drift,
        engineVersionSet,
        Optional.of(onDisk));
  }

  public static WardenConfig defaults() {
    return new WardenConfig(
        Optional.empty(),
        DEFAULT_ENGINE,
        ServerVersion.DEFAULT_POSTGRES,
        MigrationSettings.defaults(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ReplicaConfig.DEFAULTS,
        DriftSettings.DEFAULTS,
        false,
        Optional.empty());
  }

  public WardenConfig withEngineVersion(ServerVersion version) {
    return new WardenConfig(
        source,
        engine,
        version,
        migrations,
        failOn,
        rules,
        snapshot,
        policy,
        context,
        replica,
        drift,
        true,
        file);
  }

  /**
   * The same config for another engine ({@code warden lint --engine}). The engine version stays when the engine is
   * the same; for another engine it becomes that engine's {@code defaultVersion}, as if none had been written.
   */
  public WardenConfig withEngine(String id, ServerVersion defaultVersion) {
    return id.equals(engine)
        ? this
        : new WardenConfig(
            source,
            id,
            defaultVersion,
            migrations,
            failOn,
            rules,
            snapshot,
            policy,
            context,
            replica,
            drift,
            false,
            file);
  }

  /** The production snapshot's server version, used when {@code engine-version} was not set. */
  public WardenConfig withDefaultEngineVersion(ServerVersion version) {
    return engineVersionSet
        ? this
        : new WardenConfig(
            source,
            engine,
            version,
            migrations,
            failOn,
            rules,
            snapshot,
            policy,
            context,
            replica,
            drift,
            false,
            file);
  }

  /** {@code snapshot:} replaced, e.g. by {@code warden review --snapshot FILE}. */
  public WardenConfig withSnapshot(SnapshotConfig newSnapshot) {
    return new WardenConfig(
        source,
        engine,
        engineVersion,
        migrations,
        failOn,
        rules,
        Optional.of(newSnapshot),
        policy,
        context,
        replica,
        drift,
        engineVersionSet,
        file);
  }

  /**
   * Where the production schema snapshot comes from; exactly one of path, url and env is set.
   *
   * @param path a snapshot file in the repository (relative to its root)
   * @param url an {@code https://} URL to fetch it from
   * @param env the name of an environment variable holding a read-only JDBC URL of the production database, read
   *     live with the snapshot role (keeps secrets out of the repository)
   * @param maxAge a snapshot older than this is stale (DR103); default {@link #DEFAULT_MAX_AGE}
   */
  public record SnapshotConfig(
      Optional<String> path,
      Optional<String> url,
      Optional<String> env,
      java.time.Duration maxAge) {
    public static final java.time.Duration DEFAULT_MAX_AGE = java.time.Duration.ofHours(24);

    public SnapshotConfig {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(env, "env");
      Objects.requireNonNull(maxAge, "maxAge");
    }

    public SnapshotConfig(Optional<String> path, Optional<String> url, Optional<String> env) {
      this(path, url, env, DEFAULT_MAX_AGE);
    }
  }

  /**
   * {@code drift:} settings.
   *
   * @param failOnUnrelated true blocks a review when production drifted anywhere, not only where the change
   *     touches (DR104); default false: such drift is listed, not blocking
   */
  public record DriftSettings(boolean failOnUnrelated) {
    public static final DriftSettings DEFAULTS = new DriftSettings(false);
  }

  /**
   * The {@code replica:} section.
   *
   * @param provider {@code embedded}, {@code server} or {@code off}; empty = {@code embedded}
   * @param urlEnv server only: the environment variable holding the scratch server's JDBC URL (with user and
   *     password as URL parameters)
   * @param statementTimeout the budget of one traced statement (default 30 s)
   * @param postgresVersion the PostgreSQL major production runs; the embedded replica runs the build's major and
   *     says so when they differ
   */
  public record ReplicaConfig(
      Optional<String> provider,
      Optional<String> urlEnv,
      Optional<java.time.Duration> statementTimeout,
      Optional<Integer> postgresVersion) {
    public static final ReplicaConfig DEFAULTS =
        new ReplicaConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ReplicaConfig {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(urlEnv, "urlEnv");
      Objects.requireNonNull(statementTimeout, "statementTimeout");
      Objects.requireNonNull(postgresVersion, "postgresVersion");
    }

    /** {@code embedded} unless configured otherwise. */
    public String providerId() {
      return provider.orElse("embedded");
    }
  }
}
