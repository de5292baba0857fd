package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.LocalPostgres;
import dev.schemawarden.replica.api.LocalPostgresSettings;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default replica: one embedded PostgreSQL cluster per process, started by {@link LocalPostgres} (as an
 * unprivileged OS user when we are root, password logins only), its data directory on tmpfs when {@code /dev/shm}
 * is writable. The cluster is a throwaway, so durability is off
 * (fsync, full_page_writes, synchronous_commit), WAL is minimal (wal_level=minimal, no WAL senders) and autovacuum
 * is off — that is what makes template builds and clones fast.
 */
public final class EmbeddedReplicaProvider extends ClusterReplicaProvider {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedReplicaProvider.class);
  private static final String DIR_PREFIX = "schemawarden-pg-";

  private final LocalPostgres postgres;

  private EmbeddedReplicaProvider(LocalPostgres postgres, ReplicaSettings settings) {
    super(
        new ReplicaCluster(
            (db, props) -> DriverManager.getConnection(postgres.jdbcUrl(db), props),
            LocalPostgres.SUPERUSER,
            postgres.superuserProperties(),
            settings));
    this.postgres = postgres;
  }

  public static EmbeddedReplicaProvider start(ReplicaSettings settings) {
    Path base =
        settings
            .dataDirectoryBase()
            .or(
                () ->
                    Optional.ofNullable(System.getenv(ReplicaSettings.DATA_DIR_ENV))
                        .filter(v -> !v.isBlank())
                        .map(Path::of))
            .orElseGet(() -> defaultBase(settings.sizeCapBytes()));
    Path dir =
        base.resolve(
            DIR_PREFIX
                + ProcessHandle.current().pid()
                + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    removeStaleDirectories(base);
    // Scratch cluster, thrown away with the process: no durability, no replication, minimal WAL
    // (DDL on tables created in the same transaction then skips WAL entirely).
    LocalPostgresSettings pg =
        LocalPostgresSettings.scratch(dir)
            .withServerConfig("fsync", "off")
            .withServerConfig("full_page_writes", "off")
            .withServerConfig("synchronous_commit", "off")
            .withServerConfig("wal_level", "minimal")
            .withServerConfig("max_wal_senders", "0")
            .withServerConfig("archive_mode", "off")
            .withServerConfig("max_connections", "100")
            // a 1,000-table schema restores in one transaction: room for its locks
            .withServerConfig("max_locks_per_transaction", "1024")
            .withServerConfig("autovacuum", "off")
            .withServerConfig("timezone", "UTC")
            .withBinariesJar(settings.binariesJar());
    try {
      return new EmbeddedReplicaProvider(LocalPostgres.start(pg), settings);
    } catch (WardenException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot start the embedded PostgreSQL replica: "
              + e.getMessage()
              + "; check free space there or set the replica data directory",
          e);
    }
  }

  private static Path defaultBase(long sizeCapBytes) {
    return DataDirectoryPlacement.choose(
        Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")), sizeCapBytes);
  }

  /**
   * Data directories of crashed runs: their JVM is gone (the pid in the name, then the launcher's owner file) and
   * the server they left running, if any, has been stopped.
   */
  private static void removeStaleDirectories(Path base) {
    try (Stream<Path> dirs = Files.list(base)) {
      dirs.filter(d -> d.getFileName().toString().startsWith(DIR_PREFIX))
          .filter(EmbeddedReplicaProvider::isStale)
          .forEach(FileTrees::delete);
    } catch (IOException e) {
      LOG.debug("cannot list {} for stale replica directories: {}", base, e.getMessage());
    }
  }

  private static boolean isStale(Path dir) {
    String rest = dir.getFileName().toString().substring(DIR_PREFIX.length());
    try {
      long pid = Long.parseLong(rest.substring(0, rest.indexOf('-')));
      // a live JVM may still be running initdb there, before its owner file exists
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return false;
      }
      return LocalPostgres.releaseIfAbandoned(dir);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String id() {
    return "embedded";
  }

  /**
   * The superuser JDBC URL of the embedded cluster's {@code postgres} database, password included (tests and
   * diagnostics only: never log it).
   */
  public String adminJdbcUrl() {
    return postgres.jdbcUrl("postgres")
        + "?user="
        + LocalPostgres.SUPERUSER
        + "&password="
        + postgres.superuserPassword();
  }

  /** The cluster's server, for tests: its pid, OS user and superuser password. */
  public LocalPostgres server() {
    return postgres;
  }

  @Override
  public void close() {
    super.close();
    postgres.close();
    // a scratch cluster: its directory (on /dev/shm, memory) goes with it
    FileTrees.delete(postgres.dataDirectory());
  }
}
