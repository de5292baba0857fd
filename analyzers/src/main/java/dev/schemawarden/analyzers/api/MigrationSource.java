package dev.schemawarden.analyzers.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Finds and orders the migrations of one tool in a directory tree and turns them into statements with exact
 * file and line. One implementation per tool; discovered with {@link java.util.ServiceLoader}.
 */
public interface MigrationSource {

  MigrationTool tool();

  /** How sure this source is that {@code root} uses its tool (0 = not at all); the highest wins auto-detection. */
  int detect(Path root, MigrationSettings settings);

  /**
   * Every migration under {@code root}, in the order the tool applies them. Paths in the result are relative to
   * {@code root}, with forward slashes.
   *
   * @throws WardenException with {@link ErrorCode#INPUT} naming the file and line when a file cannot be read
   */
  List<Migration> load(Path root, MigrationSettings settings, SqlParser parser);

  /** True when {@code relativePath} is a file this tool would apply (used to pick the files a change touched). */
  boolean isMigrationFile(String relativePath, MigrationSettings settings);

  /**
   * The down migrations under {@code root} (golang-migrate {@code .down.sql}, dbmate down sections, diesel
   * {@code down.sql}, Flyway {@code U} scripts, plain {@code .down.sql} pairs), each with the up it reverts, in the
   * order of their ups; a down whose up is missing is left out. None for a tool whose layout has no downs.
   */
  default List<DownMigration> downs(Path root, MigrationSettings settings, SqlParser parser) {
    return List.of();
  }

  /**
   * The changelog every other one is included from (Liquibase's master: {@code migrations.changelog} or the first
   * conventional one present), repository-relative; empty for a tool without one.
   */
  default java.util.Optional<String> masterChangelog(Path root, MigrationSettings settings) {
    return java.util.Optional.empty();
  }

  /** True when {@code relativePath} holds a down migration of this tool (a dbmate file holds both). */
  default boolean isDownFile(String relativePath, MigrationSettings settings) {
    return false;
  }
}
