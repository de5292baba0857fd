package dev.schemawarden.app.cli;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The one way a command writes its {@code --output FILE}. The directory must already exist: a typo in a path never
 * creates directories the user did not ask for (least of all under {@code /}). The text goes to a temporary file in
 * that directory and is renamed over {@code FILE} only when complete, so a failed run leaves no half-written file
 * and a reader never sees one.
 */
public final class OutputFile {
  private OutputFile() {}

  /**
   * Writes {@code text} to {@code file} atomically.
   *
   * @param option how the command line names the option, for messages ({@code --output})
   * @throws WardenException USAGE when the directory does not exist or {@code file} is a directory, INFRASTRUCTURE
   *     when writing fails
   */
  public static void write(Path file, String text, String option) {
    Path target = checkWritable(file, option);
    Path dir = target.getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      readableByAll(tmp);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          option + " " + file + ": cannot write (" + reason(e) + "): choose a writable path",
          e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Checks {@code file} can be written without creating anything (its directory exists, it is not a directory), so
   * a command fails before its work rather than after; returns its absolute path.
   */
  public static Path checkWritable(Path file, String option) {
    Path target = file.toAbsolutePath().normalize();
    Path dir = target.getParent();
    if (dir == null) {
      throw new WardenException(
          ErrorCode.USAGE, option + " " + file + " names a directory, not a file: name a file");
    }
    if (!Files.isDirectory(dir)) {
      throw new WardenException(
          ErrorCode.USAGE,
          option
              + " "
              + file
              + ": directory "
              + shown(file, dir)
              + " does not exist: create it first");
    }
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new WardenException(
          ErrorCode.USAGE, option + " " + file + " is a directory: name a file inside it");
    }
    return target;
  }

  /** A temporary file is created 600; the report it becomes is as readable as a plain write would make it. */
  private static void readableByAll(Path tmp) throws IOException {
    if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** The directory as the user spelled it when they gave one, else its absolute form. */
  private static String shown(Path asGiven, Path absolute) {
    Path parent = asGiven.getParent();
    return parent == null ? absolute.toString() : parent.toString();
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // The write already failed and says so; a leftover hidden temporary file is the lesser
      // problem.
    }
  }
}
