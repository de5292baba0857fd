package dev.schemawarden.app.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small fixed pool of workers that claim jobs from the queue and run them. While a job runs its lease is
 * extended every third of the lease, so only a stopped or crashed worker's job becomes claimable again.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /** Hears how each attempt ended: outcome {@code done}, {@code retry} or {@code failed}, and how long it took. */
  @FunctionalInterface
  public interface Listener extends BiConsumer<String, Duration> {}

  private final JobQueue queue;
  private final JobHandler handler;
  private final int size;
  private final String name;
  private final Listener listener;
  private final Semaphore wake = new Semaphore(0);
  private final Map<Long, Job> running = new ConcurrentHashMap<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService heartbeat;
  private volatile boolean stopping;

  public WorkerPool(JobQueue queue, JobHandler handler, int size, String name, Listener listener) {
    this.queue = queue;
    this.handler = handler;
    this.size = size;
    this.name = name;
    this.listener = listener;
    this.workers = Executors.newFixedThreadPool(size, r -> daemon(r, "warden-worker"));
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "warden-lease"));
  }

  private static Thread daemon(Runnable r, String prefix) {
    Thread t = new Thread(r, prefix + "-" + Integer.toHexString(r.hashCode()));
    t.setDaemon(true);
    return t;
  }

  public void start() {
    for (int i = 0; i < size; i++) {
      String worker = name + "-" + i;
      workers.execute(() -> loop(worker));
    }
    long every = Math.max(100, queue.settings().lease().toMillis() / 3);
    heartbeat.scheduleAtFixedRate(this::extendLeases, every, every, TimeUnit.MILLISECONDS);
  }

  /** Tells idle workers there is new work, so a delivery does not wait for the next poll. */
  public void wake() {
    if (wake.availablePermits() < size) {
      wake.release();
    }
  }

  private void loop(String worker) {
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      try {
        Optional<Job> job = queue.claim(worker);
        if (job.isPresent()) {
          run(job.get());
        } else {
          wake.tryAcquire(queue.settings().poll().toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // The store is unreachable or restarting: log once per failure and keep polling.
        LOG.warn("{}: cannot claim jobs: {}", worker, e.getMessage());
        sleepQuietly(queue.settings().poll());
      }
    }
  }

  private void run(Job job) {
    long started = System.nanoTime();
    running.put(job.id(), job);
    String outcome;
    try {
      handler.handle(job);
      queue.complete(job);
      outcome = "done";
      LOG.info("job {} ({} {}) done on attempt {}", job.id(), job.kind(), job.key(), job.attempts());
    } catch (Exception e) {
      if (stopping) {
        // Interrupted by shutdown: leave the claim to expire so the next start (or another instance) retries it.
        LOG.info("job {} ({}) interrupted by shutdown; it will be claimed again", job.id(), job.key());
        return;
      }
      Optional<java.time.Instant> notBefore = e instanceof RetryLater r ? r.notBefore() : Optional.empty();
      boolean last = job.attempts() >= job.maxAttempts();
      queue.fail(job, e.toString(), notBefore);
      outcome = last ? "failed" : "retry";
      if (last) {
        LOG.error("job {} ({} {}) failed after {} attempt(s)", job.id(), job.kind(), job.key(), job.attempts(), e);
      } else {
        LOG.warn("job {} ({} {}) attempt {} failed, will retry{}: {}", job.id(), job.kind(), job.key(),
            job.attempts(), notBefore.map(n -> " after " + n).orElse(""), e.toString());
      }
    } finally {
      running.remove(job.id());
    }
    listener.accept(outcome, Duration.ofNanos(System.nanoTime() - started));
  }

  private void extendLeases() {
    for (Job job : running.values()) {
      try {
        if (!queue.extendLease(job)) {
          LOG.warn("job {} ({}): lease lost; another worker may run it again", job.id(), job.key());
        }
      } catch (RuntimeException e) {
        LOG.warn("job {}: cannot extend lease: {}", job.id(), e.getMessage());
      }
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops claiming, waits up to {@code drain} for running jobs, then interrupts them. An interrupted job keeps its
   * claim until the lease expires; then it is claimed again.
   */
  public void stop(Duration drain) {
    stopping = true;
    wake.release(size);
    heartbeat.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
