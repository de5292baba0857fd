package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFile;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files {@code warden lint} reads, from the paths a person named: a file is itself; a directory is every
 * {@code *.sql} file under it, recursively, in path order, read with the directory as the boundary (a link leading
 * out of it is refused, as in a repository). A named path that is a device, FIFO or socket, or under {@code /proc},
 * {@code /sys} or {@code /dev}, is an error: nothing there is SQL a person meant to check.
 */
final class LintFiles {
  private static final List<Path> SYSTEM =
      List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private LintFiles() {}

  /** One file to lint: {@code display} is how reports name it (the user's spelling), {@code file} how it is read. */
  record Named(String display, RepositoryFile file) {}

  static List<Named> expand(List<Path> paths) {
    List<Named> out = new ArrayList<>();
    for (Path p : paths) {
      String display = display(p);
      Optional<BasicFileAttributes> own = attributes(p);
      if (own.isPresent()
          && !own.get().isSymbolicLink()
          && !own.get().isRegularFile()
          && !own.get().isDirectory()) {
        throw new WardenException(
            ErrorCode.INPUT,
            display
                + " is "
                + RepositoryFiles.kind(p.toAbsolutePath())
                + ", not a regular file: not read; name SQL files or a directory holding them");
      }
      Path abs = p.toAbsolutePath().normalize();
      Path top = abs.getNameCount() == 0 ? abs : abs.getRoot().resolve(abs.getName(0));
      if (SYSTEM.contains(top)) {
        // Whatever the path is (/proc/self is a link), nothing under /proc, /sys or /dev is read.
        throw new WardenException(
            ErrorCode.INPUT,
            display
                + " is a system file ("
                + top
                + "): not read; name SQL"
                + " files or a directory holding them");
      }
      RepositoryFile named = RepositoryFile.named(p);
      RepositoryFiles.Lookup at = named.lookup();
      if (at instanceof RepositoryFiles.Directory) {
        out.addAll(directory(p, display));
      } else if (at instanceof RepositoryFiles.Refused r
          && !own.map(BasicFileAttributes::isSymbolicLink).orElse(false)) {
        // The named path itself (not a link in it) must not be read: nothing in it is a migration
        // of this change.
        throw new WardenException(
            ErrorCode.INPUT,
            display + " " + r.reason() + "; name SQL files or a directory holding them");
      } else {
        // Files, missing paths and links: a link's refusal becomes a WD003 finding on it, as in a
        // review.
        out.add(new Named(display, named));
      }
    }
    return List.copyOf(out);
  }

  private static List<Named> directory(Path dir, String display) {
    Path root = dir.toAbsolutePath().normalize();
    List<String> sql =
        RepositoryFiles.list(root, "", true, rel -> rel.toLowerCase(Locale.ROOT).endsWith(".sql"));
    if (sql.isEmpty()) {
      throw new WardenException(
          ErrorCode.INPUT,
          display
              + " is a directory with no *.sql file under it: name SQL"
              + " files or a directory holding them");
    }
    String prefix = display.equals(".") ? "" : display + "/";
    return sql.stream().map(rel -> new Named(prefix + rel, new RepositoryFile(root, rel))).toList();
  }

  private static String display(Path p) {
    String s = p.toString().replace('\\', '/');
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.isEmpty() ? "." : s;
  }

  private static Optional<BasicFileAttributes> attributes(Path p) {
    try {
      return Optional.of(
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
