package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.app.audit.Secrets;
import dev.schemawarden.app.audit.StatementOutcome;
import dev.schemawarden.app.audit.StatementOutcome.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements on the target with {@code lock_timeout}/{@code statement_timeout}, timing each one. A
 * transactional unit is retried with exponential backoff when it fails on a lock timeout (SQLState 55P03): the
 * whole transaction rolled back, so a retry cannot apply anything twice. Statements that must run outside a
 * transaction run one by one in autocommit and are never retried: a failed {@code CREATE INDEX CONCURRENTLY}
 * leaves an invalid index behind, which a person must look at.
 */
final class StatementRunner {
  static final String LOCK_TIMEOUT = "55P03";
  private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);

  /** Called inside the unit's transaction just before it commits (writes the history row atomically). */
  @FunctionalInterface
  interface InTransaction {
    void run(Connection c) throws SQLException;
  }

  /** Called after each autocommitted statement, with the count done so far. */
  @FunctionalInterface
  interface Progress {
    void done(int count) throws SQLException;
  }

  /** What a unit did: every statement's outcome, in order, and how many committed. */
  record UnitResult(
      boolean ok, List<StatementOutcome> outcomes, int committed, String error, String sqlState) {
    UnitResult {
      outcomes = List.copyOf(outcomes);
    }
  }

  private final ApplySettings settings;
  private final Sleeper sleeper;

  /** Waits between retries; tests pass one that does not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(java.time.Duration d) throws InterruptedException;
  }

  StatementRunner(ApplySettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
  }

  UnitResult transactional(
      Connection c, String label, List<SqlStatement> statements, InTransaction beforeCommit)
      throws SQLException {
    long[] millis = new long[statements.size()];
    int[] attempts = new int[statements.size()];
    for (int attempt = 1; ; attempt++) {
      c.setAutoCommit(false);
      int i = 0;
      try {
        setTimeouts(c, true);
        for (; i < statements.size(); i++) {
          attempts[i]++;
          long t0 = System.nanoTime();
          try (Statement st = c.createStatement()) {
            st.execute(statements.get(i).sql());
          } finally {
            millis[i] += (System.nanoTime() - t0) / 1_000_000;
          }
        }
        beforeCommit.run(c);
        c.commit();
        List<StatementOutcome> out = new ArrayList<>();
        for (int k = 0; k < statements.size(); k++) {
          out.add(outcome(label, statements.get(k), Outcome.APPLIED, millis[k], attempts[k], ""));
        }
        return new UnitResult(true, out, statements.size(), "", "");
      } catch (SQLException e) {
        safeRollback(c);
        boolean lock = LOCK_TIMEOUT.equals(e.getSQLState());
        if (lock
            && LockRetry.again(
                settings,
                sleeper,
                attempt,
                label + ": statement " + (i + 1) + " timed out waiting for a lock")) {
          continue;
        }
        List<StatementOutcome> out = new ArrayList<>();
        String msg = Secrets.redact(e.getMessage());
        for (int k = 0; k < statements.size(); k++) {
          Outcome o = k < i ? Outcome.ROLLED_BACK : k == i ? Outcome.FAILED : Outcome.NOT_RUN;
          out.add(outcome(label, statements.get(k), o, millis[k], attempts[k], k == i ? msg : ""));
        }
        String why = lock ? "lock timeout after " + attempt + " attempt(s): " + msg : msg;
        return new UnitResult(false, out, 0, why, String.valueOf(e.getSQLState()));
      }
    }
  }

  UnitResult autocommit(
      Connection c, String label, List<SqlStatement> statements, Progress progress)
      throws SQLException {
    c.setAutoCommit(true);
    setTimeouts(c, false);
    List<StatementOutcome> out = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      long t0 = System.nanoTime();
      try (Statement st = c.createStatement()) {
        st.execute(statements.get(i).sql());
      } catch (SQLException e) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String msg = Secrets.redact(e.getMessage());
        out.add(outcome(label, statements.get(i), Outcome.FAILED, ms, 1, msg));
        for (int k = i + 1; k < statements.size(); k++) {
          out.add(outcome(label, statements.get(k), Outcome.NOT_RUN, 0, 0, ""));
        }
        return new UnitResult(false, out, i, msg, String.valueOf(e.getSQLState()));
      }
      out.add(
          outcome(
              label,
              statements.get(i),
              Outcome.APPLIED,
              (System.nanoTime() - t0) / 1_000_000,
              1,
              ""));
      progress.done(i + 1);
    }
    return new UnitResult(true, out, statements.size(), "", "");
  }

  private void setTimeouts(Connection c, boolean local) throws SQLException {
    String scope = local ? "SET LOCAL " : "SET ";
    try (Statement st = c.createStatement()) {
      st.execute(scope + "lock_timeout = " + settings.lockTimeout().toMillis());
      st.execute(scope + "statement_timeout = " + settings.statementTimeout().toMillis());
    }
  }

  private static void safeRollback(Connection c) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException e) {
      LOG.debug("rollback after failure: {}", e.toString());
    }
  }

  static StatementOutcome outcome(
      String label, SqlStatement s, Outcome o, long ms, int attempts, String error) {
    return new StatementOutcome(label, s.index(), s.line(), s.sql(), o, ms, attempts, error);
  }
}
