package dev.schemawarden.replica.api;

import dev.schemawarden.replica.internal.local.LocalPostgresServer;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An embedded PostgreSQL server this process started — the one launcher behind the replica cluster and the bot's
 * state store. The server runs as an unprivileged OS user when we are root ({@link #OS_USER_ENV}, default
 * {@code nobody}) with an empty environment; it listens on 127.0.0.1 only, has no Unix socket, and accepts only
 * SCRAM password logins, so no local user gets in without the generated superuser password.
 */
public interface LocalPostgres extends AutoCloseable {
  /** Names the OS user the servers run as when Schema Warden runs as root. */
  String OS_USER_ENV = "WARDEN_POSTGRES_OS_USER";

  /** Names the directory where the PostgreSQL binaries are unpacked (default /var/cache/schema-warden/postgres). */
  String CACHE_ENV = "WARDEN_POSTGRES_CACHE";

  String SUPERUSER = "postgres";
  String HOST = "127.0.0.1";

  /** Starts the server (initdb first when the data directory holds no cluster); fails with one clear line. */
  static LocalPostgres start(LocalPostgresSettings settings) {
    return LocalPostgresServer.start(settings);
  }

  /**
   * For sweeping scratch directories: true when no live process owns {@code dataDirectory} any more; a server still
   * running there for a dead owner is stopped first. False while its owner runs (or cannot be told).
   */
  static boolean releaseIfAbandoned(Path dataDirectory) {
    return LocalPostgresServer.releaseIfAbandoned(dataDirectory);
  }

  /**
   * A generated password kept in {@code secretsDirectory/name} (mode 600, directory 700, the JVM's user), created
   * on first use: for the roles a caller creates in its server.
   */
  static String storedSecret(Path secretsDirectory, String name) {
    return dev.schemawarden.replica.internal.local.Secrets.readOrCreate(secretsDirectory, name);
  }

  /** True when this JVM runs as root, so the servers it starts run as {@link #OS_USER_ENV}'s user instead. */
  static boolean jvmIsRoot() {
    return LocalPostgresServer.jvmIsRoot();
  }

  int port();

  /** The postmaster's process id. */
  long pid();

  /** The OS user the server runs as. */
  String osUser();

  Path dataDirectory();

  /** The superuser's generated password: for setup connections only, never for a repository's SQL. */
  String superuserPassword();

  default String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
  }

  /** Connection properties of the superuser. */
  default Properties superuserProperties() {
    Properties p = new Properties();
    p.setProperty("user", SUPERUSER);
    p.setProperty("password", superuserPassword());
    return p;
  }

  /** Stops the server: fast shutdown, then immediate, then SIGKILL. */
  @Override
  void close();
}
