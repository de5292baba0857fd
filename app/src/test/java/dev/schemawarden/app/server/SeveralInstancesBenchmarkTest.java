package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures for docs/benchmarks.md ("Several instances"): deliveries acknowledged per second and their p99, reviews
 * completed per minute, and the time from {@code kill -9} to the dead instance's review being taken over. Run with
 * {@code mvn -pl app -am test -Dtest=SeveralInstancesBenchmarkTest -Dwarden.excludedGroups=none}.
 */
@Tag("bench")
class SeveralInstancesBenchmarkTest {
  static final Duration WAIT = Duration.ofMinutes(10);

  record Figures(
      int instances,
      int deliveries,
      double acksPerSecond,
      Duration p50,
      Duration p99,
      double reviewsPerMinute) {}

  static Figures measure(SeveralInstances cluster, int instances, int deliveries, boolean kill)
      throws Exception {
    long t0 = System.nanoTime();
    List<String> sent = cluster.burst(deliveries, 8, kill);
    double burstSeconds = (System.nanoTime() - t0) / 1e9;
    long reviewsAtBurstEnd = cluster.jobs("status = 'done'");
    if (kill) {
      cluster.startProcess();
    }
    await("every job finished", WAIT, () -> cluster.jobs("status IN ('queued', 'running')") == 0);
    double minutes = (System.nanoTime() - t0) / 6e10;
    assertThat(ServiceHarness.count(cluster.stateUrl, "SELECT count(*) FROM deliveries"))
        .isEqualTo(sent.size());
    assertThat(cluster.jobs("status = 'failed'")).isZero();
    Figures f =
        new Figures(
            instances,
            sent.size(),
            sent.size() / burstSeconds,
            cluster.ackPercentile(50),
            cluster.ackPercentile(99),
            cluster.jobs("status = 'done'") / minutes);
    System.out.printf(
        "BENCH several-instances %s (reviews done during the burst: %d)%n", f, reviewsAtBurstEnd);
    return f;
  }

  /** Three real {@code warden serve} processes, as the issue has it; one is killed and started again. */
  @Test
  void three_processes_5000_deliveries_one_killed_with_kill_9_mid_burst() throws Exception {
    try (SeveralInstances cluster = new SeveralInstances().start(0, true).withSteadyProcesses(2)) {
      measure(cluster, 3, 5_000, true);
      System.out.printf(
          "BENCH several-instances takeover after kill -9: %d ms (lease %s), redelivered %d%n",
          cluster.takeover().toMillis(), SeveralInstances.LEASE, cluster.redelivered.get());
      assertThat(
              cluster.jobs("lease_owner LIKE '" + cluster.killedPid + "@%' AND status = 'running'"))
          .isZero();
    }
  }

  /** Offered rates, deliveries per second, each held for {@link #PACED_SECONDS}. */
  static final List<Integer> RATES = List.of(50, 100, 200, 400);

  static final int PACED_SECONDS = 5;
  static final Duration TARGET_P99 = Duration.ofMillis(50);

  /**
   * The figure read as a service level: the highest offered rate whose acknowledgement p99 stays under
   * 50 ms, for one, two and three instances. The closed-loop bursts above measure saturation instead (eight
   * senders as fast as the service answers), where the p99 is queueing by construction.
   */
  @Test
  void acknowledged_per_second_with_p99_under_50_ms() throws Exception {
    for (int n = 1; n <= 3; n++) {
      int best = 0;
      // Processes, each its own JVM (heap, GC, JIT) as on separate hosts, sharing only this
      // machine's two cores.
      try (SeveralInstances cluster =
          new SeveralInstances().start(0, false).withSteadyProcesses(n)) {
        cluster.paced(200, 100); // warm-up: JIT, pools, the first review
        for (int rate : RATES) {
          List<Long> latencies = cluster.paced(rate * PACED_SECONDS, rate);
          Duration p50 = SeveralInstances.percentile(latencies, 50);
          Duration p99 = SeveralInstances.percentile(latencies, 99);
          System.out.printf(
              "BENCH several-instances paced instances=%d offered=%d/s deliveries=%d p50=%.1f ms"
                  + " p99=%.1f ms%n",
              n, rate, latencies.size(), p50.toNanos() / 1e6, p99.toNanos() / 1e6);
          if (p99.compareTo(TARGET_P99) < 0 && best == RATES.indexOf(rate)) {
            best++; // counts only rates whose every lower rate held the target too
          }
        }
        await(
            "every job finished", WAIT, () -> cluster.jobs("status IN ('queued', 'running')") == 0);
        assertThat(cluster.jobs("status = 'failed'")).isZero();
      }
      System.out.printf(
          "BENCH several-instances paced instances=%d highest offered rate with p99 < 50 ms at it"
              + " and every lower rate: %s%n",
          n, best == 0 ? "none" : RATES.get(best - 1) + "/s");
    }
  }

  @Test
  void one_two_and_three_instances_in_one_jvm() throws Exception {
    for (int n = 1; n <= 3; n++) {
      try (SeveralInstances cluster = new SeveralInstances().start(n, false)) {
        measure(cluster, n, 2_000, false);
      }
    }
  }
}
