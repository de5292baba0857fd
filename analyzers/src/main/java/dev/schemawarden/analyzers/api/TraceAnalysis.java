package dev.schemawarden.analyzers.api;

import dev.schemawarden.analyzers.internal.impact.Calibrator;
import dev.schemawarden.analyzers.internal.impact.ChangeTracing;
import dev.schemawarden.analyzers.internal.impact.ForeignKeyProbe;
import dev.schemawarden.analyzers.internal.impact.ImpactEstimator;
import dev.schemawarden.analyzers.internal.impact.MysqlCalibration;
import dev.schemawarden.analyzers.internal.impact.MysqlTraceVerdicts;
import dev.schemawarden.analyzers.internal.impact.TraceRules;
import dev.schemawarden.analyzers.internal.impact.TraceVerdicts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Weighs a {@link TraceResult} with production's statistics (the impact model) and turns what only a trace can see
 * into findings ({@code TR101}-{@code TR110}). Severity follows impact: see {@code docs/tracing.md}.
 */
public final class TraceAnalysis {

  private TraceAnalysis() {}

  /**
   * How fast the replica's server rewrites, scans and indexes a table, measured once per process on a generated
   * table; the lock-hold estimates divide production's bytes by these.
   */
  public record Throughput(
      double rewriteBytesPerSecond,
      double scanBytesPerSecond,
      double indexBytesPerSecond,
      long sampleBytes,
      Duration measuredIn) {
    public Throughput {
      if (rewriteBytesPerSecond <= 0 || scanBytesPerSecond <= 0 || indexBytesPerSecond <= 0) {
        throw new IllegalArgumentException("throughput must be positive");
      }
      Objects.requireNonNull(measuredIn, "measuredIn");
    }
  }

  /**
   * MySQL/MariaDB calibration: statements to run on the replica in order, the generated table's size, and which
   * statements' times measure the scan, the COPY rebuild and the in-place index build.
   */
  public record CalibrationPlan(
      List<String> statements, long bytes, int scan, int copy, int index) {
    public CalibrationPlan {
      statements = List.copyOf(statements);
    }

    /** The rates from those statements' times on the replica (an ALTER's: as written, without the tracer's tries). */
    public Throughput throughput(
        Duration scanTime, Duration copyTime, Duration indexTime, Duration total) {
      return new Throughput(
          perSecond(copyTime), perSecond(scanTime), perSecond(indexTime), bytes, total);
    }

    private double perSecond(Duration d) {
      return bytes / (Math.max(d.toNanos(), 1_000_000) / 1e9);
    }
  }

  /**
   * Production statistics by relation ({@code schema.name}); {@code origin} names where they came from and is empty
   * when there are none (a schema-only dump or migration history), in which case every lock-based finding is
   * informational.
   */
  public record Statistics(Optional<String> origin, Map<String, RelationStatistics> relations) {
    public static final Statistics NONE = new Statistics(Optional.empty(), Map.of());

    public Statistics {
      Objects.requireNonNull(origin, "origin");
      relations = Map.copyOf(relations);
    }

    public boolean present() {
      return origin.isPresent();
    }
  }

  /** A foreign key whose referencing columns are not the leading columns of any index on the referencing table. */
  public record ForeignKeyGap(
      String constraint, String table, List<String> columns, String referencedTable) {
    public ForeignKeyGap {
      columns = List.copyOf(columns);
    }
  }

  /**
   * @param effects per traced statement, in trace order: the traced effects with {@code impact} filled
   * @param findings TR1xx findings with severities from impact (configuration not applied yet)
   */
  public record Result(List<StatementEffects> effects, List<Finding> findings) {
    public Result {
      effects = List.copyOf(effects);
      findings = List.copyOf(findings);
    }
  }

  /**
   * A traced change: the raw trace, each traced statement's effects with impact filled (keyed by identity of the
   * change's {@link SqlStatement}s) and the TR findings left after {@code warden:ignore} directives.
   */
  public record TracedChange(
      TraceResult trace, Map<SqlStatement, StatementEffects> effects, List<Finding> findings) {
    public TracedChange {
      Objects.requireNonNull(trace, "trace");
      effects = java.util.Collections.unmodifiableMap(new java.util.IdentityHashMap<>(effects));
      findings = List.copyOf(findings);
    }

    /** The traced effects of {@code statement}, else {@code fallback} (a statement the trace never reached). */
    public StatementEffects effectsOr(SqlStatement statement, StatementEffects fallback) {
      return effects.getOrDefault(statement, fallback);
    }
  }

  /**
   * Traces {@code migrations} on a replica and analyses the result in one call: probes the foreign keys before,
   * traces, finds the foreign keys the change left without a covering index, weighs every statement with
   * {@code statistics} and applies the migrations' {@code warden:ignore} directives to the TR findings.
   *
   * @param predicted the static analyzer's effects of a change statement, if any (see {@link #analyze})
   * @param throughput the replica's calibrated throughput; needed only with statistics
   */
  public static TracedChange traceChange(
      LockTracer tracer,
      LockTracer.Connections connections,
      List<Migration> migrations,
      TraceOptions options,
      Function<SqlStatement, Optional<StatementEffects>> predicted,
      Statistics statistics,
      Optional<Throughput> throughput) {
    return ChangeTracing.trace(
        tracer, connections, migrations, options, predicted, statistics, throughput);
  }

  /** Times a rewrite, a sequential scan and an index build of a generated table, then rolls it all back. */
  public static Throughput calibrate(Connection connection, long sampleBytes) throws SQLException {
    return Calibrator.calibrate(connection, sampleBytes);
  }

  /** Names ({@code table.constraint}) of every foreign key in the database, to tell new ones after a trace. */
  public static Set<String> foreignKeys(Connection connection) throws SQLException {
    return ForeignKeyProbe.all(connection);
  }

  /** Foreign keys without a covering index on the referencing columns, except those named in {@code ignore}. */
  public static List<ForeignKeyGap> uncoveredForeignKeys(Connection connection, Set<String> ignore)
      throws SQLException {
    return ForeignKeyProbe.uncovered(connection, ignore);
  }

  /**
   * The impact of every traced statement and the TR findings.
   *
   * @param predicted the static analyzer's effects of a traced statement, if any: a scan it predicts stands in for
   *     one the trace cannot see (a schema-only replica has no rows to read) when production statistics exist
   * @param throughput the replica's calibrated throughput; needed only with statistics (without it, statistics
   *     are ignored)
   * @param newGaps foreign keys the migration added without a covering index ({@link #uncoveredForeignKeys})
   */
  public static Result analyze(
      TraceResult trace,
      Function<TraceResult.TracedStatement, Optional<StatementEffects>> predicted,
      Statistics statistics,
      Optional<Throughput> throughput,
      List<ForeignKeyGap> newGaps) {
    return TraceVerdicts.analyze(trace, predicted, statistics, throughput, newGaps);
  }

  /**
   * MySQL/MariaDB: what to run on the replica to calibrate it (a table of known size, scanned, rebuilt with
   * ALGORITHM=COPY and indexed in place), and how the statements' times become a {@link Throughput}.
   */
  public static CalibrationPlan mysqlCalibration(long sampleBytes) {
    return MysqlCalibration.plan(sampleBytes);
  }

  /**
   * MySQL/MariaDB: the impact of an ALTER of {@code table} run with {@code verdict}'s ALGORITHM and LOCK (see
   * {@code docs/tracing.md}); empty for a prediction without production statistics for the table.
   *
   * @param rebuilt traced: whether InnoDB rebuilt the table; empty infers it from the verdict
   * @param replicaTime the statement's own time on the replica; empty when predicted
   * @param throughput calibrated on the replica; empty assumes a conservative rate and says so
   */
  public static Optional<StatementEffects.Impact> onlineDdlImpact(
      String table,
      OnlineDdl.Verdict verdict,
      Optional<Boolean> rebuilt,
      Optional<Duration> replicaTime,
      Statistics statistics,
      Optional<Throughput> throughput) {
    return ImpactEstimator.estimateOnlineDdl(
        table, verdict, rebuilt, replicaTime, statistics, throughput);
  }

  /** The TR findings of a MySQL/MariaDB trace, TR102's severity weighed by {@code impacts} where statistics exist. */
  public static List<Finding> onlineDdlFindings(
      String engine,
      List<OnlineDdl.Run> runs,
      Map<SqlStatement, StatementEffects.Impact> impacts,
      Statistics statistics) {
    return MysqlTraceVerdicts.findings(engine, runs, impacts, statistics);
  }

  /** Info, warning or error for an impact, as every weighed TR finding gets it (see {@code docs/tracing.md}). */
  public static Severity severity(Optional<StatementEffects.Impact> impact, Statistics statistics) {
    return ImpactEstimator.severity(impact, statistics);
  }

  /** The metadata of TR101-TR110 (also in {@link RuleCatalog#all()}). */
  public static List<RuleMeta> rules() {
    return TraceRules.ALL;
  }
}
