package dev.schemawarden.replica.internal.local;

import dev.schemawarden.analyzers.api.PrivateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Generated passwords, kept one per file (mode 600) in a directory (mode 700) owned by the JVM's user: the bot
 * reads them, the server's OS user never can.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** 32 random bytes, base64url: no quote, backslash or whitespace, so it is safe in SQL literals and pwfiles. */
  public static String generate() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static Optional<String> read(Path dir, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secret " + file + ": " + e.getMessage(), e);
    }
  }

  /** Stores {@code value} in {@code dir/name}, replacing it atomically; never readable by others, even briefly. */
  public static void write(Path dir, String name, String value) {
    try {
      if (dir.getParent() != null) {
        Files.createDirectories(
            dir.getParent()); // default mode: the data directory may live next to us
      }
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, PrivateFile.OWNER_ONLY_DIRECTORY);
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      PrivateFile.replace(dir, name, value + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot store the secret " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  /** The stored secret, generating and storing one on first use. */
  public static String readOrCreate(Path dir, String name) {
    return read(dir, name)
        .orElseGet(
            () -> {
              String s = generate();
              write(dir, name, s);
              return s;
            });
  }
}
