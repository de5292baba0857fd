package dev.schemawarden.analyzers.internal.source;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.MigrationTool;
import dev.schemawarden.analyzers.api.RefusedFileException;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** File-system helpers every source shares: locations, walking, reading, repository-relative paths. */
final class SourceFiles {
  private SourceFiles() {}

  /**
   * The configured locations, or {@code defaults} when none are configured. A Flyway-style {@code filesystem:}
   * prefix is dropped and {@code classpath:x} means {@code src/main/resources/x}, so one list serves every tool.
   */
  static List<String> locations(List<String> configured, List<String> defaults) {
    List<String> raw = configured.isEmpty() ? defaults : configured;
    Set<String> out = new LinkedHashSet<>();
    for (String location : raw) {
      out.add(normalizeLocation(location));
    }
    return List.copyOf(out);
  }

  static String normalizeLocation(String location) {
    String l = location.trim().replace('\\', '/');
    if (l.startsWith("filesystem:")) {
      l = l.substring("filesystem:".length());
    } else if (l.startsWith("classpath:")) {
      l = "src/main/resources/" + stripSlashes(l.substring("classpath:".length()));
    }
    if (l.startsWith("./")) {
      l = l.substring(2);
    }
    return stripSlashes(l);
  }

  private static String stripSlashes(String s) {
    String r = s;
    while (r.startsWith("/")) {
      r = r.substring(1);
    }
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }

  /**
   * Repository-relative paths of the files under each existing location (recursively when asked) that pass
   * {@code filter}, found with {@link RepositoryFiles#list}: links and special files are listed too, so that
   * {@link #read} refuses them and the source reports them instead of skipping them.
   */
  static List<String> list(
      Path root, List<String> locations, boolean recursive, Predicate<String> filter) {
    Set<String> out = new LinkedHashSet<>();
    for (String location : locations) {
      out.addAll(RepositoryFiles.list(root, location, recursive, filter));
    }
    return List.copyOf(out);
  }

  /**
   * The text of a repository file, read with {@link RepositoryFiles}.
   *
   * @throws RefusedFileException when the file must not be read (the source turns it into a refused migration)
   */
  static String read(Path root, String relativePath) {
    return RepositoryFiles.read(root, relativePath, MAX_BYTES);
  }

  /** The text of a repository file, or empty when there is none (refusals still throw). */
  static Optional<String> readIfExists(Path root, String relativePath) {
    return RepositoryFiles.readIfExists(root, relativePath, MAX_BYTES, ErrorCode.INPUT);
  }

  /** The cap on one migration file. */
  static final long MAX_BYTES = RepositoryFiles.DEFAULT_MAX_BYTES;

  /** The file name without its directory, for predicates over repository-relative paths. */
  static String nameOf(String relativePath) {
    return fileName(relativePath);
  }

  /** The file name part of a repository-relative path. */
  static String fileName(String relativePath) {
    String p = relativePath.replace('\\', '/');
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** True when {@code relativePath} lies in one of {@code locations} (directly or, if recursive, below). */
  static boolean inLocations(String relativePath, List<String> locations, boolean recursive) {
    String p = normalizeLocation(relativePath);
    for (String location : locations) {
      String prefix = location.isEmpty() ? "" : location + "/";
      if (p.startsWith(prefix)) {
        String rest = p.substring(prefix.length());
        if (recursive || !rest.contains("/")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Fails when {@code locations} hold SQL files but the source found no migration among them: a misnamed layout
   * must not pass as "no migrations" (a review of nothing allows everything). Called by a source whose load found
   * nothing; an empty or absent location is fine (a repository before its first migration).
   *
   * @param example a file name the tool would read, for the message
   * @throws WardenException with {@link ErrorCode#CONFIG}, naming the location, the tool, the example and the first
   *     files seen
   */
  static void requireMigrations(
      Path root, List<String> locations, MigrationTool tool, String example) {
    for (String location : locations) {
      // Recursive even for flat tools: misnamed files are often a nested layout (diesel directories
      // under golang).
      List<String> seen =
          RepositoryFiles.list(
              root, location, true, f -> f.toLowerCase(Locale.ROOT).endsWith(".sql"));
      if (!seen.isEmpty()) {
        // File names come from the pull request: control characters would break the one-line
        // message.
        List<String> first =
            seen.stream()
                .sorted(NaturalOrder.INSTANCE)
                .limit(SEEN_SHOWN)
                .map(
                    f ->
                        f.codePoints()
                            .map(c -> Character.isISOControl(c) ? '?' : c)
                            .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                            .toString())
                .toList();
        throw new WardenException(
            ErrorCode.CONFIG,
            (location.isEmpty() ? "." : location)
                + "/ holds "
                + seen.size()
                + " SQL file(s) but no "
                + tool.configName()
                + " migration (expected names like "
                + example
                + "); saw "
                + String.join(", ", first)
                + (seen.size() > SEEN_SHOWN ? ", ..." : "")
                + ": rename the files or set migrations.tool and migrations.locations in .schemawarden.yml");
      }
    }
  }

  private static final int SEEN_SHOWN = 3;

  /** 1-based line of character offset {@code offset} in {@code text}. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
