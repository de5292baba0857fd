package dev.schemawarden.analyzers.internal.impact;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LockTracer;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.RuleMeta;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.Suppressions;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceOptions;
import dev.schemawarden.analyzers.api.TraceResult;
import dev.schemawarden.analyzers.api.WardenException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One traced change, start to end: the foreign keys before, the trace, the foreign keys it left uncovered, the
 * impact analysis and the {@code warden:ignore} directives. Callers hand over a replica's connections; the order of
 * these steps matters (the probe must see the schema before the trace) and lives here, once.
 */
public final class ChangeTracing {
  private static final Set<String> TRACE_RULES =
      TraceRules.ALL.stream().map(RuleMeta::id).collect(Collectors.toUnmodifiableSet());

  private ChangeTracing() {}

  public static TraceAnalysis.TracedChange trace(
      LockTracer tracer,
      LockTracer.Connections connections,
      List<Migration> migrations,
      TraceOptions options,
      Function<SqlStatement, Optional<StatementEffects>> predicted,
      TraceAnalysis.Statistics statistics,
      Optional<TraceAnalysis.Throughput> throughput) {
    Set<String> foreignKeysBefore = sql(connections, ForeignKeyProbe::all);
    TraceResult result = tracer.trace(connections, migrations, options);
    // A replica its watchdog stopped refuses new sessions; the stop is already the trace's finding.
    List<TraceAnalysis.ForeignKeyGap> gaps =
        connections.stopReason().isPresent()
            ? List.of()
            : sql(connections, c -> ForeignKeyProbe.uncovered(c, foreignKeysBefore));
    TraceAnalysis.Result analysis =
        TraceVerdicts.analyze(
            result, ts -> predicted.apply(ts.statement()), statistics, throughput, gaps);
    Map<SqlStatement, StatementEffects> effects = new IdentityHashMap<>();
    for (int i = 0; i < result.statements().size(); i++) {
      effects.put(result.statements().get(i).statement(), analysis.effects().get(i));
    }
    // The lint runner applied warden:ignore before the trace existed; the same directives hide TR
    // findings.
    List<Finding> findings = Suppressions.filter(migrations, analysis.findings(), TRACE_RULES);
    return new TraceAnalysis.TracedChange(result, effects, findings);
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private static <T> T sql(LockTracer.Connections connections, SqlWork<T> work) {
    try (Connection c = connections.open()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "replica: " + e.getMessage(), e);
    }
  }
}
