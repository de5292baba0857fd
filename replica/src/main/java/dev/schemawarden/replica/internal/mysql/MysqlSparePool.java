package dev.schemawarden.replica.internal.mysql;

import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.OnlineDdl;
import dev.schemawarden.analyzers.api.Sha256;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spare sandboxes already replayed for a history (issue 14: MySQL has no template databases, and replaying a
 * 1,000-table history takes seconds). A spare is keyed by a hash of the statements it ran and the settings that
 * change their outcome; it is built in the background after a review takes one, by the same {@link MysqlSandbox}
 * a review uses (its own user with rights on its own database only, the statement budget, size cap and review
 * budget, the text filter), and handed whole to one review: database, user and session, so the session state the
 * history left (variables, temporary tables) and the definer of its views and routines are what a fresh replay
 * gives. Taking one restarts its review budget. A spare is used once; the review drops it as it drops a fresh one.
 *
 * <p>Never pooled: a build that was stopped, lost its session or timed out anywhere (a budget decides it, not the
 * history: a fresh replay could end otherwise; such a history is not built again until its key leaves the pool),
 * and one whose database holds an event (it would run while the spare waits, outside every budget).
 * Spares idle past {@code idle} are dropped, and a spare whose session no longer answers (the server restarted)
 * is dropped at take.
 */
public final class MysqlSparePool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlSparePool.class);

  /** A review's sandbox with its history replayed; {@code failures} are the statements that did not end OK. */
  public record Taken(MysqlSandbox sandbox, List<OnlineDdl.Run> failures, boolean pooled) {}

  /** A statement of the history that did not end OK, by its position: the taker's own statement is reported. */
  private record Failure(int index, OnlineDdl.Run run) {}

  private record Spare(MysqlSandbox sandbox, List<Failure> failures, long readyNanos) {}

  private static final class Build {
    final CompletableFuture<Optional<Spare>> done = new CompletableFuture<>();
    volatile MysqlSandbox sandbox;
    boolean started;
    boolean claimed;
  }

  private static final class Slot {
    final ArrayDeque<Spare> ready = new ArrayDeque<>();
    Build building;
    boolean unpoolable;
  }

  private final String engine;
  private final String adminUrl;
  private final int sparesPerKey;
  private final int keys;
  private final Duration idle;
  private final Map<String, Slot> slots = new LinkedHashMap<>(16, 0.75f, true);
  private final ScheduledThreadPoolExecutor worker;
  private volatile boolean closed;

  public MysqlSparePool(String engine, String adminUrl, int sparesPerKey, int keys, Duration idle) {
    this.engine = engine;
    this.adminUrl = adminUrl;
    this.sparesPerKey = sparesPerKey;
    this.keys = keys;
    this.idle = idle;
    // One builder: spares queue rather than compete with the reviews for the server and the cores.
    this.worker =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "warden-mysql-spares");
              t.setDaemon(true);
              return t;
            });
    worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    if (sparesPerKey > 0) {
      long sweep = Math.max(1, idle.toMillis() / 2);
      worker.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A sandbox with {@code history} replayed under {@code settings}: a ready spare of exactly this history, else
   * the one being built for it (it started before this review would), else a replay now. Then a spare for the
   * next review of this history is built in the background.
   */
  public Taken take(List<Migration> history, ReplicaSettings settings) {
    List<SqlStatement> statements = history.stream().flatMap(m -> m.statements().stream()).toList();
    String key = key(statements, settings);
    Optional<Spare> spare = Optional.empty();
    Build claimed = null;
    synchronized (this) {
      Slot slot = closed ? null : slots.get(key);
      if (slot != null) {
        spare = Optional.ofNullable(slot.ready.pollFirst());
        if (spare.isEmpty() && slot.building != null && slot.building.started) {
          claimed = slot.building;
          claimed.claimed = true;
          slot.building = null;
        }
      }
    }
    if (spare.isPresent() && !spare.get().sandbox().healthy()) {
      LOG.info(
          "dropping a spare {} replica whose session no longer answers (server restarted?)",
          engine);
      drop(spare.get().sandbox());
      spare = Optional.empty();
    }
    if (spare.isEmpty() && claimed != null) {
      spare = claimed.done.join();
    }
    Taken taken;
    if (spare.isPresent()) {
      spare.get().sandbox().restartBudget();
      taken =
          new Taken(
              spare.get().sandbox(),
              spare.get().failures().stream()
                  .map(
                      f -> {
                        OnlineDdl.Run r = f.run();
                        return new OnlineDdl.Run(
                            statements.get(f.index()),
                            r.status(),
                            r.alter(),
                            r.error(),
                            r.duration());
                      })
                  .toList(),
              true);
    } else {
      MysqlSandbox fresh = MysqlSandbox.create(engine, adminUrl, settings);
      try {
        List<OnlineDdl.Run> failed =
            fresh.run(history, false).stream()
                .filter(r -> r.status() != OnlineDdl.Status.OK)
                .toList();
        taken = new Taken(fresh, failed, false);
      } catch (RuntimeException e) {
        fresh.close();
        throw e;
      }
      if (taken.failures().stream().anyMatch(r -> r.status() == OnlineDdl.Status.TIMED_OUT)) {
        unpoolable(key);
      }
    }
    refill(key, history, settings);
    return taken;
  }

  /** Blocks until no spare is being built (or {@code max} passed): for tests and the benchmark. */
  public synchronized boolean awaitBuilds(Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (slots.values().stream().anyMatch(s -> s.building != null)) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** How many spares are ready, over every key. */
  public synchronized int ready() {
    return slots.values().stream().mapToInt(s -> s.ready.size()).sum();
  }

  /**
   * The key: every statement (its length first, so statement boundaries count) and the settings that decide how
   * the replay ends. The engine and server are the pool's own.
   */
  static String key(List<SqlStatement> statements, ReplicaSettings s) {
    StringBuilder sb =
        new StringBuilder("mysql-spare\n")
            .append(s.statementTimeout().toMillis())
            .append(' ')
            .append(s.lockTimeout().toMillis())
            .append(' ')
            .append(s.reviewBudget().toMillis())
            .append(' ')
            .append(s.sizeCapBytes())
            .append('\n');
    for (SqlStatement st : statements) {
      sb.append(st.sql().length()).append(':').append(st.sql()).append('\n');
    }
    return Sha256.hex(sb.toString());
  }

  private synchronized void unpoolable(String key) {
    slots.computeIfAbsent(key, k -> new Slot()).unpoolable = true;
    evict(key);
  }

  private synchronized void refill(String key, List<Migration> history, ReplicaSettings settings) {
    if (closed || sparesPerKey <= 0) {
      return;
    }
    Slot slot = slots.computeIfAbsent(key, k -> new Slot());
    evict(key);
    if (slot.unpoolable || slot.building != null || slot.ready.size() >= sparesPerKey) {
      return;
    }
    Build b = new Build();
    slot.building = b;
    worker.execute(() -> build(key, slot, b, history, settings));
  }

  /** The least recently used keys past {@code keys}, their spares dropped and their builds left to drop theirs. */
  private void evict(String keep) {
    Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator();
    while (slots.size() > keys && it.hasNext()) {
      Map.Entry<String, Slot> e = it.next();
      if (!e.getKey().equals(keep)) {
        it.remove();
        e.getValue().ready.forEach(s -> dropLater(s.sandbox()));
        e.getValue().ready.clear();
      }
    }
  }

  private void build(
      String key, Slot slot, Build b, List<Migration> history, ReplicaSettings settings) {
    try {
      buildOnce(key, slot, b, history, settings);
    } finally {
      // Whatever went wrong (an Error included), a review waiting for this build replays instead of
      // hanging.
      if (!b.done.isDone()) {
        synchronized (this) {
          if (slot.building == b) {
            slot.building = null;
          }
          notifyAll();
        }
        b.done.complete(Optional.empty());
      }
    }
  }

  private void buildOnce(
      String key, Slot slot, Build b, List<Migration> history, ReplicaSettings settings) {
    synchronized (this) {
      b.started = true;
    }
    Optional<Spare> result = Optional.empty();
    boolean timedOut = false;
    MysqlSandbox sandbox = null;
    try {
      if (!closed) {
        sandbox = MysqlSandbox.create(engine, adminUrl, settings);
        b.sandbox = sandbox;
        if (closed) {
          sandbox.abandon(adminUrl);
        }
        List<OnlineDdl.Run> runs = sandbox.run(history, false);
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
          if (runs.get(i).status() != OnlineDdl.Status.OK) {
            failures.add(new Failure(i, runs.get(i)));
          }
        }
        timedOut = runs.stream().anyMatch(r -> r.status() == OnlineDdl.Status.TIMED_OUT);
        boolean complete = runs.stream().noneMatch(r -> r.status() == OnlineDdl.Status.NOT_RUN);
        if (!timedOut && complete && sandbox.healthy() && !sandbox.hasEvents()) {
          result = Optional.of(new Spare(sandbox, List.copyOf(failures), System.nanoTime()));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("building a spare {} replica failed: {}", engine, e.getMessage());
    }
    if (result.isEmpty() && sandbox != null) {
      drop(sandbox);
    }
    boolean handed;
    synchronized (this) {
      handed = b.claimed;
      if (slot.building == b) {
        slot.building = null;
      }
      slot.unpoolable |= timedOut;
      if (!handed && result.isPresent()) {
        if (!closed && slots.get(key) == slot && slot.ready.size() < sparesPerKey) {
          slot.ready.addLast(result.get());
          refill(
              key, history,
              settings); // the next spare, if the key keeps more: under the same lock, so
          // awaitBuilds never sees a gap between the two builds
        } else {
          dropLater(result.get().sandbox());
        }
      }
      notifyAll();
    }
    b.done.complete(handed ? result : Optional.empty());
  }

  private void sweep() {
    List<MysqlSandbox> stale = new ArrayList<>();
    synchronized (this) {
      long now = System.nanoTime();
      for (Slot slot : slots.values()) {
        slot.ready.removeIf(
            s -> {
              boolean old = now - s.readyNanos() > idle.toNanos();
              if (old) {
                stale.add(s.sandbox());
              }
              return old;
            });
      }
    }
    stale.forEach(MysqlSparePool::drop);
  }

  /** Dropped on the builder thread: dropping 1,000 tables takes a while, and no review waits for it. */
  private void dropLater(MysqlSandbox sandbox) {
    try {
      worker.execute(() -> drop(sandbox));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      drop(sandbox);
    }
  }

  private static void drop(MysqlSandbox sandbox) {
    try {
      sandbox.close();
    } catch (RuntimeException e) {
      LOG.warn("dropping a spare replica failed: {}", e.getMessage());
    }
  }

  /** Stops the build under way (its statement killed) and drops every spare. */
  @Override
  public void close() {
    List<MysqlSandbox> spares = new ArrayList<>();
    List<Build> builds = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (Slot slot : slots.values()) {
        slot.ready.forEach(s -> spares.add(s.sandbox()));
        slot.ready.clear();
        if (slot.building != null) {
          builds.add(slot.building);
        }
      }
      slots.clear();
    }
    builds.forEach(b -> Optional.ofNullable(b.sandbox).ifPresent(s -> s.abandon(adminUrl)));
    worker.shutdown();
    spares.forEach(MysqlSparePool::drop);
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("a spare {} replica build did not stop within 30 s", engine);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
