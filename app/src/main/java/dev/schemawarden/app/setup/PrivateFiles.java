package dev.schemawarden.app.setup;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.PrivateFile;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** The setup commands' private output files ({@link PrivateFile}), in an {@code --output-dir} created mode 700. */
public final class PrivateFiles {
  private PrivateFiles() {}

  /** Writes {@code text} to {@code dir/name}, creating {@code dir} (mode 700) if missing; returns the file. */
  public static Path write(Path dir, String name, String text) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PrivateFile.OWNER_ONLY_DIRECTORY);
      }
      return PrivateFile.replace(dir, name, text).toAbsolutePath();
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "cannot write "
              + dir.resolve(name)
              + ": "
              + e.getMessage()
              + "; choose a writable --output-dir");
    }
  }

  /**
   * An environment file ({@code NAME=value} per line) that {@code docker run --env-file}, systemd's
   * {@code EnvironmentFile=} and {@code set -a; . FILE} all read: values are checked to need no quoting.
   */
  public static Path writeEnv(Path dir, String name, Map<String, String> variables) {
    variables.forEach(
        (k, v) -> {
          if (!v.matches("[A-Za-z0-9._:/@+=-]*")) {
            throw new WardenException(
                ErrorCode.CONFIG,
                k
                    + " has a character an env file cannot hold unquoted; use an"
                    + " --output-dir path of letters, digits, '.', '_', '-' and '/'");
          }
        });
    return write(
        dir,
        name,
        variables.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")));
  }
}
