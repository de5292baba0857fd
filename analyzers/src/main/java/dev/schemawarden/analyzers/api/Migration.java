package dev.schemawarden.analyzers.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit a migration tool applies: a Flyway script, a Liquibase changeset, a golang-migrate {@code .up.sql},
 * a plain SQL file.
 *
 * @param path repository-relative path of the file that holds it (for Liquibase, the changelog)
 * @param tool the tool that applies it
 * @param kind versioned, undo, repeatable, ...
 * @param id the tool's identity of this unit: Flyway version ({@code 42.1}), Liquibase {@code id::author},
 *     golang-migrate version; empty for plain files
 * @param description human description (Flyway's {@code __description}, the changeset comment)
 * @param runInTransaction whether the tool wraps the whole unit in one transaction
 * @param statements every statement, in order, none dropped
 * @param comments every comment in the file (for suppression directives)
 * @param refusal why the file was not read ({@link RepositoryFiles} refused it: a link leaving the repository, a
 *     FIFO, too large); the migration then has no statements and the linter reports {@code WD003}
 * @param replay what the tool decides when it runs the unit (Liquibase preconditions, {@code failOnError}): the
 *     replay of a history honours it
 * @param notTraced parts of the unit whose SQL is unknown without running code the repository names (a Liquibase
 *     {@code customChange}): each becomes a {@code WD004} finding, and the replay leaves them out
 */
public record Migration(
    String path,
    MigrationTool tool,
    Kind kind,
    Optional<String> id,
    String description,
    boolean runInTransaction,
    List<SqlStatement> statements,
    List<SqlComment> comments,
    Optional<String> refusal,
    Replay replay,
    List<NotTraced> notTraced) {

  public enum Kind {
    VERSIONED,
    UNDO,
    REPEATABLE,
    CHANGESET,
    UP,
    DOWN,
    PLAIN
  }

  /**
   * How the tool decides to run the unit, beyond its statements.
   *
   * @param check evaluated on the database just before the unit runs (Liquibase {@code preConditions}); empty when
   *     the unit always runs
   * @param failOnError false when the tool logs a failure of the unit and goes on with the next one (Liquibase
   *     {@code failOnError="false"}): the unit's transaction is rolled back, or what ran of a non-transactional unit
   *     stays
   */
  public record Replay(Optional<ReplayCheck> check, boolean failOnError) {
    /** Runs unconditionally; a failure stops the tool. */
    public static final Replay ALWAYS = new Replay(Optional.empty(), true);

    public Replay {
      Objects.requireNonNull(check, "check");
    }

    /** Stable text for cache keys: two replays with the same text behave the same. */
    public String describe() {
      return check.map(ReplayCheck::describe).orElse("")
          + (failOnError ? "" : " failOnError=false");
    }
  }

  /** A part of the unit the review cannot render to SQL: where it is and why (one line, no code from it). */
  public record NotTraced(int line, String reason) {
    public NotTraced {
      Objects.requireNonNull(reason, "reason");
    }
  }

  public Migration {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    statements = List.copyOf(statements);
    comments = List.copyOf(comments);
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(replay, "replay");
    notTraced = List.copyOf(notTraced);
  }

  /** A migration the tool always runs and that is wholly SQL. */
  public Migration(
      String path,
      MigrationTool tool,
      Kind kind,
      Optional<String> id,
      String description,
      boolean runInTransaction,
      List<SqlStatement> statements,
      List<SqlComment> comments,
      Optional<String> refusal) {
    this(
        path,
        tool,
        kind,
        id,
        description,
        runInTransaction,
        statements,
        comments,
        refusal,
        Replay.ALWAYS,
        List.of());
  }

  /** A migration whose file was read. */
  public Migration(
      String path,
      MigrationTool tool,
      Kind kind,
      Optional<String> id,
      String description,
      boolean runInTransaction,
      List<SqlStatement> statements,
      List<SqlComment> comments) {
    this(
        path,
        tool,
        kind,
        id,
        description,
        runInTransaction,
        statements,
        comments,
        Optional.empty());
  }

  /** A migration file that was not read, with the refusal's one-line reason ({@link RefusedFileException#finding()}). */
  public static Migration refused(
      String path,
      MigrationTool tool,
      Kind kind,
      Optional<String> id,
      String description,
      String refusal) {
    return new Migration(
        path, tool, kind, id, description, true, List.of(), List.of(), Optional.of(refusal));
  }

  /** A label for people: {@code V42__orders.sql} or {@code changelog.xml#42::alice}. */
  public String label() {
    String file = path.substring(path.lastIndexOf('/') + 1);
    return tool == MigrationTool.LIQUIBASE ? file + id.map(i -> "#" + i).orElse("") : file;
  }
}
