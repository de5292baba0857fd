package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.jobs.QueueSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Soak (bounded, loopback only): one delivery a second for a minute, each a different pull request, while the fake
 * GitHub is down (503 to every call) 10% of the time, in half-second windows drawn at random. No job lost (all
 * done, none failed), none duplicated (one check run per job, each completed), heap flat. A few minutes, so tagged
 * {@code bench}: {@code mvn -B -ntp -o -q -pl app -am test -Dtest=FaultSoakTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dwarden.excludedGroups=none}. Figures: docs/benchmarks.md, "Faults: soak".
 */
@Tag("bench")
class FaultSoakTest {
  static final int DELIVERIES = 60;

  @Test
  void a_minute_of_deliveries_with_ten_percent_host_failures_loses_and_duplicates_nothing() {
    FakeGitHub github =
        new FakeGitHub(
            GithubWebhookEndToEndTest.REPO,
            2,
            GithubWebhookEndToEndTest.BASE,
            GithubWebhookEndToEndTest.HEAD);
    String v4 = repoFile("db/migration/V4__orders_status.sql");
    github.file(
        "db/migration/V4__orders_status.sql",
        "added",
        GithubWebhookEndToEndTest.addedPatch(v4),
        v4,
        null);
    github.content(
        GithubWebhookEndToEndTest.HEAD, ".schemawarden.yml", repoFile("schemawarden.yml"));
    for (int n = 3; n < 2 + DELIVERIES; n++) {
      github.alsoPulls.add(n);
    }
    // Down 10% of the time, at random: each half-second window is an outage with probability 0.1.
    Map<Long, Boolean> windows = new java.util.concurrent.ConcurrentHashMap<>();
    github.outage(
        java.time.Clock.systemUTC(),
        Instant.EPOCH,
        route ->
            windows.computeIfAbsent(
                System.nanoTime() / 500_000_000L,
                w -> ThreadLocalRandom.current().nextInt(10) == 0),
        new FakeGitHub.Injected(503, Map.of(), "{\"message\":\"Service Unavailable\"}"));
    String stateUrl = ServiceHarness.freshDatabase();
    ServiceConfig config =
        ServiceHarness.config(stateUrl, github.url())
            .withQueue(
                new QueueSettings(
                    Duration.ofMinutes(2),
                    Duration.ofMillis(200),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(50),
                    Duration.ofHours(1),
                    5,
                    Duration.ofSeconds(2)));
    WardenServer server = ServiceHarness.start(config);
    try {
      long heapBefore = heapAfterGc();
      long started = System.nanoTime();
      for (int i = 0; i < DELIVERIES; i++) {
        long due = started + Duration.ofSeconds(i).toNanos();
        OutageEndToEndTest.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
        assertThat(
                deliver(server.port(), "pull_request", OutageEndToEndTest.pullRequest(2 + i))
                    .statusCode())
            .isEqualTo(202);
      }
      ServiceHarness.await(
          "every job done",
          Duration.ofMinutes(3),
          () -> count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'") == DELIVERIES);
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      long heapAfter = heapAfterGc();
      assertThat(count(stateUrl, "SELECT count(*) FROM jobs"))
          .as("one job per delivery")
          .isEqualTo(DELIVERIES);
      assertThat(count(stateUrl, "SELECT count(*) FROM jobs WHERE status <> 'done'"))
          .as("none lost")
          .isZero();
      assertThat(github.checkRuns).as("one check run per job: none duplicated").hasSize(DELIVERIES);
      assertThat(github.checkRuns.values())
          .allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("completed"));
      assertThat(
              github.checkRuns.values().stream()
                  .map(r -> r.path("external_id").asText())
                  .collect(Collectors.toSet()))
          .hasSize(DELIVERIES);
      long attempts = count(stateUrl, "SELECT sum(attempts) FROM jobs");
      System.out.printf(
          "soak: %d deliveries in %d s, %d attempts, %d of %d windows down, %d refused calls of %d,"
              + " heap %d MiB -> %d MiB%n",
          DELIVERIES,
          seconds,
          attempts,
          windows.values().stream().filter(b -> b).count(),
          windows.size(),
          github.refused.get(),
          github.refused.get() + github.calls().size(),
          heapBefore >> 20,
          heapAfter >> 20);
      assertThat(heapAfter)
          .as("heap flat: %d -> %d bytes", heapBefore, heapAfter)
          .isLessThan(heapBefore + (64L << 20));
    } finally {
      server.stop(Duration.ZERO);
      github.close();
    }
  }

  static long heapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      OutageEndToEndTest.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
