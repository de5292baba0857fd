package dev.schemawarden.analyzers.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a repository, as {@link RepositoryFiles} reads it: the root that bounds it and its path inside.
 *
 * @param root the repository (or, for a file named on the command line, the directory that bounds it)
 * @param path the path relative to {@code root}, forward slashes
 */
public record RepositoryFile(Path root, String path) {
  public RepositoryFile {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(path, "path");
  }

  /**
   * A file a person named (a command-line argument such as {@code warden lint FILE} or {@code --config FILE}): it is
   * bounded by the working directory when it lies inside it, else by its own directory. Either way its last
   * component may not be a link leaving that directory, a FIFO or a device.
   */
  public static RepositoryFile named(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (abs.startsWith(cwd) && !abs.equals(cwd)) {
      return new RepositoryFile(cwd, cwd.relativize(abs).toString().replace('\\', '/'));
    }
    Path parent = abs.getParent() == null ? abs : abs.getParent();
    return new RepositoryFile(
        parent, abs.getFileName() == null ? "" : abs.getFileName().toString());
  }

  /** What is there: a file, a directory, nothing, or something refused. */
  public RepositoryFiles.Lookup lookup() {
    return RepositoryFiles.lookup(root, path);
  }

  /** The text, or empty when nothing is there; a refusal or unreadable file is a {@link WardenException} with {@code code}. */
  public Optional<String> readIfExists(long maxBytes, ErrorCode code) {
    return RepositoryFiles.readIfExists(root, path, maxBytes, code);
  }

  /** The file {@code relative} names from this file's directory, within the same root. */
  public RepositoryFile sibling(String relative) {
    String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
    return new RepositoryFile(root, dir + relative.replace('\\', '/'));
  }

  /** Where the file is on disk (lexically; for messages and for {@code withFile}-style records). */
  public Path location() {
    return path.isEmpty() ? root : root.resolve(path);
  }
}
