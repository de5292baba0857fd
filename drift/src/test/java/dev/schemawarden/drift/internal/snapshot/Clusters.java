package dev.schemawarden.drift.internal.snapshot;

import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.internal.postgres.EmbeddedReplicaProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test support: one embedded cluster per PostgreSQL major per test JVM (the replica provider's, so the same cluster
 * serves replicas and the "production" databases the tests create as its superuser).
 */
final class Clusters {
  enum Major {
    /** The classpath's binaries (root pom {@code postgres.binaries.version}). */
    PRIMARY,
    /** The jar maven-dependency-plugin copies ({@code postgres.binaries.second.version}). */
    SECOND
  }

  private static final Map<Major, EmbeddedReplicaProvider> PROVIDERS = new ConcurrentHashMap<>();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Clusters() {}

  static EmbeddedReplicaProvider provider(Major major) {
    return PROVIDERS.computeIfAbsent(
        major,
        m -> {
          ReplicaSettings settings = ReplicaSettings.defaults();
          if (m == Major.SECOND) {
            settings =
                settings.withBinariesJar(
                    Path.of(
                        System.getProperty(
                            "postgres.second.jar",
                            "target/pg-binaries/postgres-binaries-second.jar")));
          }
          EmbeddedReplicaProvider p = (EmbeddedReplicaProvider) ReplicaProvider.embedded(settings);
          Runtime.getRuntime().addShutdownHook(new Thread(p::close));
          return p;
        });
  }

  /** {@code jdbc:postgresql://localhost:PORT/} of the cluster. */
  static String baseUrl(Major major) {
    String admin = provider(major).adminJdbcUrl();
    return admin.substring(0, admin.indexOf("/postgres"));
  }

  /** The cluster's generated superuser password (the launcher admits password logins only). */
  static String password(Major major) {
    return provider(major).server().superuserPassword();
  }

  static String url(Major major, String database) {
    return baseUrl(major) + "/" + database;
  }

  static Connection admin(Major major, String database) throws SQLException {
    return DriverManager.getConnection(url(major, database), "postgres", password(major));
  }

  /** A new empty database with a unique name. */
  static String createDatabase(Major major, String prefix) throws SQLException {
    String name = prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
    try (Connection c = admin(major, "postgres");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** Runs a multi-statement script in simple query mode (the extended protocol takes one command per query). */
  static void script(Major major, String database, String sql) throws SQLException {
    try (Connection c =
        DriverManager.getConnection(
            url(major, database) + "?preferQueryMode=simple", "postgres", password(major))) {
      exec(c, sql);
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Creates cluster roles (they are global) unless they exist. */
  static void roles(Major major, String... names) throws SQLException {
    try (Connection c = admin(major, "postgres")) {
      for (String n : names) {
        exec(
            c,
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                + n
                + "') THEN CREATE ROLE "
                + n
                + " NOLOGIN; END IF; END $$");
      }
    }
  }

  static String resource(String path) {
    try (var in = Clusters.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
