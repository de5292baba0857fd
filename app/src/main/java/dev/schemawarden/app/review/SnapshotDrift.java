package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.HumanDuration;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.drift.api.DriftFinding;
import dev.schemawarden.drift.api.DriftItem;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review's drift stage: loads production's snapshot ({@code --snapshot} or {@code snapshot:}), builds the
 * expected schema from the base tree's migration history (cached by the history's hash, replayed on the process's
 * one replica provider on a miss), lists every difference in the report's {@code drift[]}, and turns the drift that
 * matters to the change into findings: DR101 (a statement touches a drifted object, or adds a migration production
 * already applied), DR102 (a production-only view depends on what a statement renames or drops), DR103 (the
 * snapshot is stale), DR104 (any other drift, only with {@code drift.fail-on-unrelated: true}).
 */
public final class SnapshotDrift implements DriftCheck {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotDrift.class);

  /**
   * @param cacheDir where expected schemas are cached
   * @param fetchTimeout connect and read timeout of {@code snapshot.url} and {@code snapshot.env}
   * @param maxSnapshotBytes the largest snapshot {@code snapshot.url} may return
   * @param clock for the snapshot's age
   * @param env environment lookup ({@code snapshot.env}, the URL token)
   */
  public record Settings(
      Path cacheDir,
      Duration fetchTimeout,
      long maxSnapshotBytes,
      Clock clock,
      Function<String, String> env) {
    public Settings {
      Objects.requireNonNull(cacheDir, "cacheDir");
      Objects.requireNonNull(fetchTimeout, "fetchTimeout");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(env, "env");
    }

    public static Settings defaults() {
      return new Settings(
          Snapshots.defaultCacheDir(),
          Duration.ofSeconds(30),
          256L * 1024 * 1024,
          Clock.systemUTC(),
          System::getenv);
    }

    public Settings withCacheDir(Path dir) {
      return new Settings(dir, fetchTimeout, maxSnapshotBytes, clock, env);
    }

    public Settings withClock(Clock newClock) {
      return new Settings(cacheDir, fetchTimeout, maxSnapshotBytes, newClock, env);
    }
  }

  private final ReplicaHolder replicas;
  private final MysqlReplicaTracer mysql;
  private final Settings settings;

  public SnapshotDrift(ReplicaHolder replicas, Settings settings) {
    this(replicas, MysqlReplicaTracer.standard(), settings);
  }

  /** With {@code mysql}'s replica servers for the expected schema of engines mysql and mariadb. */
  public SnapshotDrift(ReplicaHolder replicas, MysqlReplicaTracer mysql, Settings settings) {
    this.replicas = Objects.requireNonNull(replicas, "replicas");
    this.mysql = Objects.requireNonNull(mysql, "mysql");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** This stage with other settings (e.g. {@code warden drift --cache-dir}), on the same replicas. */
  public SnapshotDrift withSettings(Settings other) {
    return new SnapshotDrift(replicas, mysql, other);
  }

  /** The drift stage {@code service} reviews with, if it has one (what {@code warden drift} shares with it). */
  public static Optional<SnapshotDrift> of(ReviewService service) {
    return service.stages().stream()
        .filter(ProductionSchemaStage.class::isInstance)
        .map(s -> ((ProductionSchemaStage) s).drift())
        .filter(SnapshotDrift.class::isInstance)
        .map(SnapshotDrift.class::cast)
        .findFirst();
  }

  /**
   * The expected schema of {@code history} for a production snapshot of {@code snapshotEngine}: PostgreSQL's on the
   * shared embedded replica; MySQL's and MariaDB's on the configured replica server (their replay needs the
   * engine's own server), as the configured engine names it.
   */
  public SchemaSnapshot expected(
      List<Migration> history, WardenConfig config, String snapshotEngine) {
    boolean mysqlSnapshot = OnlineDdl.mysqlFamily(snapshotEngine);
    if (mysqlSnapshot != OnlineDdl.mysqlFamily(config.engine())) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "the production snapshot was taken of "
              + snapshotEngine
              + " but the configuration's engine is "
              + config.engine()
              + ": set engine: "
              + snapshotEngine
              + " in "
              + config.source().orElse(WardenConfig.FILE_NAME)
              + " or take the snapshot of the right server");
    }
    if (!mysqlSnapshot) {
      return expected(history);
    }
    MysqlReplicaProvider provider =
        mysql
            .provider(config.replica(), config.engine(), config.engineVersion())
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        "the expected schema of a "
                            + config.engine()
                            + " history is replayed on a "
                            + config.engine()
                            + " server: set replica.provider: server and"
                            + " replica.url-env to a throwaway server's admin JDBC URL, or testcontainers where Docker runs (see"
                            + " docs/snapshot-and-drift.md)"));
    return Snapshots.expected(provider, history, settings.cacheDir());
  }

  /**
   * Loads the snapshot. A {@code --snapshot} file that cannot be read is the caller's error (thrown, exit 2); a
   * configured source that is unreachable does not stop the review: the run reports it as an error.
   */
  @Override
  public Optional<DriftCheck.DriftRun> open(DriftCheck.DriftInputs inputs) {
    SnapshotLoader loader =
        new SnapshotLoader(settings.fetchTimeout(), settings.maxSnapshotBytes(), settings.env());
    Optional<SnapshotLoader.Loaded> loaded;
    try {
      loaded =
          loader.load(inputs.config(), inputs.snapshotFile(), inputs.baseRoot(), inputs.headRoot());
    } catch (WardenException e) {
      if (inputs.snapshotFile().isPresent()) {
        throw e;
      }
      LOG.warn("production snapshot unavailable: {}", e.getMessage());
      return Optional.of(failed("drift not checked: " + e.getMessage()));
    }
    return loaded.map(l -> new Run(inputs, l));
  }

  /** The expected schema of {@code history}: cached, else replayed on the shared replica provider. */
  public SchemaSnapshot expected(List<Migration> history) {
    return Snapshots.expected(replicas::borrowed, history, settings.cacheDir());
  }

  private static DriftCheck.DriftRun failed(String error) {
    return new DriftCheck.DriftRun() {
      @Override
      public Optional<ServerVersion> serverVersion() {
        return Optional.empty();
      }

      @Override
      public String description() {
        return "unavailable";
      }

      @Override
      public DriftCheck.DriftResult check(List<MigrationReport> migrations, WardenConfig config) {
        return new DriftCheck.DriftResult(List.of(), List.of(), List.of(error));
      }
    };
  }

  private final class Run implements DriftCheck.DriftRun {
    private final DriftCheck.DriftInputs inputs;
    private final SnapshotLoader.Loaded loaded;

    Run(DriftCheck.DriftInputs inputs, SnapshotLoader.Loaded loaded) {
      this.inputs = inputs;
      this.loaded = loaded;
    }

    @Override
    public Optional<DriftCheck.ProductionSnapshot> production() {
      return Optional.of(new DriftCheck.ProductionSnapshot(loaded.snapshot(), loaded.origin()));
    }

    @Override
    public Optional<ServerVersion> serverVersion() {
      SchemaSnapshot.Server server = loaded.snapshot().server();
      if (server.mysqlFamily() != OnlineDdl.mysqlFamily(inputs.config().engine())) {
        return Optional
            .empty(); // another engine's version says nothing here; check() reports the mismatch
      }
      if (server.mysqlFamily()) {
        // 11.4.5-MariaDB, 8.0.36: the patch decides what an ALTER may do; a file's unreadable
        // version, nothing
        try {
          return Optional.of(ServerVersion.parse(server.version()));
        } catch (WardenException e) {
          return Optional.empty();
        }
      }
      int num = loaded.snapshot().server().versionNum();
      // a snapshot from a server before 10 (or one that did not record it) says nothing the rules
      // can use
      return num >= 100_000 ? Optional.of(ServerVersion.fromVersionNum(num)) : Optional.empty();
    }

    @Override
    public String description() {
      SchemaSnapshot s = loaded.snapshot();
      return loaded.origin()
          + ": "
          + engineName(s)
          + " "
          + s.server().version()
          + ", taken "
          + s.takenAt()
          + " ("
          + describeAge(Duration.between(s.takenAt(), settings.clock().instant()))
          + " ago)";
    }

    @Override
    public DriftCheck.DriftResult check(List<MigrationReport> migrations, WardenConfig config) {
      SchemaSnapshot production = loaded.snapshot();
      List<Finding> findings = new ArrayList<>();
      Instant now = settings.clock().instant();
      if (!loaded.live()) {
        Snapshots.staleness(production, now, loaded.maxAge())
            .ifPresent(f -> findings.add(toFinding(f, List.of())));
      }
      List<Migration> changed = migrations.stream().map(MigrationReport::migration).toList();
      List<DriftItem> all;
      SchemaSnapshot expected;
      try {
        expected = expected(history(migrations), config, production.engine());
        all = new ArrayList<>(Snapshots.diff(expected, production));
        all.addAll(
            Snapshots.migrationDrift(
                inputs.headRoot(), inputs.headMigrations().get(), production, changed));
      } catch (WardenException e) {
        LOG.warn("drift not checked: {}", e.getMessage());
        return new DriftCheck.DriftResult(
            List.of(), findings, List.of("drift not checked: " + e.getMessage()));
      }
      List<DriftFinding> relevant = Snapshots.relevantDrift(changed, expected, production);
      relevant.forEach(f -> findings.add(toFinding(f, changed)));
      List<Migration> added =
          migrations.stream()
              .filter(r -> r.status().equals("added"))
              .map(MigrationReport::migration)
              .toList();
      Snapshots.alreadyApplied(added, production).forEach(f -> findings.add(toFinding(f, changed)));
      if (config.drift().failOnUnrelated()) {
        Set<String> named =
            relevant.stream().flatMap(f -> f.objects().stream()).collect(Collectors.toSet());
        List<DriftItem> unrelated = all.stream().filter(d -> !named.contains(d.object())).toList();
        if (!unrelated.isEmpty()) {
          findings.add(
              new Finding(
                  AppRules.DR104.id(),
                  AppRules.DR104.defaultSeverity(),
                  SourceSpan.ofLine(loaded.anchor(), 1),
                  "production drifted from the migration history in "
                      + unrelated.size()
                      + " place"
                      + (unrelated.size() == 1 ? "" : "s")
                      + " this change does not touch: "
                      + unrelated.stream()
                          .limit(3)
                          .map(DriftItem::message)
                          .collect(Collectors.joining("; "))
                      + (unrelated.size() > 3 ? " (and " + (unrelated.size() - 3) + " more)" : ""),
                  Optional.of(
                      "drift.fail-on-unrelated is true in "
                          + config.source().orElse(WardenConfig.FILE_NAME)),
                  List.of(),
                  ""));
        }
      }
      return new DriftCheck.DriftResult(all, findings, List.of());
    }

    /**
     * The base's migration history. When the change only adds migrations, that is head's history without them
     * (the other files are the same on both sides), which spares checking out and parsing the base tree; a change
     * that modifies or renames a migration loads the base tree's own.
     */
    private List<Migration> history(List<MigrationReport> migrations) {
      if (!migrations.stream().allMatch(r -> r.status().equals("added"))) {
        return inputs.baseMigrations().get();
      }
      Set<String> added =
          migrations.stream().map(r -> key(r.migration())).collect(Collectors.toSet());
      return inputs.headMigrations().get().stream().filter(m -> !added.contains(key(m))).toList();
    }

    private static String key(Migration m) {
      return m.path() + "\u0000" + m.id().orElse("");
    }

    private Finding toFinding(DriftFinding f, List<Migration> changed) {
      SourceSpan span = f.span().orElse(SourceSpan.ofLine(loaded.anchor(), 1));
      String sql =
          f.span()
              .flatMap(
                  s ->
                      changed.stream()
                          .filter(m -> m.path().equals(s.path()))
                          .flatMap(m -> m.statements().stream())
                          .filter(st -> st.line() == s.line())
                          .findFirst())
              .map(SqlStatement::sql)
              .orElse("");
      String message =
          f.rule().equals(DriftFinding.STALE_SNAPSHOT)
              ? f.message() + " (" + loaded.origin() + ")"
              : f.message();
      return new Finding(f.rule(), f.severity(), span, message, Optional.empty(), List.of(), sql);
    }
  }

  /** {@code PostgreSQL}, {@code MySQL} or {@code MariaDB}: the engine that wrote {@code snapshot}. */
  public static String engineName(SchemaSnapshot snapshot) {
    return switch (snapshot.engine()) {
      case "mysql" -> "MySQL";
      case "mariadb" -> "MariaDB";
      default -> "PostgreSQL";
    };
  }

  /** {@code 12 min}, {@code 3.5 h}, {@code 5 days}: a snapshot's age for people, to the minute. */
  public static String describeAge(Duration d) {
    if (d.isNegative() || d.toMinutes() < 1) {
      return "less than a minute";
    }
    return HumanDuration.format(Duration.ofMinutes(d.toMinutes()));
  }
}
