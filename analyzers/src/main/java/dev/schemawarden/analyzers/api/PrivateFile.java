package dev.schemawarden.analyzers.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one writer of files only their owner may read (mode 600): generated passwords, private keys, env files with
 * secrets. The text goes to a temporary file created with that mode in the same directory, which is then renamed
 * over the target: no other user can read it, even briefly, and a link at the target is replaced, never followed.
 * The directory and its mode are the caller's (a directory the bot owns is tightened; a user's is not).
 */
public final class PrivateFile {
  /** Mode 700, for a directory that holds private files. */
  public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private PrivateFile() {}

  /** Replaces {@code dir/name} with {@code text} (UTF-8); {@code dir} must exist. Returns the file. */
  public static Path replace(Path dir, String name, String text) throws IOException {
    Path tmp =
        Files.createTempFile(
            dir,
            "." + name,
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    return Files.move(
        tmp,
        dir.resolve(name),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}
