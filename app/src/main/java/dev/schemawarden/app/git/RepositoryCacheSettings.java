package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.RepositoryFiles;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the service keeps its partial clones and what one review may take from them. Read from the environment by
 * {@link #fromEnv}; every limit has a default that fits a large monorepo.
 *
 * @param dir the cache directory (one subdirectory per repository)
 * @param maxCacheBytes total size above which the least recently used repositories not in use are evicted
 * @param gitTimeout how long one git command may run before it is killed
 * @param maxFileBytes a file larger than this is not written; a same-size empty placeholder stands in for it, so the
 *     review refuses it by its size as it would in a real checkout (hence at least the reader's own 16 MiB cap)
 * @param maxTreeBytes, maxTreeFiles caps on what one tree may hold; past them the review fails with the limit's name
 * @param extensions file name extensions a review reads (lower case, no dot)
 */
public record RepositoryCacheSettings(
    Path dir,
    long maxCacheBytes,
    Duration gitTimeout,
    long maxFileBytes,
    long maxTreeBytes,
    int maxTreeFiles,
    Set<String> extensions) {
  public static final String DIR_ENV = "WARDEN_REPO_CACHE";
  public static final Set<String> DEFAULT_EXTENSIONS =
      Set.of("sql", "xml", "yaml", "yml", "json", "conf", "toml", "properties");

  public RepositoryCacheSettings {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(gitTimeout, "gitTimeout");
    extensions = Set.copyOf(extensions);
    if (maxFileBytes < RepositoryFiles.DEFAULT_MAX_BYTES) {
      // a placeholder must be larger than every cap of the review's reader, or it would be read as
      // the file
      throw new IllegalArgumentException(
          "maxFileBytes below the reader's cap of " + RepositoryFiles.DEFAULT_MAX_BYTES);
    }
  }

  /** Defaults in {@code dir}. */
  public static RepositoryCacheSettings defaults(Path dir) {
    return new RepositoryCacheSettings(
        dir,
        10L << 30,
        Duration.ofMinutes(5),
        RepositoryFiles.DEFAULT_MAX_BYTES,
        512L << 20,
        50_000,
        DEFAULT_EXTENSIONS);
  }

  /**
   * {@code WARDEN_REPO_CACHE} (default: next to {@code WARDEN_STATE_DIR} when that is set, else
   * {@code ~/.cache/schema-warden/repos}, as root {@code /var/cache/schema-warden/repos}),
   * {@code WARDEN_REPO_CACHE_MAX_MB}, {@code WARDEN_GIT_TIMEOUT_SECONDS}, {@code WARDEN_REPO_MAX_FILE_MB},
   * {@code WARDEN_REPO_MAX_TREE_MB}, {@code WARDEN_REPO_MAX_TREE_FILES}.
   */
  public static RepositoryCacheSettings fromEnv(Map<String, String> env) {
    Path dir =
        value(env, DIR_ENV)
            .map(Path::of)
            .or(
                () ->
                    value(env, "WARDEN_STATE_DIR")
                        .map(s -> Path.of(s).toAbsolutePath().getParent().resolve("repos")))
            .orElseGet(
                () ->
                    LocalPostgres.jvmIsRoot()
                        ? Path.of("/var/cache/schema-warden/repos")
                        : value(env, "XDG_CACHE_HOME")
                            .map(Path::of)
                            .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache"))
                            .resolve("schema-warden")
                            .resolve("repos"));
    RepositoryCacheSettings d = defaults(dir);
    return new RepositoryCacheSettings(
        dir,
        number(env, "WARDEN_REPO_CACHE_MAX_MB", d.maxCacheBytes() >> 20, 64) << 20,
        Duration.ofSeconds(
            number(env, "WARDEN_GIT_TIMEOUT_SECONDS", d.gitTimeout().toSeconds(), 5)),
        number(env, "WARDEN_REPO_MAX_FILE_MB", d.maxFileBytes() >> 20, d.maxFileBytes() >> 20)
            << 20,
        number(env, "WARDEN_REPO_MAX_TREE_MB", d.maxTreeBytes() >> 20, 1) << 20,
        (int)
            Math.min(
                Integer.MAX_VALUE, number(env, "WARDEN_REPO_MAX_TREE_FILES", d.maxTreeFiles(), 10)),
        d.extensions());
  }

  public RepositoryCacheSettings withLimits(long fileBytes, long treeBytes, int treeFiles) {
    return new RepositoryCacheSettings(
        dir, maxCacheBytes, gitTimeout, fileBytes, treeBytes, treeFiles, extensions);
  }

  public RepositoryCacheSettings withMaxCacheBytes(long bytes) {
    return new RepositoryCacheSettings(
        dir, bytes, gitTimeout, maxFileBytes, maxTreeBytes, maxTreeFiles, extensions);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static long number(Map<String, String> env, String name, long fallback, long min) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.get());
      if (n < min) {
        throw invalid(name, "must be at least " + min + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(name, "must be a whole number, got '" + v.get() + "'");
    }
  }

  private static WardenException invalid(String variable, String problem) {
    return new WardenException(
        ErrorCode.CONFIG, variable + " " + problem + " (see docs/configuration.md)");
  }
}
