package dev.schemawarden.app.watch;

import java.util.List;
import java.util.Objects;

/**
 * The files that propose one fix as migrations of the repository's tool.
 *
 * @param tool the tool's config name ({@code flyway}, {@code golang-migrate}, ...)
 * @param versions the migration versions the files take (reserved so a later proposal never reuses one)
 * @param files each file to create (or, for a Liquibase master changelog, its new full text), repository-relative
 */
public record PlannedMigration(String tool, List<String> versions, List<File> files) {

  public PlannedMigration {
    Objects.requireNonNull(tool, "tool");
    versions = List.copyOf(versions);
    files = List.copyOf(files);
  }

  /** One file: its repository-relative path (forward slashes, plain characters only) and text. */
  public record File(String path, String content) {
    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
    }
  }
}
