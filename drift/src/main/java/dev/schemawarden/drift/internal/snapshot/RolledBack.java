package dev.schemawarden.drift.internal.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a read pass (snapshot, diagnose) borrows the caller's connection: auto-commit off for one transaction,
 * then rolled back, whatever happened, and the caller's auto-commit restored. A pass never commits anything, and a
 * failed rollback (the connection already broken) never hides the pass's own error.
 */
public final class RolledBack {
  private static final Logger LOG = LoggerFactory.getLogger(RolledBack.class);

  /** The pass's work inside the transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  private RolledBack() {}

  /** Runs {@code work} in one transaction on {@code c} that is then rolled back; {@code what} names it in the log. */
  public static <T> T run(Connection c, String what, Work<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    try {
      c.setAutoCommit(false);
      return work.run();
    } finally {
      try {
        c.rollback();
        c.setAutoCommit(autoCommit);
      } catch (SQLException e) {
        LOG.debug("rollback after {} failed: {}", what, e.getMessage());
      }
    }
  }
}
