package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RelationStatistics;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.StatementReport;
import dev.schemawarden.drift.api.SchemaSnapshot;
import dev.schemawarden.drift.api.Snapshots;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace stage of {@code warden review}: builds a replica of production's schema (the configured snapshot:
 * a JSON snapshot from {@code warden snapshot} or a {@code pg_dump -s} file; else the head tree's other migrations replayed), traces the changed migrations in their real
 * transaction structure, weighs the traced locks with production statistics and reports TR101-TR107. The default
 * ({@code embedded}) provider is the process's one {@link ReplicaHolder}, shared with the drift stage so a review
 * with both starts one PostgreSQL cluster, not two (an embedded cluster takes ~1.5 s to start); {@code server}
 * providers are opened lazily, one per URL variable. The replica's throughput is calibrated once per provider, and
 * only when statistics need it. {@code -- warden:ignore} comments suppress TR findings as they do lint findings.
 */
public final class ReplicaTracer implements Tracer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaTracer.class);

  /** Size of the generated table the throughput is calibrated on (the issue asks for 20-50 MB). */
  static final long CALIBRATION_BYTES = 24L << 20;

  /** Where production statistics come from: the JSON snapshot by default; tests inject their own. */
  @FunctionalInterface
  public interface StatisticsSource {
    /**
     * @param snapshot production's JSON snapshot, when the review has one
     * @param origin where it came from, for the report
     */
    TraceAnalysis.Statistics statistics(Optional<SchemaSnapshot> snapshot, String origin);

    StatisticsSource NONE = (snapshot, origin) -> TraceAnalysis.Statistics.NONE;

    /**
     * The statistics of the JSON snapshot ({@code warden snapshot}); none for a {@code pg_dump -s} file. Writes/s
     * is the cumulative write counters over their lifetime (since the statistics reset or the server's start), 0
     * for a snapshot that predates recording that start.
     */
    StatisticsSource SNAPSHOT =
        (snapshot, origin) ->
            snapshot
                .map(
                    snap -> {
                      Map<String, RelationStatistics> byRelation = new java.util.HashMap<>();
                      List<String> clamped = new ArrayList<>();
                      for (SchemaSnapshot.RelationStats r : snap.statistics().relations()) {
                        // The file is repository content: an impossible figure is clamped (and
                        // said), never thrown on.
                        byRelation.put(
                            r.relation(),
                            RelationStatistics.clamped(
                                r.relation(),
                                r.totalBytes(),
                                r.indexBytes(),
                                r.tuples(),
                                snap.statistics().writesPerSecond(r),
                                r.seqScans(),
                                r.idxScans(),
                                clamped));
                      }
                      return byRelation.isEmpty()
                          ? TraceAnalysis.Statistics.NONE
                          : new TraceAnalysis.Statistics(
                              Optional.of(
                                  origin
                                      + snap.statistics()
                                          .readAt()
                                          .map(t -> " (read " + t + ")")
                                          .orElse("")
                                      + (clamped.isEmpty()
                                          ? ""
                                          : "; "
                                              + clamped.size()
                                              + " impossible value(s) clamped, e.g. "
                                              + clamped.get(0).replaceAll("\\p{Cntrl}", " "))),
                              byRelation);
                    })
                .orElse(TraceAnalysis.Statistics.NONE);
  }

  /** Opens a provider for a {@code replica:} configuration; the default starts embedded or server providers. */
  @FunctionalInterface
  public interface ProviderFactory {
    ReplicaProvider open(WardenConfig.ReplicaConfig config);
  }

  private final Optional<ReplicaHolder> embedded;
  private final ProviderFactory factory;
  private final StatisticsSource statistics;
  private final Map<String, ReplicaProvider> providers = new ConcurrentHashMap<>();
  private final Map<ReplicaProvider, TraceAnalysis.Throughput> throughput =
      new ConcurrentHashMap<>();

  /** Every provider, the embedded one included, comes from {@code factory} and is closed by {@link #close()}. */
  public ReplicaTracer(ProviderFactory factory, StatisticsSource statistics) {
    this.embedded = Optional.empty();
    this.factory = factory;
    this.statistics = statistics;
  }

  /**
   * The embedded (default) provider is {@code replicas}' — the one the drift stage uses — and stays the holder's
   * to close; {@code server} providers are opened with {@link #defaultProvider}.
   */
  public ReplicaTracer(ReplicaHolder replicas, StatisticsSource statistics) {
    this.embedded = Optional.of(replicas);
    this.factory = ReplicaTracer::defaultProvider;
    this.statistics = statistics;
  }

  @Override
  public Tracer.TraceOutcome run(Tracer.TraceInput in) {
    WardenConfig.ReplicaConfig rc = in.config().replica();
    if (in.requested().isPresent() && !in.requested().get()) {
      return Tracer.TraceOutcome.skipped(in.changed(), "turned off by --no-trace");
    }
    if (rc.providerId().equals("off") && in.requested().isEmpty()) {
      return Tracer.TraceOutcome.skipped(
          in.changed(), "replica.provider is off in the configuration");
    }
    if (!in.config().engine().equals("postgres")) {
      return Tracer.TraceOutcome.skipped(
          in.changed(), "no replica tracer for engine " + in.config().engine());
    }
    SchemaFrom schema = schema(in);
    ReplicaProvider provider = provider(rc);
    TraceAnalysis.Statistics stats = statistics.statistics(schema.snapshot(), schema.description());
    List<Migration> migrations = in.changed().stream().map(MigrationReport::migration).toList();
    Duration budget = rc.statementTimeout().orElse(ReplicaSettings.defaults().statementTimeout());
    TraceOptions options =
        TraceOptions.defaults()
            .withStatementBudget(budget)
            .withRunsOutsideTransaction(in.engine()::mustRunOutsideTransaction);
    try (Replica replica = provider.create(schema.source(), budget)) {
      Optional<TraceAnalysis.Throughput> measured =
          stats.present()
              ? Optional.of(throughput.computeIfAbsent(provider, p -> calibrate(replica)))
              : Optional.empty();
      Map<SqlStatement, StatementEffects> predicted = new IdentityHashMap<>();
      in.changed()
          .forEach(m -> m.statements().forEach(s -> predicted.put(s.statement(), s.effects())));
      TraceAnalysis.TracedChange traced =
          TraceAnalysis.traceChange(
              LockTracer.postgres(),
              replica.connections(),
              migrations,
              options,
              s -> Optional.ofNullable(predicted.get(s)),
              stats,
              measured);
      TraceResult result = traced.trace();
      List<MigrationReport> out = new ArrayList<>();
      for (MigrationReport m : in.changed()) {
        out.add(
            new MigrationReport(
                m.migration(),
                m.status(),
                m.statements().stream()
                    .map(
                        s ->
                            new StatementReport(
                                s.statement(), traced.effectsOr(s.statement(), s.effects())))
                    .toList()));
      }
      String detail =
          String.format(
                  Locale.ROOT,
                  "%s replica, PostgreSQL %s, schema from %s: clone %d ms, %d statement(s) traced in %d ms; %s",
                  provider.id(),
                  result.serverVersion(),
                  schema.description(),
                  replica.cloneTime().toMillis(),
                  result.statements().size(),
                  result.total().toMillis(),
                  stats
                      .origin()
                      .map(o -> "statistics from " + o)
                      .orElse("no production statistics (lock-based findings are info)"))
              + measured
                  .map(
                      t ->
                          "; calibrated rewrite "
                              + ByteSize.rate(t.rewriteBytesPerSecond())
                              + ", scan "
                              + ByteSize.rate(t.scanBytesPerSecond()))
                  .orElse("")
              + versionNote(rc, provider);
      return Tracer.TraceOutcome.traced(out, traced.findings(), detail);
    }
  }

  private static String versionNote(WardenConfig.ReplicaConfig rc, ReplicaProvider provider) {
    return rc.postgresVersion()
        .filter(v -> v != provider.serverVersion().major())
        .map(
            v ->
                "; production runs PostgreSQL "
                    + v
                    + ", the replica "
                    + provider.serverVersion().major()
                    + ": lock behaviour can differ between majors")
        .orElse("");
  }

  /** What the replica is built from, the JSON snapshot when there is one (for statistics), and where it came from. */
  record SchemaFrom(SchemaSource source, Optional<SchemaSnapshot> snapshot, String description) {
    static SchemaFrom of(SnapshotFile file, String origin) {
      return file instanceof SnapshotFile.Json j
          ? new SchemaFrom(Snapshots.source(j.snapshot()), Optional.of(j.snapshot()), origin)
          : new SchemaFrom(
              new SchemaSource.SqlDump(((SnapshotFile.Dump) file).sql()), Optional.empty(), origin);
    }
  }

  /**
   * Production's schema for this review: the snapshot the drift stage loaded (any source), else {@code --snapshot
   * FILE}, else {@code snapshot.path} read from the BASE side (a {@code pg_dump -s} file, which drift does not
   * load; a file only the pull request has is ignored with a note), else the migration history.
   */
  static SchemaFrom schema(Tracer.TraceInput in) {
    if (in.production().isPresent()) {
      DriftCheck.ProductionSnapshot p = in.production().get();
      return SchemaFrom.of(new SnapshotFile.Json(p.snapshot()), "snapshot " + p.origin());
    }
    if (in.snapshotFile().isPresent()) {
      Path f = in.snapshotFile().get().toAbsolutePath();
      SnapshotFile file =
          SnapshotFile.read(f.getParent(), f.getFileName().toString())
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.USAGE,
                          "--snapshot "
                              + in.snapshotFile().get()
                              + ": no such file: check"
                              + " the path (take one with warden snapshot --url JDBC_URL --output FILE)"));
      return SchemaFrom.of(file, "snapshot " + in.snapshotFile().get());
    }
    Optional<String> path = in.config().snapshot().flatMap(WardenConfig.SnapshotConfig::path);
    String history = "the migration history (" + in.history().size() + " migration(s)";
    if (path.isEmpty()) {
      return new SchemaFrom(
          new SchemaSource.MigrationHistory(in.history()),
          Optional.empty(),
          history + "; no snapshot configured)");
    }
    Optional<SnapshotFile> base = SnapshotFile.read(in.snapshotRoot().get(), path.get());
    if (base.isPresent()) {
      return SchemaFrom.of(base.get(), "snapshot " + path.get());
    }
    if (RepositoryFiles.lookup(in.headRoot(), path.get()) instanceof RepositoryFiles.Missing) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "snapshot.path "
              + path.get()
              + ": no such file on the base side"
              + " of the change: commit the snapshot to the base branch or fix the path (it is relative to the"
              + " repository root)");
    }
    LOG.info(
        "snapshot.path {} exists only on the pull request's side: ignored until merged",
        path.get());
    return new SchemaFrom(
        new SchemaSource.MigrationHistory(in.history()),
        Optional.empty(),
        history
            + "); snapshot.path "
            + path.get()
            + " is only on the pull request's side and is ignored: production's"
            + " schema comes from the base branch");
  }

  private ReplicaProvider provider(WardenConfig.ReplicaConfig rc) {
    String kind =
        rc.providerId().equals("off") ? "embedded" : rc.providerId(); // --trace overrides off
    if (kind.equals("embedded") && embedded.isPresent()) {
      return embedded
          .get()
          .get(); // the holder's, shared with the drift stage; the holder closes it
    }
    WardenConfig.ReplicaConfig effective =
        new WardenConfig.ReplicaConfig(
            Optional.of(kind), rc.urlEnv(), rc.statementTimeout(), rc.postgresVersion());
    return providers.computeIfAbsent(
        kind + "|" + rc.urlEnv().orElse(""), k -> factory.open(effective));
  }

  /**
   * The JDBC URL of {@code replica.provider: server}, read from the variable {@code replica.url-env} names;
   * {@code example} says what to export when it is not set.
   */
  static String serverUrl(WardenConfig.ReplicaConfig rc, String example) {
    String env = rc.urlEnv().orElseThrow();
    return Optional.ofNullable(System.getenv(env))
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                new WardenException(
                    ErrorCode.CONFIG,
                    "replica.url-env names "
                        + env
                        + ", which is not set: export it with "
                        + example));
  }

  /**
   * Embedded by default; {@code testcontainers} runs {@code postgres:<replica.postgres-version>} in a container;
   * {@code server} reads the JDBC URL (with user and password parameters) from url-env.
   */
  static ReplicaProvider defaultProvider(WardenConfig.ReplicaConfig rc) {
    ReplicaSettings settings = ReplicaSettings.defaults();
    if (rc.providerId().equals("server")) {
      String url =
          serverUrl(
              rc,
              "the scratch server's JDBC URL, e.g. jdbc:postgresql://host/postgres?user=..&password=..");
      return ReplicaProvider.server(url, param(url, "user"), param(url, "password"), "", settings);
    }
    if (rc.providerId().equals("testcontainers")) {
      // The container runs production's major when the config names it: lock behaviour then matches
      // exactly.
      int major = rc.postgresVersion().orElse(ServerVersion.DEFAULT_POSTGRES.major());
      return ReplicaProvider.testcontainers("postgres:" + major, settings);
    }
    long start = System.nanoTime();
    ReplicaProvider p = ReplicaProvider.embedded(settings);
    LOG.info(
        "embedded PostgreSQL {} started in {} ms",
        p.serverVersion(),
        (System.nanoTime() - start) / 1_000_000);
    return p;
  }

  private static String param(String url, String name) {
    int q = url.indexOf('?');
    if (q >= 0) {
      for (String kv : url.substring(q + 1).split("&")) {
        if (kv.startsWith(name + "=")) {
          return java.net.URLDecoder.decode(
              kv.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }

  private static TraceAnalysis.Throughput calibrate(Replica replica) {
    TraceAnalysis.Throughput t = sql(replica, c -> TraceAnalysis.calibrate(c, CALIBRATION_BYTES));
    LOG.info(
        "replica calibrated in {} ms: rewrite {} B/s, scan {} B/s, index {} B/s",
        t.measuredIn().toMillis(),
        (long) t.rewriteBytesPerSecond(),
        (long) t.scanBytesPerSecond(),
        (long) t.indexBytesPerSecond());
    return t;
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private static <T> T sql(Replica replica, SqlWork<T> work) {
    try (Connection c = replica.connect()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE, "replica " + replica.database() + ": " + e.getMessage(), e);
    }
  }

  /** Stops every provider this stage opened itself (not a {@link ReplicaHolder}'s). */
  @Override
  public void close() {
    providers
        .values()
        .forEach(
            p -> {
              try {
                p.close();
              } catch (RuntimeException e) {
                LOG.warn("closing the {} replica provider failed: {}", p.id(), e.toString());
              }
            });
    providers.clear();
  }
}
