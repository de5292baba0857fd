package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.Suppressions;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.config.WardenConfig;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.StatementReport;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import dev.schemawarden.replica.api.MysqlReplicaProvider.MysqlReplica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace stage for engines {@code mysql} and {@code mariadb}: replays the history and runs the change on a
 * MySQL/MariaDB replica ({@link MysqlReplicaProvider}) as a sandbox user, and reports per statement the online DDL
 * the server accepted ({@code online_ddl}, source {@code traced}), the tables it rebuilt, and TR101/TR102/TR107/
 * TR108. The shipped jar has no embedded MariaDB (its binaries are 150 MB): {@code replica.provider: server} with
 * {@code replica.url-env} names an operator's throwaway server, {@code testcontainers} starts production's image
 * ({@code mysql:<engine-version>}, {@code mariadb:<engine-version>}) where Docker runs; without either the review
 * keeps the predictions.
 */
public final class MysqlReplicaTracer implements Tracer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlReplicaTracer.class);
  private static final Set<String> TRACE_RULES =
      TraceAnalysis.rules().stream()
          .map(dev.schemawarden.analyzers.api.RuleMeta::id)
          .collect(Collectors.toUnmodifiableSet());

  /** The provider for a {@code replica:} section and engine; empty when that provider does not exist here. */
  @FunctionalInterface
  public interface ProviderFactory {
    Optional<MysqlReplicaProvider> open(
        WardenConfig.ReplicaConfig config, String engine, ServerVersion version);
  }

  private final ProviderFactory factory;
  private final Map<String, Optional<MysqlReplicaProvider>> providers = new ConcurrentHashMap<>();
  private final MysqlImpact impact = new MysqlImpact();

  public MysqlReplicaTracer(ProviderFactory factory) {
    this.factory = factory;
  }

  /**
   * Production: {@code server} reads the admin JDBC URL from url-env, {@code testcontainers} starts production's
   * image; {@code embedded} does not exist here.
   */
  public static MysqlReplicaTracer standard() {
    return standard(MysqlReplicaProvider.Pool.defaults());
  }

  /**
   * As above with {@code pool}: a one-shot command (review, drift) takes {@link MysqlReplicaProvider.Pool#off()},
   * since a spare built after its trace would only cost CPU until the process exits; the service keeps spares.
   */
  public static MysqlReplicaTracer standard(MysqlReplicaProvider.Pool pool) {
    return new MysqlReplicaTracer(
        (rc, engine, version) ->
            rc.providerId().equals("testcontainers")
                ? Optional.of(
                    MysqlReplicaProvider.testcontainers(
                        engine, version.toString(), ReplicaSettings.defaults(), pool))
                : serverProvider(rc, engine, pool));
  }

  static Optional<MysqlReplicaProvider> serverProvider(
      WardenConfig.ReplicaConfig rc, String engine, MysqlReplicaProvider.Pool pool) {
    if (!rc.providerId().equals("server")) {
      return Optional.empty();
    }
    String url =
        ReplicaTracer.serverUrl(
            rc,
            "the throwaway server's admin JDBC URL, e.g. jdbc:mariadb://scratch:3306/?user=warden&password=..");
    return Optional.of(MysqlReplicaProvider.server(engine, url, ReplicaSettings.defaults(), pool));
  }

  /**
   * The replica server for {@code rc} and {@code engine}, opened once per process and shared by the trace and the
   * expected-schema replay of drift; empty when that provider does not exist here (the shipped jar's
   * {@code embedded}).
   */
  public Optional<MysqlReplicaProvider> provider(
      WardenConfig.ReplicaConfig rc, String engine, ServerVersion version) {
    String kind = rc.providerId().equals("off") ? "embedded" : rc.providerId();
    WardenConfig.ReplicaConfig effective =
        new WardenConfig.ReplicaConfig(
            Optional.of(kind), rc.urlEnv(), rc.statementTimeout(), rc.postgresVersion());
    // A container runs one version: a second production version in the same process gets its own.
    String key =
        kind
            + "|"
            + rc.urlEnv().orElse("")
            + "|"
            + engine
            + (kind.equals("testcontainers") ? "|" + version : "");
    return providers.computeIfAbsent(key, k -> factory.open(effective, engine, version));
  }

  @Override
  public TraceOutcome run(TraceInput in) {
    WardenConfig.ReplicaConfig rc = in.config().replica();
    String engine = in.config().engine();
    if (in.requested().isPresent() && !in.requested().get()) {
      return TraceOutcome.skipped(in.changed(), "turned off by --no-trace");
    }
    if (rc.providerId().equals("off") && in.requested().isEmpty()) {
      return TraceOutcome.skipped(in.changed(), "replica.provider is off in the configuration");
    }
    String kind = rc.providerId().equals("off") ? "embedded" : rc.providerId();
    if (kind.equals("testcontainers") && !ReplicaProvider.dockerAvailable()) {
      // One line, as for PostgreSQL: --trace asked for a trace this machine cannot give; otherwise
      // predictions stand.
      String why = MysqlReplicaProvider.noDocker() + "; online_ddl is predicted";
      if (in.requested().orElse(false)) {
        throw new WardenException(ErrorCode.CONFIG, "--trace: " + why);
      }
      return TraceOutcome.skipped(impact.predicted(in), why);
    }
    Optional<MysqlReplicaProvider> provider = provider(rc, engine, in.config().engineVersion());
    if (provider.isEmpty()) {
      String why =
          "no "
              + kind
              + " replica for engine "
              + engine
              + " in this build (the embedded MariaDB is for"
              + " tests only): set replica.provider: server and replica.url-env to a throwaway MariaDB/MySQL server, or"
              + " replica.provider: testcontainers where Docker runs; online_ddl is predicted";
      if (in.requested().orElse(false)) {
        throw new WardenException(ErrorCode.CONFIG, "--trace: " + why);
      }
      return TraceOutcome.skipped(impact.predicted(in), why);
    }
    Duration budget = rc.statementTimeout().orElse(ReplicaSettings.defaults().statementTimeout());
    TraceAnalysis.Statistics stats = impact.statistics(in);
    Optional<TraceAnalysis.Throughput> rates = impact.throughput(provider.get(), budget, stats);
    long start = System.nanoTime();
    try (MysqlReplica replica = provider.get().replayed(in.history(), budget)) {
      String version = replica.serverVersion();
      List<OnlineDdl.Run> history = replica.replayFailures();
      List<OnlineDdl.Run> runs =
          replica.trace(in.changed().stream().map(MigrationReport::migration).toList());
      // MariaDB standing in for MySQL (or the reverse), or another version, decides nothing about
      // online DDL: predictions stay.
      boolean sameServer =
          version.toLowerCase(Locale.ROOT).contains("mariadb") == engine.equals("mariadb")
              && sameVersion(in.config().engineVersion(), version);
      List<OnlineDdl.Run> judged =
          sameServer
              ? runs
              : runs.stream()
                  .map(
                      r ->
                          new OnlineDdl.Run(
                              r.statement(), r.status(), Optional.empty(), r.error(), r.duration()))
                  .toList();
      Map<SqlStatement, StatementEffects.Impact> impacts =
          MysqlImpact.traced(in.changed(), judged, stats, rates);
      List<Finding> findings =
          new ArrayList<>(MysqlImpact.findings(engine, judged, impacts, stats));
      findings.addAll(
          OnlineDdl.findings(
              engine,
              history.stream().filter(r -> r.status() == OnlineDdl.Status.REFUSED).toList()));
      List<Migration> migrations = in.changed().stream().map(MigrationReport::migration).toList();
      String detail =
          String.format(
                  Locale.ROOT,
                  "%s replica, %s %s, schema from the migration history (%d"
                      + " migration(s)%s%s): %d statement(s) traced in %d ms%s",
                  kind,
                  engine.equals("mariadb") ? "MariaDB" : "MySQL",
                  version,
                  in.history().size(),
                  replica.pooled() ? ", a spare copy replayed before" : "",
                  history.isEmpty()
                      ? ""
                      : "; " + history.size() + " statement(s) of it failed there",
                  runs.stream().filter(r -> r.status() != OnlineDdl.Status.NOT_RUN).count(),
                  (System.nanoTime() - start) / 1_000_000,
                  sameServer
                      ? ""
                      : "; production runs "
                          + engine
                          + " "
                          + in.config().engineVersion()
                          + ", the replica "
                          + version
                          + ": online_ddl stays predicted")
              + MysqlImpact.note(stats, rates);
      return TraceOutcome.traced(
          MysqlImpact.withImpact(reports(in.changed(), judged), impacts),
          Suppressions.filter(migrations, findings, TRACE_RULES),
          detail);
    }
  }

  /**
   * Whether the replica's {@code SELECT VERSION()} ({@code 8.0.40}, {@code 11.4.5-MariaDB-ubu2404}) is production's
   * {@code engine-version}: the same major and minor, and the same patch when production's names one (MySQL
   * 8.0.29 made DROP COLUMN instant).
   */
  static boolean sameVersion(ServerVersion production, String replica) {
    ServerVersion v;
    try {
      v = ServerVersion.parse(replica);
    } catch (WardenException e) {
      return false;
    }
    return v.major() == production.major()
        && v.minor() == production.minor()
        && (production.patch() == 0 || v.patch() == production.patch());
  }

  /** The changed migrations with the traced effects and online DDL of every statement that ran. */
  private static List<MigrationReport> reports(
      List<MigrationReport> changed, List<OnlineDdl.Run> runs) {
    Map<SqlStatement, OnlineDdl.Run> byStatement = new IdentityHashMap<>();
    runs.forEach(r -> byStatement.put(r.statement(), r));
    List<MigrationReport> out = new ArrayList<>();
    for (MigrationReport m : changed) {
      out.add(
          new MigrationReport(
              m.migration(),
              m.status(),
              m.statements().stream()
                  .map(
                      s -> {
                        OnlineDdl.Run r = byStatement.get(s.statement());
                        if (r == null || r.status() == OnlineDdl.Status.NOT_RUN) {
                          return s;
                        }
                        List<StatementEffects.Rewrite> rewrites =
                            r.alter()
                                .filter(OnlineDdl.Traced::rebuilt)
                                .map(
                                    t ->
                                        List.of(
                                            new StatementEffects.Rewrite(
                                                t.table(), "table rebuilt (new InnoDB table id)")))
                                .orElse(List.of());
                        StatementEffects effects =
                            new StatementEffects(
                                StatementEffects.Source.TRACED,
                                List.of(),
                                rewrites,
                                List.of(),
                                Optional.of(r.duration()),
                                r.error(),
                                Optional.empty());
                        return new StatementReport(
                            s.statement(),
                            effects,
                            r.alter().flatMap(OnlineDdl.Traced::verdict).or(s::onlineDdl));
                      })
                  .toList()));
    }
    return out;
  }

  @Override
  public void close() {
    providers
        .values()
        .forEach(
            p ->
                p.ifPresent(
                    provider -> {
                      try {
                        provider.close();
                      } catch (RuntimeException e) {
                        LOG.warn(
                            "closing the {} replica failed: {}", provider.engine(), e.toString());
                      }
                    }));
    providers.clear();
  }
}
