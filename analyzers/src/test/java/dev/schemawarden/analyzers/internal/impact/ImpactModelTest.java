package dev.schemawarden.analyzers.internal.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.RelationStatistics;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pure half of the impact model: conflict table, estimates, severities and TR105 grouping. */
class ImpactModelTest {
  private static final long GB = 1L << 30;
  private static final TraceAnalysis.Throughput THROUGHPUT =
      new TraceAnalysis.Throughput(100e6, 400e6, 50e6, 24 << 20, Duration.ofSeconds(1));

  private static TraceResult.TracedStatement stmt(
      int line,
      String sql,
      LockMode mode,
      boolean rewrite,
      List<StatementEffects.ObservedLock> held) {
    SqlStatement s =
        new SqlStatement(
            line - 1,
            sql,
            new SourceSpan("V2__x.sql", line, 1, line, 1),
            new Change.Unknown("test"),
            SqlStatement.ParsedBy.CLASSIFIER,
            Optional.empty());
    List<StatementEffects.ObservedLock> locks =
        mode == null
            ? List.of()
            : List.of(new StatementEffects.ObservedLock("public.orders", mode));
    return new TraceResult.TracedStatement(
        "V2__x.sql",
        s,
        TraceResult.Status.OK,
        new StatementEffects(
            StatementEffects.Source.TRACED,
            locks,
            rewrite
                ? List.of(new StatementEffects.Rewrite("public.orders", "column type"))
                : List.of(),
            List.of(),
            Optional.of(Duration.ofMillis(5)),
            Optional.empty(),
            Optional.empty()),
        Optional.empty(),
        held,
        Optional.of("2s"),
        true,
        List.of(),
        List.of());
  }

  private static TraceAnalysis.Statistics stats(long bytes, long rows, long scans) {
    return new TraceAnalysis.Statistics(
        Optional.of("test"),
        Map.of(
            "public.orders",
            new RelationStatistics("public.orders", bytes, bytes / 5, rows, 0, scans, 0)));
  }

  @Test
  void the_conflict_table_maps_locks_to_blocked_application_statements() {
    assertThat(LockConflicts.blockedBy(LockMode.ACCESS_EXCLUSIVE))
        .hasSize(LockConflicts.values().length);
    assertThat(LockConflicts.blockedBy(LockMode.SHARE))
        .as("CREATE INDEX blocks writes, not reads")
        .contains(LockConflicts.WRITE)
        .doesNotContain(LockConflicts.SELECT, LockConflicts.SELECT_FOR_UPDATE);
    assertThat(LockConflicts.blockedBy(LockMode.SHARE_UPDATE_EXCLUSIVE))
        .as("VALIDATE CONSTRAINT")
        .containsExactly(LockConflicts.VACUUM, LockConflicts.CREATE_INDEX, LockConflicts.DDL);
    assertThat(LockConflicts.describe(LockMode.SHARE))
        .startsWith("blocks INSERT/UPDATE/DELETE")
        .contains("allows SELECT");
  }

  @Test
  void a_lock_an_earlier_statement_of_the_transaction_holds_is_reported_as_held_not_as_no_lock() {
    // CREATE INDEX after an ALTER TABLE in one transaction: pg_locks shows no new request, yet it
    // runs under ACCESS EXCLUSIVE on orders.
    List<StatementEffects.ObservedLock> held =
        List.of(new StatementEffects.ObservedLock("public.orders", LockMode.ACCESS_EXCLUSIVE));
    TraceResult.TracedStatement index = stmt(3, "CREATE INDEX i ON orders (a)", null, false, held);
    StatementEffects predicted =
        StatementEffects.predicted(
            List.of(
                new dev.schemawarden.analyzers.api.PredictedLock(
                    dev.schemawarden.analyzers.api.QualifiedName.of("orders"),
                    LockMode.SHARE,
                    false,
                    false)));
    TraceResult trace =
        new TraceResult(List.of(index), new ServerVersion(17, 0), Duration.ofMillis(5));

    StatementEffects effects =
        TraceAnalysis.analyze(
                trace,
                ts -> Optional.of(predicted),
                TraceAnalysis.Statistics.NONE,
                Optional.empty(),
                List.of())
            .effects()
            .get(0);

    assertThat(effects.locks())
        .as("the held lock, marked as taken earlier")
        .containsExactly(
            new StatementEffects.ObservedLock("public.orders", LockMode.ACCESS_EXCLUSIVE, true));

    StatementEffects alone =
        TraceAnalysis.analyze(
                trace,
                ts -> Optional.empty(),
                TraceAnalysis.Statistics.NONE,
                Optional.empty(),
                List.of())
            .effects()
            .get(0);
    assertThat(alone.locks())
        .as("without a prediction nothing says the statement needs orders")
        .isEmpty();
  }

  @Nested
  class severity {
    private Severity of(TraceAnalysis.Statistics st) {
      TraceResult.TracedStatement ts =
          stmt(
              2,
              "ALTER TABLE orders ALTER amount TYPE bigint",
              LockMode.ACCESS_EXCLUSIVE,
              true,
              List.of());
      return ImpactEstimator.severity(ImpactEstimator.estimate(ts, false, st, THROUGHPUT), st);
    }

    @Test
    void a_rewrite_of_a_big_used_table_is_an_error_and_of_an_empty_one_info() {
      assertThat(of(stats(50 * GB, 400_000_000, 10))).isEqualTo(Severity.ERROR);
      assertThat(of(stats(16_384, 0, 10))).isEqualTo(Severity.INFO);
      assertThat(of(TraceAnalysis.Statistics.NONE))
          .as("no statistics: info")
          .isEqualTo(Severity.INFO);
      assertThat(of(stats(50 * GB, 400_000_000, 0)))
          .as("big but unused: warning")
          .isEqualTo(Severity.WARNING);
    }

    @Test
    void the_estimate_divides_bytes_by_the_calibrated_throughput() {
      TraceResult.TracedStatement ts =
          stmt(
              2,
              "ALTER TABLE orders ALTER amount TYPE bigint",
              LockMode.ACCESS_EXCLUSIVE,
              true,
              List.of());
      StatementEffects.Impact i =
          ImpactEstimator.estimate(ts, false, stats(10 * GB, 1, 1), THROUGHPUT).orElseThrow();
      double expected = 8.0 * GB / 100e6 + 2.0 * GB / 50e6;
      assertThat(i.estimatedLockHeld().toMillis() / 1000.0)
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
      assertThat(i.computation()).contains("rewrite: 8 GiB /").contains("index rebuild 2 GiB");
    }
  }

  @Test
  void statements_after_an_access_exclusive_in_one_transaction_are_TR105_at_the_first() {
    List<StatementEffects.ObservedLock> ae =
        List.of(new StatementEffects.ObservedLock("public.orders", LockMode.ACCESS_EXCLUSIVE));
    TraceResult trace =
        new TraceResult(
            List.of(
                stmt(
                    1, "ALTER TABLE orders ADD COLUMN a int", LockMode.ACCESS_EXCLUSIVE, false, ae),
                stmt(2, "UPDATE customers SET x = 1", null, false, ae),
                stmt(3, "CREATE TABLE t (id int)", null, false, ae),
                stmt(4, "COMMIT", null, false, List.of())),
            new ServerVersion(17, 0),
            Duration.ofMillis(30));

    TraceAnalysis.Result r =
        TraceAnalysis.analyze(
            trace,
            ts -> Optional.empty(),
            TraceAnalysis.Statistics.NONE,
            Optional.empty(),
            List.of());

    assertThat(r.findings())
        .filteredOn(f -> f.rule().equals("TR105"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.span().line()).isEqualTo(1);
              assertThat(f.message()).contains("2 more statements").contains("through line 3");
            });
    assertThat(r.effects().get(0).impact()).isPresent();
  }
}
