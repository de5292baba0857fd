package dev.schemawarden.analyzers.internal.trace;

import dev.schemawarden.analyzers.api.LockMode;
import dev.schemawarden.analyzers.api.LockTracer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Observes a statement that cannot run in a transaction block (CREATE INDEX CONCURRENTLY, VACUUM...): the main
 * connection runs it in autocommit on a worker thread while a second connection polls pg_locks for the main
 * backend's pid, in autocommit so that no poll holds a snapshot that CONCURRENTLY would wait for.
 *
 * <p>Such statements often hold their table lock for only a few milliseconds on a small replica, so polling alone
 * could miss it. When the statement's target tables are known, a third connection first holds SHARE UPDATE
 * EXCLUSIVE on them: the statement then queues visibly (pg_locks shows the mode it asks for, not yet granted), the
 * poller records it and the blocker lets go at once. The waiting time is not counted in the duration.
 */
final class OutsideTransactionObserver {

  record Outcome(Map<Long, LockMode> strongest, Duration duration, Optional<SQLException> error) {}

  private static final long BLOCK_AT_MOST_NANOS = Duration.ofSeconds(2).toNanos();
  private static final long POLL_PAUSE_NANOS = 100_000;

  private OutsideTransactionObserver() {}

  static Outcome run(
      ExecutorService worker,
      Connection main,
      int pid,
      Connection poller,
      LockTracer.Connections connections,
      Collection<String> blockTables,
      String sql,
      int timeoutSeconds)
      throws SQLException {
    Connection blocker = blockTables.isEmpty() ? null : block(connections, blockTables);
    long start = System.nanoTime();
    long released = blocker == null ? start : -1;
    Future<Long> run =
        worker.submit(
            () -> {
              try (Statement st = main.createStatement()) {
                st.setQueryTimeout(timeoutSeconds);
                st.execute(sql);
              }
              return System.nanoTime();
            });
    Map<Long, LockMode> seen = new HashMap<>();
    try {
      while (true) {
        boolean done = run.isDone();
        boolean waiting = false;
        for (CatalogProbe.LockRow row : CatalogProbe.locks(poller, pid)) {
          seen.merge(row.oid(), row.mode(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
          waiting |= !row.granted();
        }
        if (blocker != null
            && (waiting || done || System.nanoTime() - start > BLOCK_AT_MOST_NANOS)) {
          release(blocker);
          blocker = null;
          released = System.nanoTime();
        }
        if (done) {
          break;
        }
        LockSupport.parkNanos(POLL_PAUSE_NANOS);
      }
    } finally {
      if (blocker != null) {
        release(blocker);
      }
    }
    try {
      long end = run.get();
      return new Outcome(seen, Duration.ofNanos(end - Math.max(start, released)), Optional.empty());
    } catch (ExecutionException e) {
      Duration d = Duration.ofNanos(System.nanoTime() - Math.max(start, released));
      if (e.getCause() instanceof SQLException sqlException) {
        return new Outcome(seen, d, Optional.of(sqlException));
      }
      throw new SQLException("tracing worker failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while tracing", e);
    }
  }

  private static Connection block(LockTracer.Connections connections, Collection<String> tables)
      throws SQLException {
    Connection c = connections.open();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute(
          "LOCK TABLE "
              + tables.stream().collect(Collectors.joining(", "))
              + " IN SHARE UPDATE EXCLUSIVE MODE NOWAIT");
    } catch (SQLException e) {
      c.close();
      return null;
    }
    return c;
  }

  private static void release(Connection blocker) throws SQLException {
    try {
      blocker.rollback();
    } finally {
      blocker.close();
    }
  }
}
