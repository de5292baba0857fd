package dev.schemawarden.replica.internal.mysql;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.internal.postgres.TestcontainersReplicaProvider;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A throwaway MySQL or MariaDB server in a container (issue 14's {@code testcontainers} provider), where a Docker
 * engine runs: the official image of production's engine at production's version, started with the settings of the
 * tests' embedded MariaDB that matter for DDL timing (no binary log, no fsync), and a random root password that
 * lives only in this object's admin URL. The container is only the server: databases, sandbox users, budgets and
 * spares are {@code MysqlReplicaProvider}'s.
 */
public final class MysqlContainerServer implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Digits and dots only: the version becomes part of an image name, so nothing else may reach it. */
  private static final Pattern VERSION = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){0,2}");

  private static final int PORT = 3306;
  private static final Duration START = Duration.ofMinutes(3);

  private final GenericContainer<?> container;
  private final String adminUrl;

  private MysqlContainerServer(GenericContainer<?> container, String adminUrl) {
    this.container = container;
    this.adminUrl = adminUrl;
  }

  /**
   * The official image for {@code engine} at {@code version}: {@code mysql:8.0}, {@code mysql:8.0.28},
   * {@code mariadb:11.4}. The version is production's as written (the patch decides INSTANT in MySQL 8.0), checked
   * to be 1-3 dot-separated numbers so no tag, digest, path or registry can be smuggled in.
   */
  public static String image(String engine, String version) {
    if (!engine.equals("mysql") && !engine.equals("mariadb")) {
      throw new IllegalArgumentException("not a MySQL engine: " + engine);
    }
    if (!VERSION.matcher(version).matches()) {
      throw new WardenException(
          ErrorCode.CONFIG,
          "engine-version '"
              + version.replaceAll("\\p{Cntrl}", "?")
              + "' cannot name a "
              + engine
              + " image: write the server version as MAJOR.MINOR or MAJOR.MINOR.PATCH,"
              + " e.g. 8.0, 8.4 or 11.4.5");
    }
    return engine + ":" + version;
  }

  /**
   * The server flags of the throwaway server: what the embedded MariaDB sets, where the engine knows the flag, and on
   * MySQL 8 password logins that work without TLS: the sandbox's URL carries no TLS or RSA key options, and MySQL's
   * default caching_sha2_password refuses a new user's first plain-text login without one of them.
   */
  static List<String> flags(String engine, String version) {
    List<String> flags =
        new ArrayList<>(
            List.of(
                "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=OFF",
                "--innodb-buffer-pool-size=64M"));
    int major = Integer.parseInt(version.split("\\.")[0]);
    // mysql:8 is the newest 8.x (8.4), not 8.0.
    int minor =
        version.contains(".") ? Integer.parseInt(version.split("\\.")[1]) : Integer.MAX_VALUE;
    if (engine.equals("mariadb")) {
      // MySQL 8's closest to nosync, O_DIRECT_NO_FSYNC, needs O_DIRECT from the storage driver.
      flags.add("--innodb-flush-method=nosync");
    } else if (major == 8 && minor == 0) {
      flags.add("--default-authentication-plugin=mysql_native_password");
    } else if (major == 8) {
      // 8.4 removed the option above and loads the plugin only when asked.
      flags.add("--mysql-native-password=ON");
      flags.add("--authentication-policy=mysql_native_password");
    }
    return List.copyOf(flags);
  }

  /** Starts {@code image(engine, version)}; refuses with the fix when no Docker engine answers. */
  public static MysqlContainerServer start(String engine, String version) {
    String image = image(engine, version);
    if (!TestcontainersReplicaProvider.dockerAvailable()) {
      throw new WardenException(ErrorCode.CONFIG, noDocker());
    }
    byte[] secret = new byte[16];
    RANDOM.nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    String env = engine.equals("mariadb") ? "MARIADB_ROOT_PASSWORD" : "MYSQL_ROOT_PASSWORD";
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withEnv(Map.of(env, password))
            .withCommand(flags(engine, version).toArray(String[]::new))
            .withExposedPorts(PORT)
            // The entrypoint's first, socket-only server does not listen: the port opens with the
            // real one.
            .waitingFor(Wait.forListeningPort().withStartupTimeout(START));
    container.start();
    try {
      String url =
          "jdbc:mariadb://"
              + container.getHost()
              + ":"
              + container.getMappedPort(PORT)
              + "/?user=root&password="
              + password;
      awaitLogin(url);
      return new MysqlContainerServer(container, url);
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
  }

  /** The one line a review shows, and {@code --trace} fails with, where no Docker engine answers. */
  public static String noDocker() {
    return "replica.provider testcontainers needs a Docker engine, and none answers here: start Docker, or set"
        + " replica.provider: server and replica.url-env to a throwaway MySQL/MariaDB server";
  }

  /** The port can open a moment before root's login works (the image's init restarts the server). */
  private static void awaitLogin(String url) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Connection c = DriverManager.getConnection(url)) {
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          // The message can quote the URL; the password must not leave the process.
          throw new WardenException(
              ErrorCode.INFRASTRUCTURE,
              "the replica container never accepted root's login"
                  + " (SQLState "
                  + e.getSQLState()
                  + "): check the Docker engine and the image");
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new WardenException(
              ErrorCode.INFRASTRUCTURE, "interrupted while the replica container started");
        }
      }
    }
  }

  /** {@code jdbc:mariadb://host:port/?user=root&password=..}: for the provider only, never logged or reported. */
  public String adminUrl() {
    return adminUrl;
  }

  @Override
  public String toString() {
    return "MysqlContainerServer[" + container.getDockerImageName() + "]";
  }

  @Override
  public void close() {
    container.stop();
  }
}
