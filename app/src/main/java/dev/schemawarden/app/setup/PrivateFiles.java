package dev.schemawarden.app.setup;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;

/** Files only their owner can read (mode 600), written under a temporary name and renamed: never readable by others. */
public final class PrivateFiles {
  private PrivateFiles() {}

  /** Writes {@code text} to {@code dir/name}, creating {@code dir} (mode 700) if missing; returns the file. */
  public static Path write(Path dir, String name, String text) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
            "rwx------")));
      }
      Path tmp = Files.createTempFile(dir, "." + name, ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Path target = dir.resolve(name);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target.toAbsolutePath();
    } catch (IOException e) {
      throw new WardenException(ErrorCode.CONFIG, "cannot write " + dir.resolve(name) + ": " + e.getMessage()
          + "; choose a writable --output-dir");
    }
  }

  /**
   * An environment file ({@code NAME=value} per line) that {@code docker run --env-file}, systemd's
   * {@code EnvironmentFile=} and {@code set -a; . FILE} all read: values are checked to need no quoting.
   */
  public static Path writeEnv(Path dir, String name, Map<String, String> variables) {
    variables.forEach((k, v) -> {
      if (!v.matches("[A-Za-z0-9._:/@+=-]*")) {
        throw new WardenException(ErrorCode.CONFIG, k + " has a character an env file cannot hold unquoted; use an"
            + " --output-dir path of letters, digits, '.', '_', '-' and '/'");
      }
    });
    return write(dir, name, variables.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n", "", "\n")));
  }
}
