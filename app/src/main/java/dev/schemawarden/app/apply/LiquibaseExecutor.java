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
import java.util.Set;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
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

  private final Path repo;
  private final List<Migration> all;
  private final MigrationSettings settings;
  private final ApplySettings apply;
  private final StatementRunner.Sleeper sleeper;
  private final PlainExecutor markers;

  LiquibaseExecutor(Path repo, List<Migration> all, MigrationSettings settings, ApplySettings apply,
      StatementRunner.Sleeper sleeper, PlainExecutor markers) {
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
    String changelog = settings.changelog().orElseThrow(() -> new WardenException(ErrorCode.CONFIG,
        "set migrations.changelog in .schemawarden.yml to the master changelog so apply runs what review saw"));
    String prefix = changelog.startsWith(RESOURCES) ? RESOURCES : "";
    for (int attempt = 1; ; attempt++) {
      long t0 = System.nanoTime();
      try (Connection c = target.connect();
           DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(repo.resolve(prefix))) {
        try (Statement st = c.createStatement()) {
          st.execute(apply.sessionSql());
        }
        Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), accessor), () -> {
          CommandScope update = new CommandScope(UpdateCommandStep.COMMAND_NAME);
          update.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db);
          update.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.substring(prefix.length()));
          if (!settings.contexts().isEmpty()) {
            update.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, String.join(",", settings.contexts()));
          }
          settings.labels().ifPresent(l -> update.addArgumentValue(UpdateCommandStep.LABEL_FILTER_ARG, l));
          update.execute();
        });
        long ms = (System.nanoTime() - t0) / 1_000_000 / Math.max(1, pending.size());
        int tries = attempt;
        return new Execution(true, pending.stream().map(m -> new StatementOutcome(m.label(), -1, 0,
            "(changeset " + m.id().orElse("?") + ")", Outcome.APPLIED, ms, tries, "")).toList(), "", false);
      } catch (Exception e) {
        Set<String> ranNow = ran(target);
        List<Migration> left = pending.stream().filter(m -> !ranNow.contains(m.id().orElse(""))).toList();
        String msg = Secrets.redact(rootMessage(e));
        boolean lock = isLockTimeout(e);
        Migration failed = left.isEmpty() ? null : left.get(0);
        if (failed != null && !failed.runInTransaction() && failed.statements().size() > 1) {
          markers.markForeign(target, failed);
          return new Execution(false, outcomes(pending, ranNow, failed, msg), failed.label() + ": " + msg, true);
        }
        if (lock && LockRetry.again(apply, sleeper, attempt,
            (failed == null ? "liquibase" : failed.label()) + ": lock timeout")) {
          continue;
        }
        return new Execution(false, outcomes(pending, ranNow, failed, msg),
            (failed == null ? "liquibase" : failed.label()) + ": "
                + (lock ? "lock timeout after " + attempt + " attempt(s): " : "") + msg, false);
      }
    }
  }

  @Override
  public String resolve(Target target, String migration, boolean applied) {
    return markers.resolve(target, migration, applied);
  }

  private static List<StatementOutcome> outcomes(List<Migration> pending, Set<String> ran, Migration failed,
      String msg) {
    List<StatementOutcome> out = new ArrayList<>();
    for (Migration m : pending) {
      Outcome o = ran.contains(m.id().orElse("")) ? Outcome.APPLIED : m == failed ? Outcome.FAILED : Outcome.NOT_RUN;
      out.add(new StatementOutcome(m.label(), -1, 0, "(changeset " + m.id().orElse("?") + ")", o, 0, 1,
          m == failed ? msg : ""));
    }
    return out;
  }

  private static Set<String> ran(Target target) {
    Set<String> out = new HashSet<>();
    try (Connection c = target.connect(); Statement st = c.createStatement()) {
      try (ResultSet t = st.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
        t.next();
        if (!t.getBoolean(1)) {
          return out;
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT id, author FROM databasechangelog")) {
        while (rs.next()) {
          out.add(rs.getString(1) + "::" + rs.getString(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "environment " + target.name()
          + ": cannot read databasechangelog: " + Secrets.redact(e.getMessage()), e);
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
