package dev.schemawarden.analyzers.api;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tracer observed, one {@link TracedStatement} per statement of every traced migration, in order.
 *
 * @param serverVersion the replica's PostgreSQL version
 * @param total wall time of the whole trace, observation included
 */
public record TraceResult(
    List<TracedStatement> statements,
    ServerVersion serverVersion,
    Duration total,
    java.util.Map<String, RelationFacts> relations) {

  public TraceResult {
    statements = List.copyOf(statements);
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(total, "total");
    relations = java.util.Map.copyOf(relations);
  }

  /** A trace with no catalog facts (tests, tracers that do not read them). */
  public TraceResult(
      List<TracedStatement> statements, ServerVersion serverVersion, Duration total) {
    this(statements, serverVersion, total, java.util.Map.of());
  }

  /**
   * What the replica's catalog said, before the trace, about a pre-existing relation a statement locked or dropped
   * ({@code schema.name}, as {@link StatementEffects.ObservedLock#relation()} spells it): why a statement locks
   * relations it does not name.
   *
   * @param kind {@code table}, {@code partitioned table}, {@code index}, {@code view}, {@code materialized view},
   *     {@code sequence}, {@code foreign table}, ...
   * @param table for an index, the table it is on
   * @param partitionOf for a partition, its partitioned table
   * @param references the tables its foreign keys reference
   */
  public record RelationFacts(
      String kind, Optional<String> table, Optional<String> partitionOf, List<String> references) {
    public RelationFacts {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(partitionOf, "partitionOf");
      references = List.copyOf(references);
    }

    /** Tables, views and the like, which a reader names; not indexes, sequences or TOAST tables that belong to one. */
    public boolean userFacing() {
      return !kind.equals("index")
          && !kind.equals("sequence")
          && !kind.equals("toast table")
          && !kind.equals("partitioned index");
    }
  }

  /** The relation as a reader knows it: an index's table, anything else itself. */
  public String tableOf(String relation) {
    RelationFacts f = relations.get(relation);
    return f == null ? relation : f.table().orElse(relation);
  }

  /** How a statement fared on the replica. */
  public enum Status {
    /** Ran and succeeded. */
    OK,
    /** Ran and PostgreSQL raised an error ({@code sqlState} and {@code effects.error} say which). */
    FAILED,
    /** Stopped because it ran longer than the statement budget. */
    TIMED_OUT,
    /**
     * An escape from the sandbox: the text filter refused a server-level or escape statement before it ran, or
     * PostgreSQL refused it for a privilege the sandbox role lacks ({@code sqlState} is then set, and the trace
     * stops there as after any failure). Never a lesser outcome than {@link #FAILED}.
     */
    REFUSED,
    /** Not executed because an earlier statement failed (its transaction aborted, or the tool stops there). */
    NOT_RUN
  }

  /**
   * One statement's observations.
   *
   * @param path the migration's path
   * @param statement the statement as parsed
   * @param status how it fared
   * @param effects locks (strongest per pre-existing relation, acquired during this statement), rewrites and scans,
   *     with {@code source = TRACED}, duration and error
   * @param sqlState PostgreSQL's SQLSTATE when it failed
   * @param heldLocks every lock on pre-existing relations held once the statement finished, including those taken
   *     by earlier statements of the same transaction: what blocks other sessions from then until commit
   * @param lockTimeout the effective {@code lock_timeout} when the statement ran, empty when the migration did not
   *     set one (production's default then applies)
   * @param inTransaction whether it ran inside a transaction block
   * @param createdObjects relations (tables, indexes, sequences, views) the statement created
   * @param droppedObjects pre-existing relations it dropped
   */
  public record TracedStatement(
      String path,
      SqlStatement statement,
      Status status,
      StatementEffects effects,
      Optional<String> sqlState,
      List<StatementEffects.ObservedLock> heldLocks,
      Optional<String> lockTimeout,
      boolean inTransaction,
      List<String> createdObjects,
      List<String> droppedObjects) {

    public TracedStatement {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(effects, "effects");
      Objects.requireNonNull(sqlState, "sqlState");
      heldLocks = List.copyOf(heldLocks);
      Objects.requireNonNull(lockTimeout, "lockTimeout");
      createdObjects = List.copyOf(createdObjects);
      droppedObjects = List.copyOf(droppedObjects);
    }

    /** The strongest lock this statement took on {@code relation} ({@code schema.name}), if any. */
    public Optional<LockMode> lockOn(String relation) {
      return effects.locks().stream()
          .filter(l -> l.relation().equals(relation))
          .map(StatementEffects.ObservedLock::mode)
          .max(Comparator.naturalOrder());
    }

    public boolean rewrote(String relation) {
      return effects.rewrites().stream().anyMatch(r -> r.relation().equals(relation));
    }

    public boolean scanned(String relation) {
      return effects.scans().stream().anyMatch(s -> s.relation().equals(relation));
    }
  }

  /** The first statement that failed, timed out or was refused, if any. */
  public Optional<TracedStatement> firstProblem() {
    return statements.stream()
        .filter(s -> s.status() != Status.OK && s.status() != Status.NOT_RUN)
        .findFirst();
  }
}
