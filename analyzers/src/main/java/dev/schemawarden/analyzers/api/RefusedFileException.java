package dev.schemawarden.analyzers.api;

import java.util.Objects;

/**
 * A repository file {@link RepositoryFiles} would not read (a link leaving the repository, a FIFO, a device, a file
 * over the size cap). Its own type because migration sources catch it to turn the file into a {@code WD003}
 * finding instead of failing the run; configuration readers let it fail the run (exit 2).
 */
public final class RefusedFileException extends WardenException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String reason;

  public RefusedFileException(ErrorCode code, String path, String reason) {
    super(
        code,
        path
            + " "
            + reason
            + "; replace it with the file itself, inside the repository"
            + " (Schema Warden reads only regular files of the checkout)");
    this.path = Objects.requireNonNull(path, "path");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The repository-relative path as it was asked for (the link, not its target). */
  public String path() {
    return path;
  }

  /** What the path is, completing "{@code <path>} ...": e.g. "is a symbolic link to a file outside the repository: not read". */
  public String reason() {
    return reason;
  }

  /** The one-line finding text: the path and why it was not read. */
  public String finding() {
    return path + " " + reason;
  }
}
