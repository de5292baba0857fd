package dev.schemawarden.app.git;

import java.util.Objects;
import java.util.Optional;

/**
 * A file the change touches, with repository-relative paths (relative to the reviewed directory, forward
 * slashes).
 *
 * @param path the path at head
 * @param status how the change touches it
 * @param basePath for a rename, the path on the base side
 */
public record ChangedFile(String path, Status status, Optional<String> basePath) {
  public enum Status {
    ADDED,
    MODIFIED,
    RENAMED;

    /** As the report spells a migration's status: {@code added} or {@code modified} (renames are modifications). */
    public String reportStatus() {
      return this == ADDED ? "added" : "modified";
    }
  }

  public ChangedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(basePath, "basePath");
  }
}
