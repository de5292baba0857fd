package dev.schemawarden.drift.internal.diagnose;

import static dev.schemawarden.drift.internal.snapshot.PostgresIntrospector.COUNTERS_SINCE;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.internal.snapshot.RolledBack;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One diagnose pass: every check in one REPEATABLE READ READ ONLY transaction (so all see the same moment and
 * nothing can be written), {@code search_path = pg_catalog} so the server qualifies every name it prints, a
 * statement timeout when the caller set none, rolled back at the end. Catalogs and statistics only, never rows.
 */
public final class PostgresDiagnoser {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresDiagnoser.class);

  private PostgresDiagnoser() {}

  public static Diagnosis run(Connection c, DiagnoseSettings settings) {
    Db db = new Db(c);
    try {
      return RolledBack.run(
          c,
          "diagnose",
          () -> {
            db.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            db.exec("SET LOCAL search_path = pg_catalog");
            db.exec(
                "SELECT CASE WHEN current_setting('statement_timeout') IN ('0', '0ms')"
                    + " THEN set_config('statement_timeout', '60s', true) END");
            record Head(String database, String version, Instant readAt, Instant since) {}
            Head head =
                db.one(
                    "SELECT current_database(), current_setting('server_version'), clock_timestamp(), "
                        + COUNTERS_SINCE,
                    rs ->
                        new Head(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
            double observed = Duration.between(head.since(), head.readAt()).toMillis() / 1000.0;
            Pass pass = new Pass(db, settings, head.database(), observed);
            IndexChecks.run(pass);
            KeyChecks.foreignKeys(pass);
            KeyChecks.primaryKeys(pass);
            SequenceCheck.run(pass);
            ServerChecks.transactionIdAge(pass);
            ServerChecks.replicationSlots(pass);
            BloatCheck.run(pass);
            SlowQueryCheck.run(pass);
            LOG.debug("diagnose: {} queries, {} ms", db.queries(), db.time().toMillis());
            return new Diagnosis(
                Names.escape(head.database()),
                Names.escape(head.version()),
                head.readAt(),
                head.since(),
                settings.window(),
                pass.problems,
                pass.notes,
                db.queries(),
                db.time());
          });
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static WardenException failed(SQLException e) {
    String message =
        e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    return new WardenException(
        ErrorCode.INFRASTRUCTURE,
        "diagnosing the database failed: "
            + message
            + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
            + "; check that the role can CONNECT and is a member of pg_monitor (docs/diagnose.md#privileges)",
        e);
  }
}
