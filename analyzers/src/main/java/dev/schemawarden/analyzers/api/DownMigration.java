package dev.schemawarden.analyzers.api;

import java.util.Objects;

/**
 * A migration that reverts another, the rollback plan of its up migration: golang-migrate's {@code .down.sql},
 * dbmate's {@code -- migrate:down} section, diesel's {@code down.sql}, Flyway's {@code U} script, a plain
 * {@code x.down.sql} next to {@code x.up.sql}. No deploy runs it ({@code migrate up} never does), so it is neither
 * part of the replayed history nor of the change; the review lints it with findings capped at {@link Severity#INFO}.
 *
 * @param upPath repository-relative path of the up migration it reverts (for dbmate, the same file)
 * @param migration the down migration itself, of kind {@link Migration.Kind#DOWN} or {@link Migration.Kind#UNDO}
 */
public record DownMigration(String upPath, Migration migration) {
  public DownMigration {
    Objects.requireNonNull(upPath, "upPath");
    Objects.requireNonNull(migration, "migration");
    if (migration.kind() != Migration.Kind.DOWN && migration.kind() != Migration.Kind.UNDO) {
      throw new IllegalArgumentException(
          migration.path() + " is " + migration.kind() + ", not a down migration");
    }
  }

  /** Whether {@code kind} is a rollback plan (down or undo) rather than something a deploy applies. */
  public static boolean isRollback(Migration.Kind kind) {
    return kind == Migration.Kind.DOWN || kind == Migration.Kind.UNDO;
  }
}
