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
}
