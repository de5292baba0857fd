package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static dev.schemawarden.app.server.ServiceHarness.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.jobs.QueueSettings;
import dev.schemawarden.app.testing.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitHub answers 503 for ten minutes of simulated time (the queue and the breaker run on a {@link SimulatedClock}
 * the test advances): every job completes afterwards, exactly once in its effects, and the outage does not burn the
 * jobs' attempts.
 */
class OutageEndToEndTest {
  static final String REPO = GithubWebhookEndToEndTest.REPO;
  static final int PULLS = 8;

  final SimulatedClock clock = SimulatedClock.startingNow();
  FakeGitHub github;
  String stateUrl;
  WardenServer server;
  ServiceHarness.LogCapture logs;

  @BeforeEach
  void start() {
    logs = new ServiceHarness.LogCapture();
    github =
        new FakeGitHub(REPO, 2, GithubWebhookEndToEndTest.BASE, GithubWebhookEndToEndTest.HEAD);
    String v4 = repoFile("db/migration/V4__orders_status.sql");
    github.file(
        "db/migration/V4__orders_status.sql",
        "added",
        GithubWebhookEndToEndTest.addedPatch(v4),
        v4,
        null);
    github.content(
        GithubWebhookEndToEndTest.HEAD, ".schemawarden.yml", repoFile("schemawarden.yml"));
    for (int n = 3; n < 2 + PULLS; n++) {
      github.alsoPulls.add(n);
    }
    stateUrl = ServiceHarness.freshDatabase();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    github.close();
    logs.close();
  }

  /** Simulated durations: a lease no clock jump can outlast, backoff 5 s..60 s, breaker after 5 failures. */
  static QueueSettings queue() {
    return new QueueSettings(
        Duration.ofHours(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Duration.ofMillis(20),
        Duration.ofHours(6),
        5,
        Duration.ofSeconds(30));
  }

  static byte[] pullRequest(int number) {
    try {
      ObjectNode p = (ObjectNode) FakeGitHub.JSON.readTree(payload("pull_request.opened.json"));
      p.put("number", number);
      ((ObjectNode) p.get("pull_request")).put("number", number);
      return FakeGitHub.JSON.writeValueAsBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void ten_minutes_of_503_then_every_job_completes_exactly_once_without_burning_its_attempts() {
    Instant back = clock.instant().plus(Duration.ofMinutes(10));
    github.outage(
        clock,
        back,
        route -> false,
        new FakeGitHub.Injected(503, Map.of(), "{\"message\":\"Service Unavailable\"}"));
    server =
        WardenServer.start(
            ServiceHarness.config(stateUrl, github.url()).withQueue(queue()),
            dev.schemawarden.app.testing.Reviews.service(),
            clock);
    for (int n = 2; n < 2 + PULLS; n++) {
      assertThat(deliver(server.port(), "pull_request", pullRequest(n)).statusCode())
          .as("accepted although the host is down")
          .isEqualTo(202);
    }
    boolean sawOpen = false;
    long realDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'") < PULLS) {
      assertThat(System.nanoTime())
          .as("all jobs done within 2 real minutes")
          .isLessThan(realDeadline);
      assertThat(count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'failed'"))
          .as("none given up")
          .isZero();
      clock.advance(Duration.ofSeconds(5));
      if (clock.instant().isBefore(back) && !sawOpen) {
        sawOpen =
            ServiceHarness.get(server.port(), "/metrics")
                .body()
                .contains(
                    "warden_host_breaker_state{api=\"" + github.url() + "\",host=\"github\"} 1.0");
      }
      sleep(20);
    }
    assertThat(sawOpen).as("/metrics showed the github breaker open during the outage").isTrue();
    assertThat(github.checkRuns).as("one check run per job").hasSize(PULLS);
    Map<String, Long> completions =
        github.calls().stream()
            .filter(
                c ->
                    c.method().equals("PATCH")
                        && c.path().contains("/check-runs/")
                        && c.body().contains("\"completed\""))
            .collect(Collectors.groupingBy(FakeGitHub.Call::path, Collectors.counting()));
    assertThat(completions)
        .as("each check completed once, none twice")
        .hasSize(PULLS)
        .allSatisfy((path, n) -> assertThat(n).isEqualTo(1L));
    assertThat(github.checkRuns.values())
        .allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("completed"));
    long attempts = count(stateUrl, "SELECT sum(attempts) FROM jobs");
    // Without the breaker each job fails about every 5..60 s for 10 minutes: 12 jobs x ~15
    // attempts.
    assertThat(attempts)
        .as("the breaker held the jobs: %s attempts in all", attempts)
        .isLessThan(PULLS * 5L);
    List<String> lines = logs.lines();
    String story =
        lines.stream()
            .filter(l -> l.contains("circuit breaker") || l.contains("attempt"))
            .collect(Collectors.joining("\n"));
    assertThat(lines.stream().filter(l -> l.contains("circuit breaker open,")))
        .as("one line when it opens:\n%s", story)
        .hasSize(1);
    assertThat(lines.stream().filter(l -> l.contains("is answering again: circuit breaker closed")))
        .as("one when it closes:\n%s", story)
        .hasSize(1);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
