package dev.schemawarden.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.app.testing.SimulatedClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue on a real PostgreSQL: one server per class, a fresh database per test. */
class JobQueueTest {
  static EmbeddedPostgres postgres;
  static final AtomicInteger DBS = new AtomicInteger();
  StateStore store;
  JobQueue queue;
  JobAdmin admin;
  SimulatedClock clock = SimulatedClock.startingNow();

  @BeforeAll
  static void server() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void database() throws Exception {
    String name = "q" + DBS.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    store =
        StateStore.open(
            new StateSettings(Optional.of(postgres.getJdbcUrl("postgres", name)), Path.of("x"), 8));
    queue =
        new JobQueue(
            store,
            new QueueSettings(
                Duration.ofSeconds(1),
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Duration.ofMillis(20),
                Duration.ofMinutes(10),
                3,
                Duration.ofSeconds(30)),
            clock);
    admin = new JobAdmin(store, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  JobQueue.Accepted enqueue(String delivery, String key) {
    return queue.accept(
        new Delivery("github", delivery, "pull_request", "opened"),
        Optional.of(new NewJob(key, "override", "{}")));
  }

  @Test
  void a_delivery_is_stored_once_and_its_replay_is_a_duplicate() {
    assertThat(enqueue("d1", "k")).isEqualTo(JobQueue.Accepted.ENQUEUED);
    assertThat(enqueue("d1", "k")).isEqualTo(JobQueue.Accepted.DUPLICATE);
    assertThat(queue.countByStatus().get("queued")).isEqualTo(1);
  }

  @Test
  void a_second_queued_review_of_the_same_pull_request_is_coalesced() {
    NewJob review = new NewJob("pr-1", "review", "{}");
    assertThat(
            queue.accept(
                new Delivery("github", "a", "pull_request", "opened"), Optional.of(review)))
        .isEqualTo(JobQueue.Accepted.ENQUEUED);
    assertThat(
            queue.accept(
                new Delivery("github", "b", "pull_request", "synchronize"), Optional.of(review)))
        .isEqualTo(JobQueue.Accepted.COALESCED);
  }

  @Test
  void a_failed_job_waits_for_its_backoff_on_the_queue_clock() {
    enqueue("d1", "k");
    Job first = queue.claim("w").orElseThrow();
    assertThat(queue.fail(first, "boom", Optional.empty(), Optional.empty()))
        .isEqualTo(JobQueue.Failed.RETRY);
    assertThat(queue.claim("w")).as("still backing off").isEmpty();
    clock.advance(Duration.ofMillis(201));
    Job second = queue.claim("w").orElseThrow();
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.firstAttempt())
        .as("the horizon counts from the first attempt")
        .isEqualTo(first.firstAttempt());
  }

  @Test
  void a_job_failing_for_longer_than_its_horizon_fails_for_good_with_a_clear_error() {
    enqueue("d1", "k");
    Instant start = clock.instant();
    JobQueue.Failed last = JobQueue.Failed.RETRY;
    int attempts = 0;
    while (last == JobQueue.Failed.RETRY) {
      Optional<Job> job = queue.claim("w");
      if (job.isPresent()) {
        attempts++;
        last = queue.fail(job.get(), "HTTP 503", Optional.empty(), Optional.empty());
      }
      clock.advance(Duration.ofSeconds(1));
      assertThat(Duration.between(start, clock.instant()))
          .as("bounded by the horizon")
          .isLessThan(Duration.ofMinutes(11));
    }
    assertThat(last).isEqualTo(JobQueue.Failed.FAILED);
    assertThat(Duration.between(start, clock.instant()))
        .as("retried until close to the 10 min horizon")
        .isGreaterThan(Duration.ofMinutes(9));
    assertThat(attempts)
        .as("backoff capped at 5 s: many attempts, not a fixed small number")
        .isGreaterThan(100);
    JobView failed = admin.list(Optional.of("failed"), 10).get(0);
    assertThat(failed.lastError().orElseThrow())
        .as("says why, how long, and how to requeue")
        .contains(
            "retry horizon of 10m", "warden jobs retry " + failed.id(), "last error: HTTP 503");
  }

  @Test
  void retry_after_is_counted_on_the_queue_clock_and_a_rate_limit_reset_is_honoured() {
    enqueue("d1", "k");
    Job job = queue.claim("w").orElseThrow();
    queue.fail(job, "HTTP 503", Optional.empty(), Optional.of(Duration.ofSeconds(120)));
    clock.advance(Duration.ofSeconds(119));
    assertThat(queue.claim("w")).as("Retry-After: 120 not yet over").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    Job again = queue.claim("w").orElseThrow();
    queue.fail(
        again, "rate limited", Optional.of(clock.instant().plusSeconds(40)), Optional.empty());
    clock.advance(Duration.ofSeconds(39));
    assertThat(queue.claim("w")).as("before the reset").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.claim("w")).isPresent();
  }

  @Test
  void a_deferred_job_uses_no_attempt_and_its_horizon_does_not_start_until_it_runs() {
    enqueue("d1", "k");
    Job job = queue.claim("w").orElseThrow();
    assertThat(queue.defer(job, clock.instant().plusSeconds(30), "breaker open"))
        .isEqualTo(JobQueue.Failed.RETRY);
    JobView view = admin.show(job.id()).orElseThrow();
    assertThat(view.attempts()).as("the deferral undid the claim's attempt").isZero();
    assertThat(view.firstAttemptAt()).as("no attempt made yet").isEmpty();
    assertThat(queue.claim("w")).as("pushed to the probe time").isEmpty();
    assertThat(queue.releaseDeferred("github")).as("the breaker closed").isEqualTo(1);
    Job run = queue.claim("w").orElseThrow();
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(run.firstAttempt()).isEqualTo(clock.instant());
  }

  @Test
  void
      cancelling_a_running_job_discards_its_workers_result_and_retry_requeues_it_with_a_fresh_horizon() {
    enqueue("d1", "k");
    Job job = queue.claim("w").orElseThrow();
    assertThat(admin.cancel(job.id()).status()).isEqualTo("cancelled");
    assertThat(queue.complete(job)).as("the worker's result is discarded").isFalse();
    assertThat(queue.fail(job, "x", Optional.empty(), Optional.empty()))
        .isEqualTo(JobQueue.Failed.LOST);
    assertThat(admin.show(job.id()).orElseThrow().status()).isEqualTo("cancelled");

    clock.advance(Duration.ofHours(1));
    JobView retried = admin.retry(job.id());
    assertThat(retried.status()).isEqualTo("queued");
    assertThat(retried.attempts()).isZero();
    Job again = queue.claim("w").orElseThrow();
    assertThat(again.firstAttempt()).as("the horizon starts over").isEqualTo(clock.instant());
    assertThat(queue.complete(again)).isTrue();
    assertThatThrownBy(() -> admin.retry(job.id()))
        .as("a done job is not retried")
        .hasMessageContaining("job " + job.id() + " is done")
        .hasMessageContaining("only failed or cancelled");
    assertThatThrownBy(() -> admin.cancel(987654)).hasMessageContaining("no job 987654");
  }

  @Test
  void an_expired_lease_is_claimed_again_and_the_old_claim_can_no_longer_complete() {
    enqueue("d1", "k");
    Job lost = queue.claim("dead-worker").orElseThrow();
    assertThat(queue.claim("w")).as("lease still valid").isEmpty();
    clock.advance(Duration.ofMillis(1_100));
    Job reclaimed = queue.claim("w").orElseThrow();
    assertThat(reclaimed.id()).isEqualTo(lost.id());
    assertThat(queue.complete(lost)).as("fenced by the lease owner").isFalse();
    assertThat(queue.complete(reclaimed)).isTrue();
  }

  @Test
  void one_job_per_key_runs_at_a_time_and_concurrent_workers_never_claim_the_same_job()
      throws Exception {
    for (int i = 0; i < 40; i++) {
      enqueue("d" + i, "key-" + (i % 10));
    }
    Set<Long> claimed = ConcurrentHashMap.newKeySet();
    Set<String> runningKeys = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger doubles = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    for (int w = 0; w < 6; w++) {
      String worker = "w" + w;
      pool.execute(
          () -> {
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < 500_000_000L) {
              Optional<Job> job = queue.claim(worker);
              if (job.isEmpty()) {
                continue;
              }
              idleSince = System.nanoTime();
              if (!claimed.add(job.get().id())) {
                doubles.incrementAndGet();
              }
              if (!runningKeys.add(job.get().key())) {
                overlaps.incrementAndGet();
              }
              runningKeys.remove(job.get().key());
              queue.complete(job.get());
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(claimed).hasSize(40);
    assertThat(doubles.get()).as("SKIP LOCKED: no job claimed twice").isZero();
    assertThat(overlaps.get()).as("never two jobs of one key at once").isZero();
    assertThat(queue.countByStatus().get("done")).isEqualTo(40);
  }

  @Test
  void backoff_doubles_with_jitter_and_is_capped() {
    for (int i = 0; i < 50; i++) {
      assertThat(queue.backoff(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(queue.backoff(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
      assertThat(queue.backoff(40)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
    }
  }
}
