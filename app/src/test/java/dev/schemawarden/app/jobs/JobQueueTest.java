package dev.schemawarden.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
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
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    store = StateStore.open(new StateSettings(Optional.of(postgres.getJdbcUrl("postgres", name)), Path.of("x"), 8));
    queue = new JobQueue(store, new QueueSettings(
        Duration.ofSeconds(1), 3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(20)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  JobQueue.Accepted enqueue(String delivery, String key) {
    return queue.accept(new Delivery("github", delivery, "pull_request", "opened"),
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
    assertThat(queue.accept(new Delivery("github", "a", "pull_request", "opened"), Optional.of(review)))
        .isEqualTo(JobQueue.Accepted.ENQUEUED);
    assertThat(queue.accept(new Delivery("github", "b", "pull_request", "synchronize"), Optional.of(review)))
        .isEqualTo(JobQueue.Accepted.COALESCED);
  }

  @Test
  void a_failed_job_waits_for_its_backoff_and_is_failed_after_max_attempts() {
    enqueue("d1", "k");
    Job first = queue.claim("w").orElseThrow();
    queue.fail(first, "boom", Optional.empty());
    assertThat(queue.claim("w")).as("still backing off").isEmpty();
    Job second = awaitClaim();
    assertThat(second.attempts()).isEqualTo(2);
    queue.fail(second, "boom", Optional.empty());
    Job third = awaitClaim();
    queue.fail(third, "boom", Optional.empty());
    assertThat(queue.countByStatus().get("failed")).isEqualTo(1);
  }

  @Test
  void not_before_defers_the_retry_past_the_backoff() {
    enqueue("d1", "k");
    Job job = queue.claim("w").orElseThrow();
    Instant reset = Instant.now().plusMillis(800);
    queue.fail(job, "rate limited", Optional.of(reset));
    Job again = awaitClaim();
    assertThat(Instant.now()).isAfterOrEqualTo(reset);
    assertThat(again.id()).isEqualTo(job.id());
  }

  @Test
  void an_expired_lease_is_claimed_again_and_the_old_claim_can_no_longer_complete() {
    enqueue("d1", "k");
    Job lost = queue.claim("dead-worker").orElseThrow();
    assertThat(queue.claim("w")).as("lease still valid").isEmpty();
    Job reclaimed = awaitClaim();
    assertThat(reclaimed.id()).isEqualTo(lost.id());
    assertThat(queue.complete(lost)).as("fenced by the lease owner").isFalse();
    assertThat(queue.complete(reclaimed)).isTrue();
  }

  @Test
  void one_job_per_key_runs_at_a_time_and_concurrent_workers_never_claim_the_same_job() throws Exception {
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
      pool.execute(() -> {
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

  private Job awaitClaim() {
    long end = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < end) {
      Optional<Job> j = queue.claim("w");
      if (j.isPresent()) {
        return j.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no job became claimable");
  }
}
