package dev.schemawarden.app.apply;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.Migration;
import dev.schemawarden.analyzers.api.MigrationSettings;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.audit.Secrets;
import dev.schemawarden.app.audit.StatementOutcome;
import dev.schemawarden.app.audit.StatementOutcome.Outcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.MarkNextChangesetRanCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * Liquibase projects through Liquibase's own update, so {@code databasechangelog} stays the truth. The connection
 * Liquibase uses has {@code lock_timeout}/{@code statement_timeout} set first. Each changeset runs in its own
 * transaction unless it says {@code runInTransaction: false}; a lock timeout rolls back the failing changeset and
 * the update is retried (changesets already run are skipped by Liquibase). A non-transactional changeset that fails
 * is recorded as {@code needs_human} in {@code warden_schema_history} so later applies refuse until resolved.
 */
final class LiquibaseExecutor implements Executor {
  private static final String RESOURCES = "src/main/resources/";

  /** How Liquibase's DatabaseException names the statement that failed. */
  private static final Pattern FAILED_SQL =
      Pattern.compile("(?s)\\[Failed SQL: \\([^)]*\\) (.*)\\]");

  private final Path repo;
  private final List<Migration> all;
  private final MigrationSettings settings;
  private final ApplySettings apply;
  private final StatementRunner.Sleeper sleeper;
  private final PlainExecutor markers;

  LiquibaseExecutor(
      Path repo,
      List<Migration> all,
      MigrationSettings settings,
      ApplySettings apply,
      StatementRunner.Sleeper sleeper,
      PlainExecutor markers) {
    this.repo = repo;
    this.all = all;
    this.settings = settings;
    this.apply = apply;
    this.sleeper = sleeper;
    this.markers = markers;
  }

  @Override
  public Pending pending(Target target) {
    Set<String> ran = ran(target);
    List<Migration> pending = all.stream().filter(m -> !ran.contains(m.id().orElse(""))).toList();
    return new Pending(pending, markers.pending(target).blockers());
  }

  @Override
  public Execution execute(Target target, List<Migration> pending) {
    for (int attempt = 1; ; attempt++) {
      long t0 = System.nanoTime();
      try (Connection c = target.connect()) {
        try (Statement st = c.createStatement()) {
          st.execute(
              MysqlApply.isMysql(target) ? MysqlApply.sessionSql(apply) : apply.sessionSql());
        }
        run(c, UpdateCommandStep.COMMAND_NAME);
        long ms = (System.nanoTime() - t0) / 1_000_000 / Math.max(1, pending.size());
        int tries = attempt;
        return new Execution(
            true,
            pending.stream()
                .map(
                    m ->
                        new StatementOutcome(
                            m.label(),
                            -1,
                            0,
                            "(changeset " + m.id().orElse("?") + ")",
                            Outcome.APPLIED,
                            ms,
                            tries,
                            ""))
                .toList(),
            "",
            false);
      } catch (Exception e) {
        Set<String> ranNow = ran(target);
        List<Migration> left =
            pending.stream().filter(m -> !ranNow.contains(m.id().orElse(""))).toList();
        String msg = Secrets.redact(rootMessage(e));
        boolean lock = isLockTimeout(e);
        Migration failed = left.isEmpty() ? null : left.get(0);
        if (MysqlApply.isMysql(target)) {
          Optional<Execution> done = mysqlFailure(target, e, pending, ranNow, failed, msg, attempt);
          if (done.isPresent()) {
            return done.get();
          }
          continue;
        }
        if (failed != null && !failed.runInTransaction() && failed.statements().size() > 1) {
          markers.markForeign(target, failed);
          return new Execution(
              false, outcomes(pending, ranNow, failed, msg), failed.label() + ": " + msg, true);
        }
        if (lock
            && LockRetry.again(
                apply,
                sleeper,
                attempt,
                (failed == null ? "liquibase" : failed.label()) + ": lock timeout")) {
          continue;
        }
        return new Execution(
            false,
            outcomes(pending, ranNow, failed, msg),
            (failed == null ? "liquibase" : failed.label())
                + ": "
                + (lock ? "lock timeout after " + attempt + " attempt(s): " : "")
                + msg,
            false);
      }
    }
  }

  /**
   * A failed changeset on MySQL/MariaDB, where every DDL statement commits by itself: Liquibase records nothing for
   * it, yet the statements before the failing one took effect. When the failing one was the first, nothing did: a
   * lock-wait timeout is retried within the budget (empty: retry). Otherwise needs-human, naming what stayed, and
   * a marker makes later applies refuse until a person resolves it; when Liquibase's message does not say which
   * statement failed, a changeset of several statements is assumed to have left part of itself behind.
   */
  private Optional<Execution> mysqlFailure(
      Target target,
      Exception e,
      List<Migration> pending,
      Set<String> ranNow,
      Migration failed,
      String msg,
      int attempt) {
    if (failed == null) {
      return Optional.of(
          new Execution(false, outcomes(pending, ranNow, null, msg), "liquibase: " + msg, false));
    }
    OptionalInt index = failedStatement(failed, e);
    int total = failed.statements().size();
    if (index.isPresent() && index.getAsInt() > 0) {
      int i = index.getAsInt();
      markers.markForeign(target, failed, i);
      List<StatementOutcome> out = new ArrayList<>(outcomes(pending, ranNow, failed, msg));
      out.removeIf(o -> o.migration().equals(failed.label()));
      out.addAll(MysqlApply.outcomes(failed.label(), failed, i, msg));
      return Optional.of(
          new Execution(false, out, MysqlApply.partial(failed.label(), failed, i, msg), true));
    }
    if (index.isEmpty() && total > 1) {
      markers.markForeign(target, failed);
      return Optional.of(
          new Execution(
              false,
              outcomes(pending, ranNow, failed, msg),
              failed.label()
                  + ": "
                  + msg
                  + " (Liquibase did not say which statement failed, so part of it may have taken effect; not retried)",
              true));
    }
    boolean lockWait = MysqlApply.lockWaitTimeout(e);
    if (lockWait
        && LockRetry.again(
            apply,
            sleeper,
            attempt,
            failed.label() + ": waited past " + MysqlApply.waitBound(apply))) {
      return Optional.empty();
    }
    return Optional.of(
        new Execution(
            false,
            outcomes(pending, ranNow, failed, msg),
            failed.label() + ": " + MysqlApply.gaveUp(apply, lockWait, attempt, msg),
            false));
  }

  /**
   * Which of {@code m}'s statements Liquibase's "[Failed SQL: (code) …]" names, compared without comments, case
   * of whitespace or the final semicolon; empty when no message says.
   */
  static OptionalInt failedStatement(Migration m, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher f = FAILED_SQL.matcher(String.valueOf(t.getMessage()));
      if (f.find()) {
        String failedSql = normalized(f.group(1));
        for (int i = 0; i < m.statements().size(); i++) {
          if (normalized(m.statements().get(i).sql()).equals(failedSql)) {
            return OptionalInt.of(i);
          }
        }
        return OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }

  private static String normalized(String sql) {
    return sql.replaceAll("(?s)/\\*.*?\\*/", " ")
        .replaceAll("--[^\n]*", " ")
        .replaceAll("\\s+", " ")
        .strip()
        .replaceAll(";$", "")
        .strip();
  }

  /**
   * {@code --as applied}: a person finished the changeset by hand, so it is marked ran in {@code databasechangelog}
   * (Liquibase's mark-next-changeset-ran, only when it is the next one to run) and the marker is cleared; {@code
   * --as not-applied} clears the marker, and the next apply runs it again.
   */
  @Override
  public String resolve(Target target, String migration, boolean applied) {
    if (applied) {
      Optional<Migration> next = pending(target).migrations().stream().findFirst();
      if (next.isEmpty() || !next.get().label().equals(migration)) {
        throw new WardenException(
            ErrorCode.USAGE,
            migration
                + " is not the next changeset Liquibase would run on "
                + target.name()
                + (next.map(m -> " (that is " + m.label() + ")").orElse(""))
                + ": resolve that one,"
                + " or use --as not-applied");
      }
      markNextRan(target);
    }
    return markers.resolve(target, migration, applied);
  }

  private void markNextRan(Target target) {
    try (Connection c = target.connect()) {
      run(c, MarkNextChangesetRanCommandStep.COMMAND_NAME);
    } catch (WardenException e) {
      throw e;
    } catch (Exception e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "environment "
              + target.name()
              + ": cannot mark the"
              + " changeset ran in databasechangelog: "
              + Secrets.redact(rootMessage(e)),
          e);
    }
  }

  private static List<StatementOutcome> outcomes(
      List<Migration> pending, Set<String> ran, Migration failed, String msg) {
    List<StatementOutcome> out = new ArrayList<>();
    for (Migration m : pending) {
      Outcome o =
          ran.contains(m.id().orElse(""))
              ? Outcome.APPLIED
              : m == failed ? Outcome.FAILED : Outcome.NOT_RUN;
      out.add(
          new StatementOutcome(
              m.label(),
              -1,
              0,
              "(changeset " + m.id().orElse("?") + ")",
              o,
              0,
              1,
              m == failed ? msg : ""));
    }
    return out;
  }

  /**
   * Runs Liquibase's {@code command} on {@code c} for the master changelog with the repository's contexts and
   * labels, files read from the repository (under {@code src/main/resources/} when the changelog is there).
   */
  private void run(Connection c, String[] command) throws Exception {
    String changelog =
        settings
            .changelog()
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.CONFIG,
                        "set migrations.changelog in .schemawarden.yml to the master changelog so apply runs what review saw"));
    String prefix = changelog.startsWith(RESOURCES) ? RESOURCES : "";
    try (DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(repo.resolve(prefix))) {
      Database db =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      Scope.child(
          Map.of(Scope.Attr.resourceAccessor.name(), accessor),
          () -> {
            CommandScope scope = new CommandScope(command);
            scope.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db);
            scope.addArgumentValue(
                DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG,
                changelog.substring(prefix.length()));
            if (!settings.contexts().isEmpty()) {
              scope.addArgumentValue(
                  DatabaseChangelogCommandStep.CONTEXTS_ARG, String.join(",", settings.contexts()));
            }
            settings
                .labels()
                .ifPresent(
                    l -> scope.addArgumentValue(DatabaseChangelogCommandStep.LABEL_FILTER_ARG, l));
            scope.execute();
          });
    }
  }

  private static Set<String> ran(Target target) {
    Set<String> out = new HashSet<>();
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      // Liquibase names it DATABASECHANGELOG on MySQL/MariaDB, where table names are case-sensitive
      // on Linux.
      String table = MysqlApply.isMysql(target) ? "DATABASECHANGELOG" : "databasechangelog";
      try (ResultSet t =
          st.executeQuery(
              MysqlApply.isMysql(target)
                  ? "SELECT count(*) > 0 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '"
                      + table
                      + "'"
                  : "SELECT to_regclass('databasechangelog') IS NOT NULL")) {
        t.next();
        if (!t.getBoolean(1)) {
          return out;
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT id, author FROM " + table)) {
        while (rs.next()) {
          out.add(rs.getString(1) + "::" + rs.getString(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "environment "
              + target.name()
              + ": cannot read databasechangelog: "
              + Secrets.redact(e.getMessage()),
          e);
    }
  }

  private static boolean isLockTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && StatementRunner.LOCK_TIMEOUT.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
