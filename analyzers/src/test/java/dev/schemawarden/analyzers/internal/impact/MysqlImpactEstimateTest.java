package dev.schemawarden.analyzers.internal.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.schemawarden.analyzers.api.Change;
import dev.schemawarden.analyzers.api.Finding;
import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.RelationStatistics;
import dev.schemawarden.analyzers.api.Severity;
import dev.schemawarden.analyzers.api.SourceSpan;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.analyzers.api.StatementEffects.Impact;
import dev.schemawarden.analyzers.api.TraceAnalysis;
import dev.schemawarden.analyzers.api.TraceAnalysis.Statistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The MySQL/MariaDB path of {@link ImpactEstimator}: the accepted ALGORITHM/LOCK decides the lock and its time. */
class MysqlImpactEstimateTest {
  private static final long GB = 1L << 30;
  private static final TraceAnalysis.Throughput RATES =
      new TraceAnalysis.Throughput(100e6, 400e6, 50e6, 24 << 20, Duration.ofSeconds(1));
  private static final Duration REPLICA = Duration.ofMillis(12);

  private static Statistics orders(long bytes, long rows, double writes) {
    return new Statistics(
        Optional.of("snapshot prod.json"),
        Map.of(
            "shop.orders",
            new RelationStatistics("shop.orders", bytes, bytes / 5, rows, writes, 0, 0)));
  }

  private static OnlineDdl.Verdict traced(String algorithm, String lock) {
    return new OnlineDdl.Verdict(algorithm, lock, OnlineDdl.Source.TRACED);
  }

  private static Impact impact(OnlineDdl.Verdict v, boolean rebuilt, Statistics st) {
    return ImpactEstimator.estimateOnlineDdl(
            "orders", v, Optional.of(rebuilt), Optional.of(REPLICA), st, Optional.of(RATES))
        .orElseThrow();
  }

  @Nested
  class the_lock_and_its_time {
    @Test
    void a_copy_blocks_writes_for_production_s_bytes_at_the_calibrated_rate() {
      Impact i = impact(traced("COPY", "SHARED"), true, orders(10 * GB, 50_000_000, 200));

      assertThat(i.relation())
          .as("the unqualified name found in the snapshotted database")
          .isEqualTo("shop.orders");
      assertThat(i.mode())
          .as("LOCK=SHARED has SHARE's conflicts: writes wait, reads go on")
          .isEqualTo(LockMode.SHARE);
      assertThat(i.estimatedLockHeld().toMillis() / 1000.0)
          .as("8 GB table / 100 MB/s + 2 GB index / 50 MB/s")
          .isCloseTo(8.0 * GB / 100e6 + 2.0 * GB / 50e6, offset(1.0));
      assertThat(i.blocks())
          .startsWith("blocks INSERT/UPDATE/DELETE")
          .contains("allows SELECT")
          .contains("200 writes/s");
      assertThat(i.computation())
          .contains("ALGORITHM=COPY, LOCK=SHARED (traced)")
          .contains("rebuild: 8 GiB /")
          .contains("calibrated on the replica")
          .contains("snapshot prod.json");
    }

    @Test
    void lock_exclusive_blocks_reads_too() {
      Impact i = impact(traced("COPY", "EXCLUSIVE"), true, orders(10 * GB, 1, 0));
      assertThat(i.mode()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
      assertThat(i.blocks()).startsWith("blocks SELECT");
      assertThat(i.estimatedLockHeld())
          .as("for the whole rebuild")
          .isGreaterThan(Duration.ofSeconds(60));
    }

    @Test
    void
        an_online_rebuild_holds_only_the_metadata_lock_and_says_it_queues_behind_open_transactions() {
      Impact i = impact(traced("INPLACE", "NONE"), true, orders(10 * GB, 1, 200));
      assertThat(i.estimatedLockHeld())
          .as("the statement's time on the replica, not the rebuild's")
          .isEqualTo(REPLICA);
      assertThat(i.computation())
          .as("the rebuild's time is still said")
          .contains("rebuild: 8 GiB")
          .contains("while reads and writes go on");
      assertThat(i.blocks()).contains("behind any open transaction").contains("lock_wait_timeout");
    }

    @Test
    void instant_is_metadata_only() {
      Impact i = impact(traced("INSTANT", "NONE"), false, orders(10 * GB, 1, 200));
      assertThat(i.estimatedLockHeld()).isEqualTo(REPLICA);
      assertThat(i.computation()).contains("metadata only");
    }

    @Test
    void an_in_place_build_under_a_shared_lock_reads_the_table_at_the_index_rate() {
      Impact i = impact(traced("INPLACE", "SHARED"), false, orders(10 * GB, 1, 0));
      assertThat(i.estimatedLockHeld().toMillis() / 1000.0).isCloseTo(8.0 * GB / 50e6, offset(1.0));
    }

    @Test
    void
        a_prediction_without_a_replica_assumes_a_rate_and_says_so_and_without_statistics_gives_none() {
      OnlineDdl.Verdict predicted =
          new OnlineDdl.Verdict("COPY", "SHARED", OnlineDdl.Source.PREDICTED);
      Impact i =
          ImpactEstimator.estimateOnlineDdl(
                  "orders",
                  predicted,
                  Optional.empty(),
                  Optional.empty(),
                  orders(10 * GB, 1, 0),
                  Optional.empty())
              .orElseThrow();
      assertThat(i.computation()).contains("(predicted)").contains("throughput assumed");
      assertThat(i.estimatedLockHeld().toMillis() / 1000.0)
          .as("at the assumed rates")
          .isCloseTo(
              8.0 * GB / ImpactEstimator.ASSUMED_MYSQL.rewriteBytesPerSecond()
                  + 2.0 * GB / ImpactEstimator.ASSUMED_MYSQL.indexBytesPerSecond(),
              offset(1.0));
      assertThat(
              ImpactEstimator.estimateOnlineDdl(
                  "orders",
                  predicted,
                  Optional.empty(),
                  Optional.empty(),
                  Statistics.NONE,
                  Optional.empty()))
          .as("nothing to weigh a prediction with")
          .isEmpty();
    }
  }

  @Nested
  class severity {
    private Severity of(OnlineDdl.Verdict v, boolean rebuilt, Statistics st) {
      return ImpactEstimator.severity(Optional.of(impact(v, rebuilt, st)), st);
    }

    @Test
    void a_copy_of_a_written_table_over_a_second_is_an_error_of_an_empty_one_info() {
      assertThat(of(traced("COPY", "SHARED"), true, orders(10 * GB, 50_000_000, 200)))
          .isEqualTo(Severity.ERROR);
      assertThat(of(traced("COPY", "SHARED"), true, orders(16_384, 0, 200)))
          .as("InnoDB's empty table: one page")
          .isEqualTo(Severity.INFO);
      assertThat(of(traced("COPY", "SHARED"), true, orders(10 * GB, 50_000_000, 0)))
          .as("big but no writes counted (performance_schema off): warning")
          .isEqualTo(Severity.WARNING);
      assertThat(of(traced("INPLACE", "NONE"), true, orders(10 * GB, 50_000_000, 200)))
          .as("online: the metadata lock is a blip")
          .isEqualTo(Severity.INFO);
    }

    @Test
    void tr102_takes_the_impact_s_severity_and_estimate_where_statistics_exist() {
      SqlStatement s =
          new SqlStatement(
              0,
              "ALTER TABLE orders MODIFY id BIGINT",
              new SourceSpan("V2__x.sql", 1, 1, 1, 1),
              new Change.Unknown("test"),
              SqlStatement.ParsedBy.CLASSIFIER,
              Optional.empty());
      OnlineDdl.Run run =
          new OnlineDdl.Run(
              s,
              OnlineDdl.Status.OK,
              Optional.of(
                  new OnlineDdl.Traced(
                      "orders",
                      Optional.of(traced("COPY", "SHARED")),
                      true,
                      Optional.empty(),
                      REPLICA,
                      List.of())),
              Optional.empty(),
              REPLICA);
      Statistics empty = orders(16_384, 0, 0);
      Map<SqlStatement, Impact> impacts = new java.util.IdentityHashMap<>();
      impacts.put(s, impact(traced("COPY", "SHARED"), true, empty));

      Finding weighed = MysqlTraceVerdicts.findings("mariadb", List.of(run), impacts, empty).get(0);
      Finding rule = MysqlTraceVerdicts.findings("mariadb", List.of(run)).get(0);

      assertThat(weighed.severity()).as("an empty table: info, weighed").isEqualTo(Severity.INFO);
      assertThat(weighed.evidence().get(0).weighed()).isTrue();
      assertThat(weighed.message()).contains("Estimated on production (shop.orders is 16 KiB");
      assertThat(rule.severity())
          .as("no statistics: the rule's error for a COPY")
          .isEqualTo(Severity.ERROR);
      assertThat(rule.evidence().get(0).weighed()).isFalse();
    }
  }

  /** Snapshot statistics are repository content. */
  @Nested
  class hostile_statistics {
    @Test
    void negative_huge_and_nan_values_are_clamped_and_named() {
      List<String> notes = new ArrayList<>();
      RelationStatistics r =
          RelationStatistics.clamped(
              "shop.orders", 1e30, -5, Double.NaN, Double.POSITIVE_INFINITY, -1, 3, notes);

      assertThat(r.totalBytes()).isEqualTo(RelationStatistics.MAX_BYTES);
      assertThat(r.indexBytes()).isZero();
      assertThat(r.rows()).isZero();
      assertThat(r.writesPerSecond()).isEqualTo(RelationStatistics.MAX_WRITES_PER_SECOND);
      assertThat(notes)
          .as("one line per clamped value")
          .hasSize(4)
          .allMatch(n -> n.startsWith("shop.orders: "));
    }

    @Test
    void the_largest_table_the_statistics_allow_gives_a_bounded_estimate() {
      Statistics st =
          new Statistics(
              Optional.of("x"),
              Map.of(
                  "shop.orders",
                  RelationStatistics.clamped(
                      "shop.orders", Double.MAX_VALUE, 0, 1e300, 1e300, 0, 0, new ArrayList<>())));
      TraceAnalysis.Throughput crawl =
          new TraceAnalysis.Throughput(1e-300, 1e-300, 1e-300, 1, Duration.ZERO);

      Impact i =
          ImpactEstimator.estimateOnlineDdl(
                  "orders",
                  traced("COPY", "SHARED"),
                  Optional.of(true),
                  Optional.of(REPLICA),
                  st,
                  Optional.of(crawl))
              .orElseThrow();

      assertThat(i.estimatedLockHeld())
          .as("capped, no overflow")
          .isEqualTo(ImpactEstimator.MAX_ESTIMATE);
      assertThat(i.computation()).contains("clamped");
      assertThat(ImpactEstimator.severity(Optional.of(i), st)).isEqualTo(Severity.ERROR);
    }
  }
}
