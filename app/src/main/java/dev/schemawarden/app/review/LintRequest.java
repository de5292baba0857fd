package dev.schemawarden.app.review;

import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Static analysis of SQL files, whatever tool applies them: each file is read as plain SQL.
 *
 * @param files the files and directories, as the user named them (report paths keep that spelling); a directory
 *     stands for every {@code *.sql} file under it
 * @param config a config file; when empty, {@code .schemawarden.yml} in the working directory if there is one
 * @param engine overrides the config's {@code engine} ({@code mysql}, {@code mariadb}, {@code postgres}, or a JDBC
 *     URL of one)
 * @param engineVersion overrides the config's {@code engine-version}
 * @param failOn overrides the config's {@code fail-on}
 * @param asOneChange false (the default): each file is checked on its own against an existing database, as every
 *     linter does; true: the files are one ordered change, so a table created in an earlier file is new in a later
 *     one and locking it is harmless
 */
public record LintRequest(
    List<Path> files,
    Optional<Path> config,
    Optional<String> engine,
    Optional<ServerVersion> engineVersion,
    Optional<Severity> failOn,
    boolean asOneChange) {
  public LintRequest {
    files = List.copyOf(files);
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(engineVersion, "engineVersion");
    Objects.requireNonNull(failOn, "failOn");
  }

  /** The engine of the configuration. */
  public LintRequest(
      List<Path> files,
      Optional<Path> config,
      Optional<ServerVersion> engineVersion,
      Optional<Severity> failOn,
      boolean asOneChange) {
    this(files, config, Optional.empty(), engineVersion, failOn, asOneChange);
  }

  /** Each file on its own. */
  public LintRequest(
      List<Path> files,
      Optional<Path> config,
      Optional<ServerVersion> engineVersion,
      Optional<Severity> failOn) {
    this(files, config, engineVersion, failOn, false);
  }
}
