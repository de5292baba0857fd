package dev.schemawarden.app.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic work (retention, and any other {@link Task}) that every instance schedules and exactly one runs at a
 * time: a tick takes {@code pg_try_advisory_xact_lock} in a transaction, skips when another instance holds it, and
 * runs each task whose period has passed since its last run as recorded in {@code scheduled_work} — so three
 * instances run a task once per period between them, not three times. An instance killed mid-run loses the lock
 * with its connection; the task runs at the next tick of any instance.
 */
public final class ScheduledWork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledWork.class);

  /** The advisory lock key: "warden" in ASCII, so it does not collide with Flyway's or an application's. */
  public static final long LOCK_KEY = 0x77617264656eL;

  /** One piece of periodic work, run in the lock holder's transaction. */
  public interface Task {
    String name();

    Duration every();

    /** Runs the work; returns one line for the log and the {@code scheduled_work} row. */
    String run(Connection c, Instant now) throws SQLException;
  }

  /** Retention as a task. */
  public static Task retention(RetentionSettings settings) {
    Retention retention = new Retention(settings);
    return new Task() {
      @Override
      public String name() {
        return "retention";
      }

      @Override
      public Duration every() {
        return settings.every();
      }

      @Override
      public String run(Connection c, Instant now) throws SQLException {
        return "pruned " + new java.util.TreeMap<>(retention.prune(c, now));
      }
    };
  }

  private final StateStore store;
  private final List<Task> tasks;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  public ScheduledWork(StateStore store, List<Task> tasks, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.tasks = List.copyOf(tasks);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "warden-scheduled-work");
              t.setDaemon(true);
              return t;
            });
  }

  /** Ticks every {@code tick} on this instance; each tick may or may not get the lock. */
  public ScheduledWork start(Duration tick) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            tick();
          } catch (RuntimeException e) {
            LOG.warn("scheduled work: {}", e.getMessage());
          }
        },
        tick.toMillis(),
        tick.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** One tick: false when another instance held the lock (nothing ran here). */
  public boolean tick() {
    return store.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              if (!rs.getBoolean(1)) {
                return false;
              }
            }
          }
          Instant now = clock.instant();
          for (Task task : tasks) {
            if (due(c, task, now)) {
              String result = task.run(c, now);
              record(c, task, now, result);
              LOG.info("scheduled work {}: {}", task.name(), result);
            }
          }
          return true;
        });
  }

  private static boolean due(Connection c, Task task, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT last_run_at FROM scheduled_work WHERE name = ?")) {
      s.setString(1, task.name());
      try (ResultSet rs = s.executeQuery()) {
        return !rs.next() || !rs.getTimestamp(1).toInstant().plus(task.every()).isAfter(now);
      }
    }
  }

  private static void record(Connection c, Task task, Instant now, String result)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO scheduled_work (name, last_run_at, last_result)"
                + " VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET last_run_at = EXCLUDED.last_run_at,"
                + " last_result = EXCLUDED.last_result")) {
      s.setString(1, task.name());
      s.setTimestamp(2, Timestamp.from(now));
      s.setString(3, result.length() > 500 ? result.substring(0, 500) : result);
      s.executeUpdate();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
