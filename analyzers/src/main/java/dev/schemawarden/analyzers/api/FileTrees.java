package dev.schemawarden.analyzers.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a working tree is made in the temporary directory and a tree is removed (checkouts, materialised
 * trees, proposal copies, replica data directories). Removal walks the tree without following links, so a link a
 * repository planted is removed, never what it points to.
 */
public final class FileTrees {
  private static final Logger LOG = LoggerFactory.getLogger(FileTrees.class);

  private FileTrees() {}

  /** A new empty directory under {@code java.io.tmpdir}; one clear error naming that directory when it cannot be. */
  public static Path createTemporary(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot create a temporary directory: "
              + e.getMessage()
              + ": check that java.io.tmpdir ("
              + System.getProperty("java.io.tmpdir")
              + ") is writable",
          e);
    }
  }

  /** Removes {@code root} and everything below it; what cannot be removed is logged, not thrown. */
  public static void delete(Path root) {
    try {
      deleteOrThrow(root);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete {}: {}", root, e.getMessage());
    }
  }

  /** Removes {@code root} and everything below it (nothing when it does not exist), deepest first. */
  public static void deleteOrThrow(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> deepestFirst;
    try (Stream<Path> all = Files.walk(root)) {
      deepestFirst = all.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : deepestFirst) {
      Files.deleteIfExists(p);
    }
  }
}
