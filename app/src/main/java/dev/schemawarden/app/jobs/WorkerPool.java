package dev.schemawarden.app.jobs;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * extended every third of the lease, so only a stopped or crashed worker's job becomes claimable again. A job whose
 * host's circuit breaker is open is not run but deferred to the breaker's next probe time.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /**
   * Hears how each attempt ended: outcome {@code done}, {@code retry}, {@code failed} or {@code discarded} (the job
   * was cancelled or re-claimed while it ran), and how long it took.
   */
  @FunctionalInterface
  public interface Listener extends BiConsumer<String, Duration> {}

  /** Errors worth another attempt; CONFIG, INPUT and USAGE are the repository's or the set-up's fault. */
  private static final Set<ErrorCode> RETRYABLE =
      EnumSet.of(ErrorCode.INFRASTRUCTURE, ErrorCode.INTERNAL);

  private final JobQueue queue;
  private final CircuitBreakers breakers;
  private final JobHandler handler;
  private final int size;
  private final String name;
  private final Listener listener;
  private final Semaphore wake = new Semaphore(0);
  private final Map<Long, Job> running = new ConcurrentHashMap<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService heartbeat;
  private volatile boolean stopping;

  public WorkerPool(
      JobQueue queue,
      CircuitBreakers breakers,
      JobHandler handler,
      int size,
      String name,
      Listener listener) {
    this.queue = queue;
    this.breakers = breakers;
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
    if (breakers.admit(job.host()) instanceof CircuitBreakers.Admission.Wait w) {
      // Not attempted: no attempt used, only the time passing counts against the job's horizon.
      if (queue.defer(job, w.until(), w.why()) == JobQueue.Failed.FAILED) {
        LOG.error(
            "job {} ({} {}) failed: its retry horizon passed while {}",
            job.id(),
            job.kind(),
            job.key(),
            w.why());
        listener.accept("failed", Duration.ZERO);
      }
      return;
    }
    long started = System.nanoTime();
    running.put(job.id(), job);
    String outcome;
    try {
      handler.handle(job);
      breakers.success(job.host());
      outcome = queue.complete(job) ? "done" : "discarded";
      if (outcome.equals("done")) {
        LOG.info(
            "job {} ({} {}) done on attempt {}", job.id(), job.kind(), job.key(), job.attempts());
      } else {
        LOG.info(
            "job {} ({} {}) finished but was cancelled or re-claimed meanwhile: result discarded",
            job.id(),
            job.kind(),
            job.key());
      }
    } catch (Exception e) {
      if (stopping) {
        // Cut off by shutdown after the grace period: handed back now, so another instance runs it
        // at once.
        releaseOnStop(job);
        return;
      }
      outcome = failed(job, e);
    } finally {
      running.remove(job.id());
    }
    listener.accept(outcome, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Records the failure: retried within the horizon, or failed for good; the breaker hears of host outages. */
  private String failed(Job job, Exception e) {
    RetryLater later = e instanceof RetryLater r ? r : null;
    if (later != null && later.why() == RetryLater.Cause.HOST_DOWN) {
      breakers.failure(job.host(), e.getMessage());
    } else {
      breakers.success(job.host()); // the host answered; the job failed for another reason
    }
    if (later == null && e instanceof WardenException w && !RETRYABLE.contains(w.code())) {
      // The repository's or the configuration's fault: retrying cannot help.
      JobQueue.Failed f = queue.failPermanently(job, e.getMessage());
      LOG.error(
          "job {} ({} {}) failed, not retried ({}): {}",
          job.id(),
          job.kind(),
          job.key(),
          w.code(),
          e.getMessage());
      return f == JobQueue.Failed.LOST ? "discarded" : "failed";
    }
    JobQueue.Failed f =
        queue.fail(
            job,
            e.toString(),
            later == null ? Optional.empty() : later.notBefore(),
            later == null ? Optional.empty() : later.after());
    switch (f) {
      case FAILED ->
          LOG.error(
              "job {} ({} {}) failed for good after {} attempt(s): its retry horizon has passed",
              job.id(),
              job.kind(),
              job.key(),
              job.attempts(),
              e);
      case RETRY ->
          LOG.warn(
              "job {} ({} {}) attempt {} failed, will retry: {}",
              job.id(),
              job.kind(),
              job.key(),
              job.attempts(),
              e.toString());
      default ->
          LOG.info(
              "job {} ({} {}) failed but was cancelled or re-claimed meanwhile",
              job.id(),
              job.kind(),
              job.key());
    }
    return switch (f) {
      case FAILED -> "failed";
      case RETRY -> "retry";
      case LOST -> "discarded";
    };
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

  private void releaseOnStop(Job job) {
    try {
      boolean released = queue.release(job);
      LOG.info(
          "job {} ({}) {} at shutdown",
          job.id(),
          job.key(),
          released ? "released: another instance runs it now" : "was no longer ours");
      if (released) {
        listener.accept("released", Duration.ZERO);
      }
    } catch (RuntimeException e) {
      // The store is gone too: the lease expires and the job is claimed again then.
      LOG.warn(
          "job {} ({}): cannot release it at shutdown ({}); it is claimed again when its lease expires",
          job.id(),
          job.key(),
          e.getMessage());
    }
  }

  /**
   * Stops claiming, lets running jobs finish for up to {@code grace} (their leases still extended), then interrupts
   * them and releases each one still running back to the queue, due at once, for another instance. Only a job whose
   * thread ignores the interrupt and whose release fails (the store is down) waits for its lease to expire.
   */
  public void stop(Duration grace) {
    stopping = true;
    wake.release(size);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.info(
            "{} job(s) still running after the shutdown grace of {}: interrupting and releasing them",
            running.size(),
            grace);
        workers.shutdownNow();
        workers.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    heartbeat.shutdownNow();
    // A worker stuck in I/O that ignored the interrupt: release its job anyway (its late result is
    // discarded).
    running.values().forEach(this::releaseOnStop);
  }

  /** True once {@link #stop} began: no job is claimed any more. */
  public boolean stopping() {
    return stopping;
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
