package dev.schemawarden.drift.internal.diagnose;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.DiagnoseSettings;
import dev.schemawarden.drift.api.Diagnosis;
import dev.schemawarden.drift.internal.snapshot.RolledBack;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One diagnose pass over the MySQL or MariaDB database the URL names: every check in one READ ONLY transaction,
 * reading information_schema, performance_schema and (for index sizes, when granted) mysql.innodb_index_stats;
 * never a table's rows. performance_schema's counters run since the server started, so the window is the uptime.
 * Checks that need performance_schema say why they were skipped when it is off or not readable.
 */
public final class MysqlDiagnoser {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlDiagnoser.class);

  /** What performance_schema can tell this pass: empty when it can, else why not (one line). */
  record PerfSchema(Optional<String> noTableIo, Optional<String> noDigests) {}

  private MysqlDiagnoser() {}

  public static Diagnosis run(Connection c, DiagnoseSettings settings) {
    Db db = new Db(c);
    try {
      return RolledBack.run(
          c,
          "diagnose",
          () -> {
            boolean mariadb =
                c.getMetaData()
                    .getDatabaseProductVersion()
                    .toLowerCase(Locale.ROOT)
                    .contains("mariadb");
            if (!mariadb) {
              // MySQL 8 caches information_schema.TABLES statistics (AUTO_INCREMENT too) for a day
              // by default.
              db.exec("SET SESSION information_schema_stats_expiry = 0");
            }
            db.exec("START TRANSACTION READ ONLY");
            record Head(
                String database, String version, double now, boolean perfSchema, long pageSize) {}
            Head head =
                db.one(
                    "SELECT DATABASE(), VERSION(), UNIX_TIMESTAMP(NOW(6)), @@performance_schema,"
                        + " @@innodb_page_size",
                    rs ->
                        new Head(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getDouble(3),
                            rs.getBoolean(4),
                            rs.getLong(5)));
            if (head.database() == null) {
              throw new WardenException(
                  ErrorCode.USAGE,
                  "the URL names no database: add it to the path"
                      + " (jdbc:mariadb://host:3306/shop); diagnose reads that one database");
            }
            long uptime = db.one("SHOW GLOBAL STATUS LIKE 'Uptime'", rs -> rs.getLong(2));
            Instant readAt = Instant.ofEpochMilli(Math.round(head.now() * 1000));
            Instant since = readAt.minusSeconds(uptime);
            Pass pass = new Pass(db, settings, head.database(), uptime);
            PerfSchema ps = perfSchema(db, head.perfSchema());
            MysqlIndexChecks.run(pass, ps, head.pageSize());
            MysqlTableChecks.primaryKeys(pass);
            MysqlTableChecks.autoIncrements(pass);
            MysqlSlowQueryCheck.run(pass, ps);
            LOG.debug("diagnose: {} queries, {} ms", db.queries(), db.time().toMillis());
            return new Diagnosis(
                Names.escape(head.database()),
                Names.escape(head.version()),
                readAt,
                since,
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

  /** Whether the table I/O and statement digest counters are on and readable. */
  private static PerfSchema perfSchema(Db db, boolean on) {
    if (!on) {
      String off =
          "performance_schema is OFF on this server (it is set at server start: performance_schema=ON)";
      return new PerfSchema(Optional.of(off), Optional.of(off));
    }
    try {
      boolean io =
          db.one(
              "SELECT COUNT(*) FROM performance_schema.setup_instruments"
                  + " WHERE NAME = 'wait/io/table/sql/handler' AND ENABLED = 'YES'",
              rs -> rs.getLong(1) > 0);
      List<String> consumers =
          db.rows(
              "SELECT NAME FROM performance_schema.setup_consumers WHERE ENABLED = 'YES'"
                  + " AND NAME IN ('global_instrumentation', 'statements_digest')",
              rs -> rs.getString(1));
      boolean global = consumers.contains("global_instrumentation");
      return new PerfSchema(
          io && global
              ? Optional.empty()
              : Optional.of(
                  "performance_schema does not count table"
                      + " I/O (instrument wait/io/table/sql/handler or consumer global_instrumentation is disabled)"),
          global && consumers.contains("statements_digest")
              ? Optional.empty()
              : Optional.of(
                  "performance_schema"
                      + " does not keep statement digests (consumer statements_digest is disabled)"));
    } catch (SQLException e) {
      String denied =
          "performance_schema is not readable by this role (GRANT SELECT ON performance_schema.*: "
              + firstLine(e)
              + ")";
      return new PerfSchema(Optional.of(denied), Optional.of(denied));
    }
  }

  static String firstLine(SQLException e) {
    return e.getMessage() == null
        ? e.toString()
        : Names.escape(e.getMessage().lines().findFirst().orElse(""));
  }

  private static WardenException failed(SQLException e) {
    return new WardenException(
        ErrorCode.INFRASTRUCTURE,
        "diagnosing the database failed: "
            + firstLine(e)
            + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
            + "; check that the role can SELECT the database's tables' metadata and performance_schema"
            + " (docs/diagnose.md#mysql-and-mariadb)",
        e);
  }
}
