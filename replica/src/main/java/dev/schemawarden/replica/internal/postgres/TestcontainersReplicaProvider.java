package dev.schemawarden.replica.internal.postgres;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.ReplicaSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A scratch PostgreSQL in a container (where a Docker engine runs, e.g. on GitHub's runners), so the replica can run
 * exactly production's major and image. The container is only the server: templates, clones and the sandbox are
 * the {@link ServerReplicaProvider}'s, against the container's superuser.
 */
public final class TestcontainersReplicaProvider extends ClusterReplicaProvider {
  private final PostgreSQLContainer<?> container;

  private TestcontainersReplicaProvider(
      PostgreSQLContainer<?> container, ServerReplicaProvider server) {
    super(server.cluster);
    this.container = container;
  }

  /** True when a Docker engine answers; without one this provider cannot start. */
  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Starts {@code image} (e.g. {@code postgres:16}) and connects the server provider to it. */
  public static TestcontainersReplicaProvider start(String image, ReplicaSettings settings) {
    if (!dockerAvailable()) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "replica.provider testcontainers needs a Docker engine,"
              + " and none answers here: start Docker, or use replica.provider: embedded (no Docker needed)");
    }
    PostgreSQLContainer<?> container =
        new PostgreSQLContainer<>(
            DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
    container.start();
    try {
      ServerReplicaProvider server =
          ServerReplicaProvider.connect(
              container.getJdbcUrl(),
              container.getUsername(),
              container.getPassword(),
              "",
              settings);
      return new TestcontainersReplicaProvider(container, server);
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
  }

  @Override
  public String id() {
    return "testcontainers";
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      container.stop();
    }
  }
}
