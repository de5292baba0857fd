package dev.schemawarden.app.state;

import dev.schemawarden.replica.api.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded state store's server running: every {@link #CHECK_EVERY} it looks whether the postmaster it
 * started is still alive and, when it is not, starts it again through {@link LocalPostgres} on the same data
 * directory (PostgreSQL's crash recovery replays the WAL; the roles and schema are already there). Failed restarts
 * are retried with a growing pause (up to {@link #MAX_PAUSE}). Every check and restart runs on one thread.
 * A restart gets a new port, so callers ask {@link #endpoint()} for every new connection; the generation tells
 * pooled connections of an earlier server apart.
 */
final class StoreSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreSupervisor.class);
  static final Duration CHECK_EVERY = Duration.ofSeconds(1);
  static final Duration MAX_PAUSE = Duration.ofSeconds(10);

  /** Where to connect now: the running server's URL, the bot's login, and which server this is. */
  record Endpoint(String url, Properties login, long generation) {}

  private final Path dir;
  private final Properties bot;
  private final ScheduledExecutorService thread;
  private volatile LocalPostgres server;

  /** The postmaster's handle, taken at start: it knows the start time, so a reused pid does not look alive. */
  private volatile Optional<ProcessHandle> postmaster;

  private volatile long generation;

  /** System.nanoTime() when the server was found dead; 0 while it runs. */
  private volatile long downSince;

  private int failedRestarts;
  private long nextAttempt;
  private volatile boolean closed;

  /**
   * At JVM exit the launcher's own hook stops the server: that death must not be "healed" (a server started during
   * shutdown would outlive us).
   */
  private final Thread exitHook = new Thread(() -> closed = true, "warden-state-supervisor-exit");

  StoreSupervisor(Path dir, EmbeddedStateStore started) {
    this.dir = dir;
    this.bot = started.bot();
    this.server = started.server();
    this.postmaster = ProcessHandle.of(server.pid());
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "warden-state-supervisor");
              t.setDaemon(true);
              return t;
            });
    Runtime.getRuntime().addShutdownHook(exitHook);
    thread.scheduleWithFixedDelay(
        this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  Endpoint endpoint() {
    LocalPostgres s = server;
    return new Endpoint(s.jdbcUrl(EmbeddedStateStore.DATABASE), bot, generation);
  }

  LocalPostgres server() {
    return server;
  }

  /** How long the server has been down; empty while it runs. */
  Optional<Duration> downFor() {
    long since = downSince;
    return since == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
  }

  /**
   * After a connection failed: checks at once (not at the next tick) and waits up to {@code wait} for a running
   * server. True when the server runs (again), so the caller may try once more.
   */
  boolean awaitRunning(Duration wait) {
    if (closed) {
      return false;
    }
    try {
      thread.execute(this::check);
    } catch (RejectedExecutionException e) {
      return false; // closing
    }
    long end = System.nanoTime() + wait.toNanos();
    synchronized (this) {
      while (!closed && (downSince != 0 || !alive())) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return !closed;
  }

  private boolean alive() {
    return postmaster.map(ProcessHandle::isAlive).orElse(false);
  }

  /** Runs on the supervisor thread only; never throws, which would end the schedule. */
  private void check() {
    try {
      checkOnce();
    } catch (RuntimeException e) {
      LOG.warn("state store supervisor: {}", e.toString());
    }
  }

  private void checkOnce() {
    if (closed || alive()) {
      return;
    }
    long now = System.nanoTime();
    if (downSince == 0) {
      downSince = now;
      generation++; // the pool drops every connection of the dead server
      failedRestarts = 0;
      nextAttempt = now;
      LOG.warn(
          "the embedded state store's PostgreSQL (pid {}) in {} is gone; restarting it",
          server.pid(),
          dir);
    }
    if (now < nextAttempt) {
      return;
    }
    try {
      if (closed) {
        return;
      }
      server.close(); // already dead: this only drops its shutdown hook and owner file
      long t0 = System.nanoTime();
      LocalPostgres restarted = LocalPostgres.start(EmbeddedStateStore.settings(dir));
      synchronized (this) {
        server = restarted;
        postmaster = ProcessHandle.of(restarted.pid());
        generation++;
        LOG.info(
            "the embedded state store's PostgreSQL is back (pid {}, port {}) after {} ms down, restart took"
                + " {} ms",
            restarted.pid(),
            restarted.port(),
            (System.nanoTime() - downSince) / 1_000_000,
            (System.nanoTime() - t0) / 1_000_000);
        downSince = 0;
        notifyAll();
      }
    } catch (RuntimeException e) {
      failedRestarts++;
      long pause =
          Math.min(MAX_PAUSE.toMillis(), CHECK_EVERY.toMillis() << Math.min(failedRestarts, 4));
      nextAttempt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
      LOG.warn(
          "restarting the embedded state store failed (attempt {}), next try in {} ms: {}",
          failedRestarts,
          pause,
          e.getMessage());
    }
  }

  /** Stops watching, then the server. */
  @Override
  public void close() {
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook has run or runs now
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      notifyAll();
    }
    server.close();
  }
}
