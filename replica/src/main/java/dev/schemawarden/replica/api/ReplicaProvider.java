package dev.schemawarden.replica.api;

import dev.schemawarden.analyzers.api.ServerVersion;

/**
 * Gives writable scratch copies of production's schema. One template database is built per schema (keyed by
 * {@link SchemaSource#hash()}) and cloned per review with {@code CREATE DATABASE ... TEMPLATE ... STRATEGY
 * FILE_COPY}. Implementations: {@code embedded} (default, PostgreSQL binaries from Maven Central),
 * {@code testcontainers} (a container, where a Docker engine runs) and {@code server} (a scratch database on a
 * server the user names). Never production.
 */
public interface ReplicaProvider extends AutoCloseable {

  /** {@code embedded}, {@code testcontainers} or {@code server}. */
  String id();

  ServerVersion serverVersion();

  /** A fresh clone of {@code schema}'s template, building the template first when this is its first use. */
  Replica create(SchemaSource schema);

  /**
   * As {@link #create(SchemaSource)}, with this review's statement budget: the clone's watchdog cancels a statement
   * past it (and terminates one that ignores the cancel), whatever the session itself sets.
   */
  default Replica create(SchemaSource schema, java.time.Duration statementBudget) {
    return create(schema);
  }

  /** Stops what the provider started (the embedded cluster); clones still open are dropped. */
  @Override
  void close();

  /** The embedded provider: starts one PostgreSQL cluster for this process. */
  static ReplicaProvider embedded(ReplicaSettings settings) {
    return dev.schemawarden.replica.internal.postgres.EmbeddedReplicaProvider.start(settings);
  }

  /**
   * The testcontainers provider: PostgreSQL {@code image} (e.g. {@code postgres:16}) in a container, where a Docker
   * engine runs; fails with a message naming the fix where none does.
   */
  static ReplicaProvider testcontainers(String image, ReplicaSettings settings) {
    return dev.schemawarden.replica.internal.postgres.TestcontainersReplicaProvider.start(
        image, settings);
  }

  /** True when a Docker engine answers, so {@link #testcontainers} can start. */
  static boolean dockerAvailable() {
    return dev.schemawarden.replica.internal.postgres.TestcontainersReplicaProvider
        .dockerAvailable();
  }

  /**
   * The server provider: clones on the server at {@code jdbcUrl}, connecting as {@code user} (a superuser of that
   * scratch server). Refuses a URL that points at {@code productionUrl}.
   */
  static ReplicaProvider server(
      String jdbcUrl,
      String user,
      String password,
      String productionUrl,
      ReplicaSettings settings) {
    return dev.schemawarden.replica.internal.postgres.ServerReplicaProvider.connect(
        jdbcUrl, user, password, productionUrl, settings);
  }
}
