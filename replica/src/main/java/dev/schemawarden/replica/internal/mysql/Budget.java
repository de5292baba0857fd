package dev.schemawarden.replica.internal.mysql;

import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one statement from the admin connection: past the statement budget, or once the sandbox database grows
 * past the size cap, it sends {@code KILL QUERY} to the sandbox session, and again every poll while the session is
 * still busy. The session's own {@code max_statement_time} is set too, but the pull request can change it
 * ({@code SET SESSION max_statement_time = 0}); this does not depend on anything the session controls.
 */
final class Budget implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Budget.class);
  static final Duration POLL = Duration.ofMillis(100);

  private final AtomicReference<String> cut = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean done;

  private Budget(
      Connection admin, long sessionId, String engine, String database, ReplicaSettings settings) {
    long deadline = System.nanoTime() + settings.statementTimeout().toNanos();
    thread =
        new Thread(
            () -> {
              while (!done) {
                LockSupport.parkNanos(POLL.toNanos());
                if (done) {
                  break;
                }
                try {
                  if (cut.get() == null && System.nanoTime() > deadline) {
                    cut.set(
                        "stopped at the statement budget of "
                            + settings.statementTimeout().toMillis()
                            + " ms");
                  } else if (cut.get() == null) {
                    long bytes = MysqlSandbox.bytes(admin, engine, database);
                    if (bytes > settings.sizeCapBytes()) {
                      cut.set(
                          "stopped at the size cap: the replica database grew to "
                              + bytes
                              + " bytes, past "
                              + settings.sizeCapBytes());
                    }
                  }
                  if (cut.get() != null && !done) {
                    MysqlSandbox.exec(admin, "KILL QUERY " + sessionId);
                  }
                } catch (SQLException e) {
                  LOG.debug("replica budget check: {}", e.getMessage());
                }
              }
            },
            "warden-mysql-budget");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts watching the statement about to run on {@code sandbox}, whose {@code CONNECTION_ID()} is
   * {@code sessionId} (read once per sandbox, not a round trip per statement).
   */
  static Budget watch(
      Connection admin,
      Connection sandbox,
      long sessionId,
      String engine,
      String database,
      ReplicaSettings settings) {
    if (engine.equals("mariadb")) {
      try {
        // The server's own limit, a first line, set again each time: the pull request may have
        // lifted it. MariaDB counts it in seconds with a fraction.
        MysqlSandbox.exec(
            sandbox,
            "SET SESSION max_statement_time = " + settings.statementTimeout().toMillis() / 1000.0);
      } catch (SQLException e) {
        LOG.debug("replica max_statement_time: {}", e.getMessage());
      }
    }
    return new Budget(admin, sessionId, engine, database, settings);
  }

  /** Stops watching; the reason the statement was cut, if it was. */
  Optional<String> stop() {
    done = true;
    // Wake the watcher now: waiting out its poll cost ~100 ms per statement, 90 s on a 1,000-table
    // history.
    LockSupport.unpark(thread);
    try {
      thread.join(POLL.toMillis() * 20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.ofNullable(cut.get());
  }

  @Override
  public void close() {
    stop();
  }
}
