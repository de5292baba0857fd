package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.SqlStatement;
import dev.schemawarden.app.audit.StatementOutcome;
import dev.schemawarden.app.audit.StatementOutcome.Outcome;
import dev.schemawarden.app.config.ProductionConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * What differs when the target is MySQL or MariaDB. DDL commits implicitly there, so a migration of several DDL
 * statements that fails half-way keeps what ran before the failure: Flyway records it as failed, and Schema Warden
 * works out from the failing line which statements took effect. An ALTER first queues for the table's metadata
 * lock behind every open transaction, and every query on the table queues behind it: {@code lock_wait_timeout}
 * bounds that wait, and error 1205 (ER_LOCK_WAIT_TIMEOUT) on a migration's first statement left nothing behind,
 * so it is retried.
 */
final class MysqlApply {
  /** ER_LOCK_WAIT_TIMEOUT: both the metadata-lock wait (lock_wait_timeout) and InnoDB's row-lock wait. */
  static final int ER_LOCK_WAIT_TIMEOUT = 1205;

  /** GET_LOCK name every Schema Warden applier takes on a MySQL/MariaDB target (pg_try_advisory_lock's twin). */
  static final String APPLY_LOCK = "schema-warden-apply";

  private MysqlApply() {}

  static boolean isMysql(Target t) {
    return ProductionConnections.mysqlFamily(t.url());
  }

  /** Whole seconds (MySQL's unit for both settings), rounded up, at least one. */
  static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  /** One statement (the driver refuses multi-queries) that bounds both lock waits for the session. */
  static String sessionSql(ApplySettings s) {
    long n = seconds(s.lockTimeout());
    return "SET SESSION lock_wait_timeout = " + n + ", innodb_lock_wait_timeout = " + n;
  }

  /** Takes the apply lock without waiting: false when another applier holds it. */
  static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
      ps.setString(1, APPLY_LOCK);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  static boolean lockWaitTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && (s.getErrorCode() == ER_LOCK_WAIT_TIMEOUT
              || String.valueOf(s.getMessage())
                  .toLowerCase(Locale.ROOT)
                  .contains("lock wait timeout exceeded"))) {
        return true;
      }
    }
    return false;
  }

  /** The file line Flyway says the failing statement starts on, when it says. */
  static OptionalInt failedLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FlywaySqlScriptException s && s.getLineNumber() > 0) {
        return OptionalInt.of(s.getLineNumber());
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Index in {@code m} of the statement that starts on or last before {@code line}; empty when the line is unknown
   * (then nobody can say what took effect, and the caller must assume some of it did).
   */
  static OptionalInt failedIndex(Migration m, OptionalInt line) {
    if (line.isEmpty()) {
      return OptionalInt.empty();
    }
    int found = -1;
    for (int i = 0; i < m.statements().size(); i++) {
      if (m.statements().get(i).line() <= line.getAsInt()) {
        found = i;
      }
    }
    return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
  }

  /** Per statement of {@code m}: those before {@code failed} took effect, {@code failed} failed, the rest never ran. */
  static List<StatementOutcome> outcomes(String label, Migration m, int failed, String error) {
    List<StatementOutcome> out = new ArrayList<>();
    for (int k = 0; k < m.statements().size(); k++) {
      SqlStatement s = m.statements().get(k);
      Outcome o = k < failed ? Outcome.APPLIED : k == failed ? Outcome.FAILED : Outcome.NOT_RUN;
      out.add(
          new StatementOutcome(
              label, s.index(), s.line(), s.sql(), o, 0, 1, k == failed ? error : ""));
    }
    return out;
  }

  /**
   * Why migration {@code m} (named {@code label}) stopped at statement {@code failed} > 0: what took effect and stays
   * (DDL commits implicitly), for the note a person reads. Never retried.
   */
  static String partial(String label, Migration m, int failed, String error) {
    return label
        + ": statement "
        + (failed + 1)
        + " of "
        + m.statements().size()
        + " (line "
        + m.statements().get(failed).line()
        + ") failed: "
        + error
        + "; DDL commits implicitly on MySQL/MariaDB, so"
        + " these took effect and stay: "
        + describe(m.statements().subList(0, failed))
        + " (not retried)";
  }

  /** The lock-wait bound as people read it: {@code lock_wait_timeout 5 s}. */
  static String waitBound(ApplySettings s) {
    return "lock_wait_timeout " + seconds(s.lockTimeout()) + " s";
  }

  /** Why a migration whose first statement failed gave up: nothing of it took effect. */
  static String gaveUp(ApplySettings s, boolean lockWait, int attempts, String error) {
    return lockWait
        ? "waited past "
            + waitBound(s)
            + " for a lock on every one of "
            + attempts
            + " attempt(s)"
            + " (another session holds the table; nothing was changed): retry when it is quieter, or raise the lock"
            + " timeout: "
            + error
        : error + " (nothing of it took effect)";
  }

  /** "line 1: CREATE TABLE a …; line 2: …" for the note a person reads. */
  static String describe(List<SqlStatement> ran) {
    return String.join(
        "; ", ran.stream().map(s -> "line " + s.line() + ": " + shorten(s.sql())).toList());
  }

  private static String shorten(String sql) {
    String one = sql.strip().replaceAll("\\s+", " ");
    return one.length() > 80 ? one.substring(0, 77) + "..." : one;
  }
}
