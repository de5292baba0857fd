package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.Secrets;
import dev.schemawarden.app.audit.StatementOutcome;
import dev.schemawarden.app.audit.StatementOutcome.Outcome;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Flyway projects through the Flyway API with the repository's locations and placeholders, so
 * {@code flyway_schema_history} stays the truth. {@code lock_timeout} and {@code statement_timeout} are set by
 * {@code initSql} on every connection Flyway opens (on MySQL/MariaDB {@code lock_wait_timeout}, set again before each
 * migration: see {@link MysqlApply}). A transactional migration that fails on a lock timeout rolled
 * back completely (Flyway records nothing), so it is retried with backoff; a non-transactional one that fails is
 * recorded by Flyway as failed, and Flyway itself refuses to continue until {@code flyway repair}.
 */
final class FlywayExecutor implements Executor {

  private final Path repo;
  private final List<Migration> all;
  private final MigrationSettings settings;
  private final ApplySettings apply;
  private final StatementRunner.Sleeper sleeper;
  private final PlainExecutor markers;
  private final java.util.function.Predicate<Migration> transactional;

  FlywayExecutor(
      Path repo,
      List<Migration> all,
      MigrationSettings settings,
      ApplySettings apply,
      StatementRunner.Sleeper sleeper,
      PlainExecutor markers,
      java.util.function.Predicate<Migration> transactional) {
    this.markers = markers;
    this.transactional = transactional;
    this.repo = repo;
    this.all = all;
    this.settings = settings;
    this.apply = apply;
    this.sleeper = sleeper;
  }

  @Override
  public Pending pending(Target target) {
    MigrationInfo[] infos = flyway(target, Optional.empty()).info().all();
    List<String> blockers = new ArrayList<>();
    List<Migration> pending = new ArrayList<>();
    for (MigrationInfo i : infos) {
      if (i.getState().isFailed()) {
        blockers.add(
            "Flyway records "
                + i.getScript()
                + " as failed on "
                + target.name()
                + " (it stopped part-way"
                + " outside a transaction): check the database by hand, finish or undo it, then run `flyway repair`"
                + " (or `warden apply --resolve "
                + i.getScript()
                + " --as not-applied`) before applying again");
      } else if (i.getState() == org.flywaydb.core.api.MigrationState.PENDING) {
        pending.add(
            all.stream()
                .filter(m -> fileName(m.path()).equals(fileName(i.getScript())))
                .findFirst()
                .orElseThrow(
                    () ->
                        new WardenException(
                            ErrorCode.INTERNAL,
                            "Flyway lists "
                                + i.getScript()
                                + " as pending but Schema Warden did not load it: check migrations.locations")));
      }
    }
    if (!MysqlApply.isMysql(target)) {
      // On MySQL/MariaDB Flyway records every failure itself (DDL is never transactional there): no
      // markers.
      blockers.addAll(markers.pending(target).blockers());
    }
    return new Pending(pending, blockers);
  }

  @Override
  public Execution execute(Target target, List<Migration> pending) {
    List<StatementOutcome> outcomes = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      Recorder rec =
          new Recorder(
              MysqlApply.isMysql(target)
                  ? Optional.of(MysqlApply.sessionSql(apply))
                  : Optional.empty());
      try {
        flyway(target, Optional.of(rec)).migrate();
        outcomes.addAll(rec.outcomes);
        return new Execution(true, outcomes, "", false);
      } catch (FlywayException e) {
        outcomes.addAll(rec.outcomes);
        Optional<SQLException> sql = sqlCause(e);
        String state = sql.map(SQLException::getSQLState).orElse("");
        boolean failedRecorded =
            Arrays.stream(flyway(target, Optional.empty()).info().all())
                .anyMatch(i -> i.getState().isFailed());
        String msg = Secrets.redact(sql.map(Throwable::getMessage).orElse(e.getMessage()));
        if (MysqlApply.isMysql(target)) {
          Optional<Execution> done = mysqlFailure(target, e, rec, outcomes, msg, attempt);
          if (done.isPresent()) {
            return done.get();
          }
          continue;
        }
        if (failedRecorded) {
          return new Execution(false, outcomes, rec.current + ": " + msg, true);
        }
        Optional<Migration> failed =
            all.stream().filter(m -> fileName(m.path()).equals(fileName(rec.current))).findFirst();
        if (failed.isPresent() && !transactional.test(failed.get())) {
          // Flyway kept no record, but a CONCURRENTLY build that failed leaves an invalid index
          // behind: never retry it automatically, and make every later apply wait for a person.
          markers.markForeign(target, failed.get());
          return new Execution(
              false,
              outcomes,
              rec.current + ": " + msg + " (ran outside a transaction: not" + " retried)",
              true);
        }
        if (StatementRunner.LOCK_TIMEOUT.equals(state)
            && LockRetry.again(apply, sleeper, attempt, rec.current + ": lock timeout")) {
          continue;
        }
        if (Thread.currentThread().isInterrupted()) {
          return new Execution(false, outcomes, "interrupted while waiting to retry", false);
        }
        String why =
            StatementRunner.LOCK_TIMEOUT.equals(state)
                ? "lock timeout after " + attempt + " attempt(s): " + msg
                : msg;
        return new Execution(false, outcomes, rec.current + ": " + why, false);
      }
    }
  }

  /**
   * A failed migration on MySQL/MariaDB: Flyway wrote a failed row. When the failing statement was the first, nothing
   * took effect: the row is repaired away and a lock-wait timeout is retried within the budget (empty: retry).
   * Otherwise the statements before it committed (DDL autocommits): needs-human, naming them, never retried.
   */
  private Optional<Execution> mysqlFailure(
      Target target,
      FlywayException e,
      Recorder rec,
      List<StatementOutcome> outcomes,
      String msg,
      int attempt) {
    Optional<Migration> failed =
        all.stream().filter(m -> fileName(m.path()).equals(fileName(rec.current))).findFirst();
    java.util.OptionalInt index =
        failed
            .map(m -> MysqlApply.failedIndex(m, MysqlApply.failedLine(e)))
            .orElse(java.util.OptionalInt.empty());
    boolean lockWait = MysqlApply.lockWaitTimeout(e);
    if (failed.isPresent() && index.isPresent() && index.getAsInt() > 0) {
      Migration m = failed.get();
      int i = index.getAsInt();
      outcomes.removeIf(o -> o.migration().equals(rec.current));
      outcomes.addAll(MysqlApply.outcomes(rec.current, m, i, msg));
      return Optional.of(
          new Execution(false, outcomes, MysqlApply.partial(rec.current, m, i, msg), true));
    }
    if (index.isEmpty()) {
      // Nobody can say what took effect: assume some of it did.
      return Optional.of(
          new Execution(
              false,
              outcomes,
              rec.current
                  + ": "
                  + msg
                  + " (Flyway did not say which"
                  + " statement failed, so part of it may have taken effect; not retried)",
              true));
    }
    // The first statement failed: nothing of the migration took effect, so Flyway's failed row is
    // safe to remove.
    flyway(target, Optional.empty()).repair();
    if (lockWait
        && LockRetry.again(
            apply,
            sleeper,
            attempt,
            rec.current + ": waited past " + MysqlApply.waitBound(apply) + " for a lock")) {
      return Optional.empty();
    }
    if (Thread.currentThread().isInterrupted()) {
      return Optional.of(
          new Execution(false, outcomes, "interrupted while waiting to retry", false));
    }
    return Optional.of(
        new Execution(
            false,
            outcomes,
            rec.current + ": " + MysqlApply.gaveUp(apply, lockWait, attempt, msg),
            false));
  }

  @Override
  public String resolve(Target target, String migration, boolean applied) {
    if (applied) {
      throw new WardenException(
          ErrorCode.USAGE,
          "Flyway has no 'mark applied': finish "
              + migration
              + " by hand,"
              + " then add the rest as a new migration; use --as not-applied to let `flyway repair` remove the failed"
              + " row");
    }
    flyway(target, Optional.empty()).repair();
    return migration + ": flyway repair removed the failed entry; the next apply runs it again";
  }

  private Flyway flyway(Target target, Optional<Callback> callback) {
    Set<String> locations = new LinkedHashSet<>();
    settings.locations().forEach(l -> locations.add("filesystem:" + repo.resolve(l)));
    if (locations.isEmpty()) {
      // The directories the loaded migrations live in: the same ones the review looked at.
      all.forEach(m -> locations.add("filesystem:" + repo.resolve(m.path()).getParent()));
    }
    var cfg =
        Flyway.configure()
            .dataSource(target.dataSource("schema-warden-apply"))
            .locations(locations.toArray(String[]::new))
            .placeholders(settings.placeholders())
            .initSql(MysqlApply.isMysql(target) ? MysqlApply.sessionSql(apply) : apply.sessionSql())
            .mixed(true)
            .cleanDisabled(true);
    // Flyway's default transactional advisory lock keeps a transaction open on its history
    // connection, and CREATE INDEX CONCURRENTLY waits for every open transaction: it would time out
    // on our own lock_timeout.
    if (!MysqlApply.isMysql(target)) {
      cfg.getConfigurationExtension(
              org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class)
          .setTransactionalLock(false);
    }
    callback.ifPresent(cfg::callbacks);
    return cfg.load();
  }

  private static Optional<SQLException> sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static String fileName(String path) {
    return path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
  }

  /** Per-statement (or, when Flyway reports no statements, per-migration) timings and outcomes. */
  private static final class Recorder implements Callback {
    final List<StatementOutcome> outcomes = new ArrayList<>();
    String current = "(before the first migration)";

    /** Set again before each migration: an earlier migration's own SET SESSION must not lift the bound. */
    private final Optional<String> sessionSql;

    private final List<StatementOutcome> inMigration = new ArrayList<>();
    private long migrationStart;
    private long statementStart;
    private int index;

    Recorder(Optional<String> sessionSql) {
      this.sessionSql = sessionSql;
    }

    @Override
    public boolean supports(Event event, Context context) {
      return switch (event) {
        case BEFORE_EACH_MIGRATE,
            AFTER_EACH_MIGRATE,
            AFTER_EACH_MIGRATE_ERROR,
            BEFORE_EACH_MIGRATE_STATEMENT,
            AFTER_EACH_MIGRATE_STATEMENT,
            AFTER_EACH_MIGRATE_STATEMENT_ERROR ->
            true;
        default -> false;
      };
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      long now = System.nanoTime();
      switch (event) {
        case BEFORE_EACH_MIGRATE -> {
          current =
              context.getMigrationInfo() == null ? "?" : context.getMigrationInfo().getScript();
          migrationStart = now;
          inMigration.clear();
          index = 0;
          sessionSql.ifPresent(
              sql -> {
                try (java.sql.Statement st = context.getConnection().createStatement()) {
                  st.execute(sql);
                } catch (SQLException e) {
                  throw new FlywayException(
                      "cannot set lock_wait_timeout before " + current + ": " + e.getMessage(), e);
                }
              });
        }
        case BEFORE_EACH_MIGRATE_STATEMENT -> statementStart = now;
        case AFTER_EACH_MIGRATE_STATEMENT ->
            inMigration.add(
                new StatementOutcome(
                    current,
                    index++,
                    0,
                    sql(context),
                    Outcome.APPLIED,
                    (now - statementStart) / 1_000_000,
                    1,
                    ""));
        case AFTER_EACH_MIGRATE_STATEMENT_ERROR ->
            inMigration.add(
                new StatementOutcome(
                    current,
                    index++,
                    0,
                    sql(context),
                    Outcome.FAILED,
                    (now - statementStart) / 1_000_000,
                    1,
                    errors(context)));
        case AFTER_EACH_MIGRATE -> finish(Outcome.APPLIED, now, "");
        case AFTER_EACH_MIGRATE_ERROR -> finish(Outcome.FAILED, now, "migration failed");
        default -> {}
      }
    }

    private void finish(Outcome outcome, long now, String error) {
      if (inMigration.isEmpty()) {
        outcomes.add(
            new StatementOutcome(
                current,
                -1,
                0,
                "(whole migration " + current + ")",
                outcome,
                (now - migrationStart) / 1_000_000,
                1,
                error));
      } else {
        outcomes.addAll(inMigration);
      }
      inMigration.clear();
    }

    private static String sql(Context c) {
      return c.getStatement() == null ? "" : c.getStatement().getSql();
    }

    private static String errors(Context c) {
      if (c.getStatement() == null) {
        return "";
      }
      return Secrets.redact(
          String.join(
              "; ",
              c.getStatement().getErrors().stream()
                  .map(e -> e.getState() + " " + e.getMessage())
                  .toList()));
    }

    @Override
    public String getCallbackName() {
      return "schema-warden-recorder";
    }
  }
}
