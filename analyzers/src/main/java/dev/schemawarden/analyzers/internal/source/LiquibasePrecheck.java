package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ReplayCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.PreconditionErrorException;
import liquibase.exception.PreconditionFailedException;
import liquibase.executor.ExecutorService;
import liquibase.precondition.Precondition;
import liquibase.precondition.PreconditionLogic;
import liquibase.precondition.core.AndPrecondition;
import liquibase.precondition.core.ColumnExistsPrecondition;
import liquibase.precondition.core.DBMSPrecondition;
import liquibase.precondition.core.ForeignKeyExistsPrecondition;
import liquibase.precondition.core.IndexExistsPrecondition;
import liquibase.precondition.core.NotPrecondition;
import liquibase.precondition.core.OrPrecondition;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.precondition.core.PrimaryKeyExistsPrecondition;
import liquibase.precondition.core.RowCountPrecondition;
import liquibase.precondition.core.SequenceExistsPrecondition;
import liquibase.precondition.core.SqlPrecondition;
import liquibase.precondition.core.TableExistsPrecondition;
import liquibase.precondition.core.TableIsEmptyPrecondition;
import liquibase.precondition.core.UniqueConstraintExistsPrecondition;
import liquibase.precondition.core.ViewExistsPrecondition;

/**
 * A changeset's {@code preConditions}, evaluated by Liquibase itself on the database being replayed, and decided as
 * {@code ChangeSet.execute} decides: {@code MARK_RAN} and {@code CONTINUE} skip the changeset, {@code WARN} runs it,
 * {@code HALT} stops the update. Only preconditions that read the schema are evaluated; one that needs Liquibase's
 * own tables ({@code changeSetExecuted}), the deploying user ({@code runningAs}) or a class
 * ({@code customPrecondition}, never loaded) makes the whole check pass, as the offline rendering assumes.
 */
final class LiquibasePrecheck implements ReplayCheck {
  /** Preconditions that only look at the schema or data, so the replica answers as production's first deploy did. */
  private static final Set<Class<?>> EVALUATED =
      Set.of(
          AndPrecondition.class,
          OrPrecondition.class,
          NotPrecondition.class,
          ColumnExistsPrecondition.class,
          DBMSPrecondition.class,
          ForeignKeyExistsPrecondition.class,
          IndexExistsPrecondition.class,
          PrimaryKeyExistsPrecondition.class,
          RowCountPrecondition.class,
          SequenceExistsPrecondition.class,
          SqlPrecondition.class,
          TableExistsPrecondition.class,
          TableIsEmptyPrecondition.class,
          UniqueConstraintExistsPrecondition.class,
          ViewExistsPrecondition.class);

  private final ChangeSet changeSet;
  private final String where;
  private final String text;

  private LiquibasePrecheck(ChangeSet changeSet, String where, String text) {
    this.changeSet = changeSet;
    this.where = where;
    this.text = text;
  }

  /** The check of {@code cs} (defined at {@code where}, "path:line"), if it has preconditions the replay can judge. */
  static Optional<ReplayCheck> of(ChangeSet cs, String where) {
    PreconditionContainer pre = cs.getPreconditions();
    if (pre == null
        || pre.getNestedPreconditions().isEmpty()
        || !evaluable(pre.getNestedPreconditions())) {
      return Optional.empty();
    }
    String text =
        "preConditions onFail="
            + pre.getOnFail()
            + " onError="
            + pre.getOnError()
            + " "
            + pre.getNestedPreconditions().stream().map(LiquibasePrecheck::describe).toList();
    return Optional.of(new LiquibasePrecheck(cs, where, text));
  }

  private static boolean evaluable(List<Precondition> preconditions) {
    for (Precondition p : preconditions) {
      if (!EVALUATED.contains(p.getClass())
          || p instanceof PreconditionLogic logic && !evaluable(logic.getNestedPreconditions())) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Precondition p) {
    if (p instanceof PreconditionLogic logic) {
      return p.getName()
          + logic.getNestedPreconditions().stream().map(LiquibasePrecheck::describe).toList();
    }
    StringBuilder sb = new StringBuilder(p.getName()).append('{');
    for (String field : p.getSerializableFields()) {
      sb.append(field).append('=').append(p.getSerializableFieldValue(field)).append(';');
    }
    return sb.append('}').toString();
  }

  @Override
  public Verdict check(Connection connection) {
    PreconditionContainer pre = changeSet.getPreconditions();
    Database db = null;
    try {
      db =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Database database = db;
      return Scope.child(
          Map.of(Scope.Attr.database.name(), db),
          () -> {
            try {
              pre.check(database, changeSet.getChangeLog(), changeSet, null);
              return new Verdict(Action.RUN, "preconditions hold");
            } catch (PreconditionFailedException e) {
              return decide(pre.getOnFail().name(), "preconditions failed: " + e.getMessage());
            } catch (PreconditionErrorException e) {
              return decide(pre.getOnError().name(), "preconditions errored: " + e.getMessage());
            }
          });
    } catch (Exception e) {
      return decide(pre.getOnError().name(), "preconditions errored: " + e.getMessage());
    } finally {
      if (db != null) {
        Scope.getCurrentScope().getSingleton(ExecutorService.class).clearExecutor("jdbc", db);
      }
      restore(connection);
    }
  }

  private Verdict decide(String option, String why) {
    String reason =
        where
            + ": changeset "
            + changeSet.getId()
            + "::"
            + changeSet.getAuthor()
            + " "
            + why.strip()
            + " ("
            + option
            + ")";
    return switch (option) {
      case "MARK_RAN", "CONTINUE" -> new Verdict(Action.SKIP, reason);
      case "WARN" -> new Verdict(Action.RUN, reason);
      default -> new Verdict(Action.HALT, reason);
    };
  }

  /** Liquibase turns auto-commit off for PostgreSQL; the replay expects it on, with nothing left open. */
  private static void restore(Connection c) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot restore the replay connection after a precondition check", e);
    }
  }

  @Override
  public String describe() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiquibasePrecheck other
        && other.text.equals(text)
        && other.where.equals(where);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return where + " " + text;
  }
}
