package dev.schemawarden.replica.internal.local;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.FileTrees;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.LocalPostgres;
import dev.schemawarden.replica.api.LocalPostgresSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops one embedded PostgreSQL: binaries from {@link PostgresBinaries}, processes as {@link OsUser}
 * with {@link Processes#ENV} only, initdb with SCRAM and a generated superuser password, a pg_hba that admits
 * password logins over 127.0.0.1/::1 and nothing else, no Unix socket, and an {@link Owner} file naming this JVM.
 */
public final class LocalPostgresServer implements LocalPostgres {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgresServer.class);
  static final String PASSWORD_FILE = "postgres.password";
  static final String LOG_FILE = "postmaster.log";

  private final Path data;
  private final OsUser user;
  private final int port;
  private final long pid;
  private final String password;
  private final Thread shutdownHook;

  private LocalPostgresServer(Path data, OsUser user, int port, long pid, String password) {
    this.data = data;
    this.user = user;
    this.port = port;
    this.pid = pid;
    this.password = password;
    this.shutdownHook = new Thread(this::stopQuietly, "stop-postgres-" + port);
    try {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // started while the JVM exits: nothing would stop it later, so it stops now
      stopQuietly();
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "the embedded PostgreSQL in "
              + data
              + " was started while the process is exiting; stopped it again",
          e);
    }
  }

  public static LocalPostgres start(LocalPostgresSettings s) {
    Path data = s.dataDirectory().toAbsolutePath().normalize();
    try {
      OsUser user =
          OsUser.resolve(s.osUser().or(() -> Optional.ofNullable(System.getenv(OS_USER_ENV))));
      Path home = PostgresBinaries.install(s.binariesJar(), cacheDirectory());
      requireReachable(user, home, "PostgreSQL binaries", CACHE_ENV);
      requireReachable(
          user,
          data.getParent(),
          "data directory",
          s.persistent() ? "WARDEN_STATE_DIR" : "the data directory's location");
      boolean exists = Files.exists(data.resolve("PG_VERSION"));
      if (Files.exists(data)) {
        claim(data, s.persistent());
      }
      if (!s.persistent() && Files.exists(data)) {
        FileTrees.deleteOrThrow(data);
        exists = false;
      }
      Optional<String> stored = s.secretsDirectory().flatMap(LocalPostgresServer::readSecret);
      String password = stored.orElseGet(Secrets::generate);
      if (!exists) {
        createDataDirectory(data, user);
        initdb(home, data, user, password, s);
      } else {
        user.ownTree(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        if (stored.isEmpty()) {
          // a cluster from before passwords (or whose secret was lost): set one without opening the
          // door
          setPasswordSingleUser(home, data, user, password, s.startTimeout());
        }
      }
      s.secretsDirectory().ifPresent(dir -> Secrets.write(dir, PASSWORD_FILE, password));
      writeHba(data, user);
      Owner.current().write(data);
      return launch(home, data, user, password, s);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "cannot start the embedded PostgreSQL in " + data + ": " + e.getMessage(),
          e);
    }
  }

  public static boolean jvmIsRoot() {
    return OsUser.effectiveUid() == 0;
  }

  private static Path cacheDirectory() {
    return Optional.ofNullable(System.getenv(CACHE_ENV))
        .filter(v -> !v.isBlank())
        .map(Path::of)
        .orElseGet(
            () ->
                OsUser.effectiveUid() == 0
                    ? Path.of("/var/cache/schema-warden/postgres")
                    : Path.of(
                        System.getProperty("user.home"), ".cache", "schema-warden", "postgres"));
  }

  private static void requireReachable(OsUser user, Path path, String what, String setting)
      throws IOException {
    Optional<Path> blocked = path == null ? Optional.empty() : user.firstBlocked(path);
    if (blocked.isPresent()) {
      throw new IOException(
          "the "
              + what
              + " "
              + path
              + " is unreachable for OS user "
              + user.name()
              + " ("
              + blocked.get()
              + " is "
              + PosixFilePermissions.toString(Files.getPosixFilePermissions(blocked.get()))
              + "): set "
              + setting
              + " to a directory under /var/lib or /tmp, or set "
              + OS_USER_ENV);
    }
  }

  /** Refuses a directory a live process owns; stops the server a dead owner left running. */
  private static void claim(Path data, boolean persistent) throws IOException {
    Optional<Owner> owner = Owner.read(data);
    Optional<Long> running = Postmasters.running(data);
    // this very process counts too while its server there runs: a second start must not stop the
    // first
    if (owner.isPresent()
        && owner.get().alive()
        && (running.isPresent() || !owner.get().equals(Owner.current()))) {
      throw new IOException(
          "it is in use by process "
              + owner.get().pid()
              + ": stop that warden or use another "
              + (persistent
                  ? "WARDEN_STATE_DIR (or WARDEN_STATE_URL for a shared store)"
                  : "directory"));
    }
    if (running.isPresent()) {
      if (owner.isEmpty()) {
        throw new IOException(
            "a PostgreSQL server (pid "
                + running.get()
                + ") runs there without an owner file: "
                + "stop it (pg_ctl stop -D "
                + data
                + ") or use another directory");
      }
      LOG.info(
          "stopping the embedded PostgreSQL (pid {}) left in {} by process {}, which is gone",
          running.get(),
          data,
          owner.get().pid());
      Postmasters.stop(running.get());
    }
  }

  public static boolean releaseIfAbandoned(Path data) {
    try {
      if (Files.isSymbolicLink(data)) {
        return false; // a sweep removes directories, never what a link planted in a shared place
        // points to
      }
      Optional<Owner> owner = Owner.read(data);
      if (owner.isPresent() && owner.get().alive()) {
        return false;
      }
      Optional<Long> running = Postmasters.running(data);
      if (running.isPresent()) {
        if (owner.isEmpty()) {
          return false;
        }
        Postmasters.stop(running.get());
      }
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot tell whether {} is abandoned: {}", data, e.getMessage());
      return false;
    }
  }

  private static void createDataDirectory(Path data, OsUser user) throws IOException {
    Path parent = data.getParent();
    if (parent != null && !Files.exists(parent)) {
      Files.createDirectories(
          parent,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    Files.createDirectory(
        data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    user.own(data);
  }

  private static void initdb(
      Path home, Path data, OsUser user, String password, LocalPostgresSettings s)
      throws IOException {
    // The pwfile sits in a private directory next to the data directory, readable only by the
    // server's user,
    // and is gone once initdb has stored the SCRAM verifier.
    Path dir =
        Files.createTempDirectory(
            data.getParent(),
            ".initdb-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      Path pwfile = dir.resolve("pw");
      Files.writeString(pwfile, password + "\n");
      Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
      user.own(dir);
      user.own(pwfile);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  home.resolve("bin/initdb").toString(),
                  "-D",
                  data.toString(),
                  "-U",
                  SUPERUSER,
                  "-E",
                  "UTF-8",
                  "--auth=scram-sha-256",
                  "--pwfile=" + pwfile));
      if (!s.persistent()) {
        cmd.add(
            "--no-sync"); // a scratch cluster dies with the process: no need to wait for the disk
      }
      Processes.Result r = Processes.run(user.wrap(cmd), s.startTimeout(), Optional.empty());
      if (r.exit() != 0) {
        throw new IOException(
            "initdb failed (exit " + r.exit() + "): " + Processes.tail(r.output()));
      }
    } finally {
      FileTrees.deleteOrThrow(dir);
    }
  }

  private static void setPasswordSingleUser(
      Path home, Path data, OsUser user, String password, Duration timeout) throws IOException {
    Processes.Result r =
        Processes.run(
            user.wrap(
                List.of(
                    home.resolve("bin/postgres").toString(),
                    "--single",
                    "-D",
                    data.toString(),
                    "-c",
                    "listen_addresses=",
                    "-c",
                    "unix_socket_directories=",
                    SUPERUSER)),
            timeout,
            Optional.of("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'\n"));
    if (r.exit() != 0 || r.output().contains("ERROR")) {
      throw new IOException(
          "setting the superuser password failed (exit "
              + r.exit()
              + "): "
              + Processes.tail(r.output()));
    }
    LOG.info("set a generated superuser password on the existing cluster in {}", data);
  }

  private static void writeHba(Path data, OsUser user) throws IOException {
    Path hba = data.resolve("pg_hba.conf");
    Files.writeString(
        hba,
        """
        # Written by Schema Warden at every start: password (SCRAM) logins over TCP from this host, nothing else.
        host all all 127.0.0.1/32 scram-sha-256
        host all all ::1/128 scram-sha-256
        """);
    Files.setPosixFilePermissions(hba, PosixFilePermissions.fromString("rw-------"));
    user.own(hba);
  }

  private static LocalPostgres launch(
      Path home, Path data, OsUser user, String password, LocalPostgresSettings s)
      throws IOException {
    Path log = data.resolve(LOG_FILE);
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  home.resolve("bin/postgres").toString(),
                  "-D",
                  data.toString(),
                  "-p",
                  Integer.toString(port),
                  "-c",
                  "listen_addresses=" + HOST,
                  "-c",
                  "unix_socket_directories=",
                  "-c",
                  "password_encryption=scram-sha-256"));
      for (Map.Entry<String, String> e : s.serverConfig().entrySet()) {
        cmd.add("-c");
        cmd.add(e.getKey() + "=" + e.getValue());
      }
      long t0 = System.nanoTime();
      Process p =
          Processes.builder(user.wrap(cmd))
              .redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      try {
        waitReady(p, port, password, s.startTimeout(), log);
      } catch (IOException e) {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
        last = e;
        continue;
      }
      long pid = Postmasters.running(data).orElse(p.pid());
      LOG.info(
          "embedded PostgreSQL started in {} ms on {}:{} as {} (pid {}, {})",
          (System.nanoTime() - t0) / 1_000_000,
          HOST,
          port,
          user.name(),
          pid,
          data);
      return new LocalPostgresServer(data, user, port, pid, password);
    }
    throw last;
  }

  private static void waitReady(Process p, int port, String password, Duration timeout, Path log)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException lastError = null;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException(
            "the server exited (code " + p.exitValue() + "): " + Processes.tail(logTail(log)));
      }
      try (Connection c =
          DriverManager.getConnection(
              "jdbc:postgresql://"
                  + HOST
                  + ":"
                  + port
                  + "/postgres?connectTimeout=2&user="
                  + SUPERUSER
                  + "&password="
                  + password)) {
        return;
      } catch (SQLException e) {
        lastError = e;
      }
      sleep(100);
    }
    throw new IOException(
        "the server did not accept connections within "
            + timeout.toSeconds()
            + " s ("
            + (lastError == null ? "" : lastError.getMessage())
            + "): "
            + Processes.tail(logTail(log)));
  }

  private static String logTail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE, "interrupted while waiting for PostgreSQL", e);
    }
  }

  private static Optional<String> readSecret(Path dir) {
    return Secrets.read(dir, PASSWORD_FILE);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public String osUser() {
    return user.name();
  }

  @Override
  public Path dataDirectory() {
    return data;
  }

  @Override
  public String superuserPassword() {
    return password;
  }

  private void stopQuietly() {
    try {
      Postmasters.stop(pid);
      Files.deleteIfExists(data.resolve(Owner.FILE));
    } catch (IOException | RuntimeException e) {
      LOG.warn("embedded PostgreSQL in {} did not stop cleanly: {}", data, e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and the hook runs anyway
    }
    stopQuietly();
  }
}
