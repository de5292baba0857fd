package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.get;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.jobs.Job;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SIGTERM} on one of two instances sharing a state store (what ServeCommand's shutdown hook calls): unready
 * first, no new claims, the running job finishes within the grace period or is released and run by the other one.
 */
class GracefulStopTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  FakeGitHub github;
  String stateUrl;
  WardenServer stopping;
  WardenServer other;
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch finish = new CountDownLatch(1);
  final AtomicReference<String> ranBy = new AtomicReference<>("");

  @BeforeEach
  void start() {
    github =
        new FakeGitHub(
            GithubWebhookEndToEndTest.REPO,
            2,
            GithubWebhookEndToEndTest.BASE,
            GithubWebhookEndToEndTest.HEAD);
    stateUrl = ServiceHarness.freshDatabase();
  }

  @AfterEach
  void stop() {
    finish.countDown();
    for (WardenServer s : new WardenServer[] {stopping, other}) {
      if (s != null) {
        s.stop(Duration.ZERO);
      }
    }
    github.close();
  }

  /** An instance whose jobs wait for {@link #finish} (a long review); {@code name} records who completed one. */
  WardenServer instance(String name, boolean blocks) {
    ServiceConfig config = ServiceHarness.config(stateUrl, github.url());
    return WardenServer.start(
        config,
        List.of(new GithubCodeHost(config.github().orElseThrow())),
        (store, hosts) ->
            (Job job) -> {
              if (blocks) {
                started.countDown();
                finish.await(); // interrupted when the grace period is over
              }
              ranBy.set(name);
            },
        Optional.empty());
  }

  long jobs(String where) {
    return count(stateUrl, "SELECT count(*) FROM jobs WHERE " + where);
  }

  @Test
  void a_stopping_instance_turns_unready_first_and_its_running_job_completes_within_the_grace()
      throws Exception {
    stopping = instance("a", true);
    assertThat(
            deliver(stopping.port(), "pull_request", payload("pull_request.opened.json"))
                .statusCode())
        .isEqualTo(202);
    assertThat(started.await(10, TimeUnit.SECONDS)).as("the review is running").isTrue();

    CompletableFuture<Void> sigterm =
        CompletableFuture.runAsync(() -> stopping.stop(Duration.ofSeconds(15)));
    await(
        "/readyz unready while the job still runs",
        WAIT,
        () -> get(stopping.port(), "/readyz").statusCode() == 503);
    assertThat(get(stopping.port(), "/readyz").body()).contains("stopping");
    assertThat(
            deliver(stopping.port(), "pull_request", payload("pull_request.synchronize.json"))
                .statusCode())
        .as("deliveries still stored while it drains (another instance runs them)")
        .isEqualTo(202);
    assertThat(jobs("status = 'running'"))
        .as("still running: the grace period is not over")
        .isEqualTo(1);
    assertThat(jobs("status = 'queued'")).as("no new claim once stopping").isEqualTo(1);

    finish.countDown();
    sigterm.get(20, TimeUnit.SECONDS);
    stopping = null;
    assertThat(jobs("status = 'done'"))
        .as("finished within the grace, by the stopping instance")
        .isEqualTo(1);
    assertThat(ranBy.get()).isEqualTo("a");
  }

  @Test
  void a_job_still_running_after_the_grace_is_released_and_completed_by_another_instance_at_once()
      throws Exception {
    stopping = instance("a", true);
    assertThat(
            deliver(stopping.port(), "pull_request", payload("pull_request.opened.json"))
                .statusCode())
        .isEqualTo(202);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    stopping.stop(Duration.ofMillis(300));
    stopping = null;

    assertThat(jobs("status = 'queued' AND lease_owner IS NULL AND attempts = 0"))
        .as("released, unattempted, due now: not left leased until the lease expires")
        .isEqualTo(1);
    other = instance("b", false);
    await("the other instance completes it", WAIT, () -> jobs("status = 'done'") == 1);
    assertThat(ranBy.get()).isEqualTo("b");
  }
}
