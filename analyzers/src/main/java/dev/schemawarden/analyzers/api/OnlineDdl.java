package dev.schemawarden.analyzers.api;

import dev.schemawarden.analyzers.internal.impact.MysqlTraceVerdicts;
import dev.schemawarden.analyzers.internal.mysql.MysqlClassifier;
import dev.schemawarden.analyzers.internal.mysql.MysqlFlavor;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdl;
import dev.schemawarden.analyzers.internal.mysql.MysqlOnlineDdlTracer;
import dev.schemawarden.analyzers.internal.mysql.MysqlSandboxGuard;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * MySQL and MariaDB online DDL for other modules: what ALGORITHM and LOCK an ALTER gets, predicted from the version
 * or traced on a scratch server (the cheapest pair the server accepts, each tried on a copy of the table), the
 * sandbox's text filter and error classes, and the TR findings of a traced change.
 */
public final class OnlineDdl {

  private OnlineDdl() {}

  /** Whether {@code engine} is {@code mysql} or {@code mariadb}. */
  public static boolean mysqlFamily(String engine) {
    return engine.equals("mysql") || engine.equals("mariadb");
  }

  /** Whether {@code connection} reaches MySQL or MariaDB, told by the driver's product name. */
  public static boolean mysqlFamily(java.sql.Connection connection) throws java.sql.SQLException {
    String product =
        connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
    return product.contains("mysql") || product.contains("mariadb");
  }

  /** Where a verdict comes from. */
  public enum Source {
    TRACED,
    PREDICTED
  }

  /**
   * What the server does (or is predicted to do) with one ALTER.
   *
   * @param algorithm {@code INSTANT}, {@code NOCOPY}, {@code INPLACE} or {@code COPY}
   * @param lock {@code NONE}, {@code SHARED} or {@code EXCLUSIVE}
   */
  public record Verdict(String algorithm, String lock, Source source) {
    public Verdict {
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(lock, "lock");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * One ALTER as the server ran it.
   *
   * @param table the table as the statement names it
   * @param verdict the cheapest pair the server accepted; empty when it accepted none
   * @param rebuilt the statement as written gave the table a new InnoDB table id
   * @param error the server's error for the statement as written
   * @param tries every pair tried, with the server's answer
   */
  public record Traced(
      String table,
      Optional<Verdict> verdict,
      boolean rebuilt,
      Optional<String> error,
      Duration duration,
      List<String> tries) {
    public Traced {
      tries = List.copyOf(tries);
    }
  }

  /** The table an ALTER TABLE or CREATE INDEX changes, as written; empty for other statements. */
  public static Optional<String> alteredTable(String sql) {
    return MysqlClassifier.alter(sql).map(a -> a.table().toString());
  }

  /** The version-aware prediction for an ALTER; empty for other statements or when nothing is modelled. */
  public static Optional<Verdict> predict(
      String engine, ServerVersion version, String sql, boolean foreignKeyChecksOff) {
    return MysqlClassifier.alter(sql)
        .flatMap(
            a -> MysqlOnlineDdl.predict(MysqlFlavor.of(engine), version, a, foreignKeyChecksOff))
        .map(v -> new Verdict(v.algorithm().name(), v.lock().name(), Source.PREDICTED));
  }

  /**
   * The prediction for statement {@code s} of migration {@code m}: an earlier {@code SET foreign_key_checks = 0} in
   * the migration lets a foreign key be added in place.
   */
  public static Optional<Verdict> predict(
      String engine, ServerVersion version, Migration m, SqlStatement s) {
    return predict(
        engine,
        version,
        s.sql(),
        dev.schemawarden.analyzers.internal.rules.mysql.MysqlFacts.foreignKeyChecksOff(m, s));
  }

  /**
   * Traces one ALTER on {@code sandbox} (the statement is pull-request content: a user with rights on its own
   * database only), reading InnoDB table ids through {@code probe}; empty for other statements.
   */
  public static Optional<Traced> trace(
      String engine, Connection sandbox, Connection probe, String sql) throws SQLException {
    return new MysqlOnlineDdlTracer(MysqlFlavor.of(engine))
        .trace(sandbox, probe, sql)
        .map(
            t ->
                new Traced(
                    t.table(),
                    t.algorithm()
                        .map(
                            a ->
                                new Verdict(
                                    a.name(), t.lock().orElseThrow().name(), Source.TRACED)),
                    t.rebuilt(),
                    t.error(),
                    Duration.ofMillis(t.millis()),
                    t.tries().stream()
                        .map(
                            a ->
                                a.algorithm()
                                    + "/"
                                    + a.lock()
                                    + (a.accepted()
                                        ? " accepted"
                                        : " refused: " + a.error().orElse("")))
                        .toList()));
  }

  /** Why the sandbox refuses {@code sql} before it runs (server files, users, grants, other schemas), or empty. */
  public static Optional<String> refusal(String sql) {
    return MysqlSandboxGuard.refusal(sql);
  }

  /** How a statement ended on the replica. */
  public enum Status {
    OK,
    FAILED,
    TIMED_OUT,
    REFUSED,
    NOT_RUN
  }

  /** The class of a server error: REFUSED for a privilege the sandbox lacks, TIMED_OUT for a budget, else FAILED. */
  public static Status classify(int errorCode, String message) {
    return MysqlSandboxGuard.refusedByServer(errorCode, message)
        ? Status.REFUSED
        : MysqlSandboxGuard.timedOut(errorCode, message) ? Status.TIMED_OUT : Status.FAILED;
  }

  /**
   * One statement run on the replica.
   *
   * @param alter the online DDL trace when the statement is an ALTER that ran
   * @param error the refusal, the server's error or the budget that stopped it
   */
  public record Run(
      SqlStatement statement,
      Status status,
      Optional<Traced> alter,
      Optional<String> error,
      Duration duration) {
    public Run {
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(alter, "alter");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * The findings of a traced change: TR101 (fails on production's schema), TR102 (table rebuilt; concern
   * {@code rewrite:<table>}, so it merges with MY101), TR107 (stopped by a budget) and TR108 (sandbox escape).
   */
  public static List<Finding> findings(String engine, List<Run> runs) {
    return MysqlTraceVerdicts.findings(engine, runs);
  }
}
