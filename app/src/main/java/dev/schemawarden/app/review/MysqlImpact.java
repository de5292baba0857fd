package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ByteSize;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.StatementEffects.Impact;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceAnalysis.Statistics;
import dev.schemawarden.analyzers.api.TraceAnalysis.Throughput;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.report.MigrationReport;
import dev.schemawarden.app.report.StatementReport;
import dev.schemawarden.replica.api.MysqlReplicaProvider;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The impact half of {@link MysqlReplicaTracer}: production's statistics from the review's JSON snapshot (as the
 * PostgreSQL trace reads them), the replica's COPY and index throughput calibrated once per provider in a sandbox
 * of its own, and per ALTER the lock the accepted ALGORITHM/LOCK holds and for how long
 * ({@link TraceAnalysis#onlineDdlImpact}); TR102's severity follows it where statistics exist.
 */
final class MysqlImpact {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlImpact.class);

  /** The PostgreSQL calibration's size: big enough that the COPY takes a measurable time, small enough for CI. */
  static final long CALIBRATION_BYTES = ReplicaTracer.CALIBRATION_BYTES;

  private final Map<MysqlReplicaProvider, Optional<Throughput>> throughput =
      new ConcurrentHashMap<>();

  /** Production's statistics: the review's JSON snapshot (drift's, {@code --snapshot} or snapshot.path). */
  Statistics statistics(Tracer.TraceInput in) {
    ReplicaTracer.SchemaFrom schema = ReplicaTracer.schema(in);
    return ReplicaTracer.StatisticsSource.SNAPSHOT.statistics(
        schema.snapshot(), schema.description());
  }

  /** The provider's throughput, measured on its first review with statistics; empty when the calibration failed. */
  Optional<Throughput> throughput(
      MysqlReplicaProvider provider, Duration budget, Statistics statistics) {
    return statistics.present()
        ? throughput.computeIfAbsent(provider, p -> calibrate(p, budget))
        : Optional.empty();
  }

  private static Optional<Throughput> calibrate(MysqlReplicaProvider provider, Duration budget) {
    long start = System.nanoTime();
    TraceAnalysis.CalibrationPlan plan = TraceAnalysis.mysqlCalibration(CALIBRATION_BYTES);
    List<SqlStatement> statements =
        dev.schemawarden.analyzers.api.Engines.forName(provider.engine())
            .parser()
            .parse("warden-calibration.sql", String.join(";\n", plan.statements()) + ";\n")
            .statements();
    Migration m =
        new Migration(
            "warden-calibration.sql",
            MigrationTool.PLAIN,
            Migration.Kind.PLAIN,
            Optional.empty(),
            "calibration",
            false,
            statements,
            List.of());
    try (MysqlReplicaProvider.MysqlReplica replica = provider.create(budget)) {
      List<OnlineDdl.Run> runs = replica.trace(List.of(m));
      Optional<OnlineDdl.Run> failed =
          runs.stream().filter(r -> r.status() != OnlineDdl.Status.OK).findFirst();
      if (failed.isPresent() || runs.size() != plan.statements().size()) {
        LOG.warn(
            "calibrating the {} replica failed at `{}`: {}; impact uses the assumed throughput",
            provider.engine(),
            failed.map(r -> r.statement().sql()).orElse("?"),
            failed.flatMap(OnlineDdl.Run::error).orElse("statements were lost"));
        return Optional.empty();
      }
      Throughput t =
          plan.throughput(
              runs.get(plan.scan()).duration(),
              altered(runs.get(plan.copy())),
              altered(runs.get(plan.index())),
              Duration.ofNanos(System.nanoTime() - start));
      LOG.info(
          "{} replica calibrated in {} ms: COPY {} B/s, index {} B/s, scan {} B/s",
          provider.engine(),
          t.measuredIn().toMillis(),
          (long) t.rewriteBytesPerSecond(),
          (long) t.indexBytesPerSecond(),
          (long) t.scanBytesPerSecond());
      return Optional.of(t);
    } catch (WardenException e) {
      LOG.warn(
          "calibrating the {} replica failed: {}; impact uses the assumed throughput",
          provider.engine(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** The ALTER as written, without the tracer's tries on copies of the table. */
  private static Duration altered(OnlineDdl.Run run) {
    return run.alter().map(OnlineDdl.Traced::duration).orElse(run.duration());
  }

  /**
   * The impact of every traced ALTER that ran, by identity of its statement: what it holds under the verdict the
   * report shows (the traced one, or the prediction where the replica's engine is not production's).
   */
  static Map<SqlStatement, Impact> traced(
      List<MigrationReport> changed,
      List<OnlineDdl.Run> runs,
      Statistics statistics,
      Optional<Throughput> throughput) {
    Map<SqlStatement, Optional<OnlineDdl.Verdict>> predicted = new IdentityHashMap<>();
    changed.forEach(m -> m.statements().forEach(s -> predicted.put(s.statement(), s.onlineDdl())));
    Map<SqlStatement, Impact> out = new IdentityHashMap<>();
    for (OnlineDdl.Run r : runs) {
      if (r.status() != OnlineDdl.Status.OK) {
        continue;
      }
      Optional<OnlineDdl.Verdict> verdict =
          r.alter()
              .flatMap(OnlineDdl.Traced::verdict)
              .or(() -> predicted.getOrDefault(r.statement(), Optional.empty()));
      Optional<String> table =
          r.alter()
              .map(OnlineDdl.Traced::table)
              .or(() -> OnlineDdl.alteredTable(r.statement().sql()));
      if (verdict.isPresent() && table.isPresent()) {
        Optional<Boolean> rebuilt =
            r.alter().filter(t -> t.verdict().isPresent()).map(OnlineDdl.Traced::rebuilt);
        TraceAnalysis.onlineDdlImpact(
                table.get(),
                verdict.get(),
                rebuilt,
                Optional.of(r.alter().map(OnlineDdl.Traced::duration).orElse(r.duration())),
                statistics,
                throughput)
            .ifPresent(i -> out.put(r.statement(), i));
      }
    }
    return out;
  }

  /** TR101/TR102/TR107/TR108 of the trace, TR102 weighed with {@code impacts}. */
  static List<Finding> findings(
      String engine,
      List<OnlineDdl.Run> runs,
      Map<SqlStatement, Impact> impacts,
      Statistics statistics) {
    return TraceAnalysis.onlineDdlFindings(engine, runs, impacts, statistics);
  }

  /** {@code reports} with {@code impacts} filled in. */
  static List<MigrationReport> withImpact(
      List<MigrationReport> reports, Map<SqlStatement, Impact> impacts) {
    return reports.stream()
        .map(
            m ->
                new MigrationReport(
                    m.migration(),
                    m.status(),
                    m.statements().stream()
                        .map(
                            s ->
                                Optional.ofNullable(impacts.get(s.statement()))
                                    .map(
                                        i ->
                                            new StatementReport(
                                                s.statement(),
                                                withImpact(s.effects(), i),
                                                s.onlineDdl()))
                                    .orElse(s))
                        .toList()))
        .toList();
  }

  private static StatementEffects withImpact(StatementEffects e, Impact i) {
    return new StatementEffects(
        e.source(), e.locks(), e.rewrites(), e.scans(), e.duration(), e.error(), Optional.of(i));
  }

  /**
   * No replica: each predicted ALTER weighed by production's bytes at the assumed throughput, when the review has
   * a snapshot with statistics; {@code changed} as it is otherwise.
   */
  List<MigrationReport> predicted(Tracer.TraceInput in) {
    Statistics statistics;
    try {
      statistics = statistics(in);
    } catch (WardenException e) {
      // The trace was skipped: a snapshot problem is the drift stage's to report, once.
      LOG.info("no impact for the predicted online DDL: {}", e.getMessage());
      return in.changed();
    }
    if (!statistics.present()) {
      return in.changed();
    }
    Map<SqlStatement, Impact> out = new IdentityHashMap<>();
    for (MigrationReport m : in.changed()) {
      for (StatementReport s : m.statements()) {
        Optional<String> table = OnlineDdl.alteredTable(s.statement().sql());
        if (s.onlineDdl().isPresent() && table.isPresent()) {
          TraceAnalysis.onlineDdlImpact(
                  table.get(),
                  s.onlineDdl().get(),
                  Optional.empty(),
                  Optional.empty(),
                  statistics,
                  Optional.empty())
              .ifPresent(i -> out.put(s.statement(), i));
        }
      }
    }
    return withImpact(in.changed(), out);
  }

  /** For the trace step: where the statistics came from and the calibrated rates. */
  static String note(Statistics statistics, Optional<Throughput> throughput) {
    return "; "
        + statistics
            .origin()
            .map(o -> "statistics from " + o)
            .orElse("no production statistics (impact" + " severities are the rules')")
        + throughput
            .map(
                t ->
                    "; calibrated COPY "
                        + ByteSize.rate(t.rewriteBytesPerSecond())
                        + ", index build "
                        + ByteSize.rate(t.indexBytesPerSecond())
                        + " (in "
                        + t.measuredIn().toMillis()
                        + " ms, once per replica server)")
            .orElse(statistics.present() ? "; throughput assumed (no calibration)" : "");
  }
}
