package dev.schemawarden.replica.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import dev.schemawarden.replica.api.SchemaSource;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * The testcontainers provider. Its real run needs a Docker engine: where none answers (these project machines)
 * that test is skipped with the reason, and the refusal without Docker is what is tested instead.
 */
class TestcontainersReplicaProviderTest {

  @Test
  void without_a_docker_engine_it_refuses_with_the_fix() {
    assumeTrue(
        !ReplicaProvider.dockerAvailable(),
        "a Docker engine answers here: the refusal cannot happen");
    assertThatThrownBy(
            () -> ReplicaProvider.testcontainers("postgres:16", ReplicaSettings.defaults()))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("needs a Docker engine")
        .hasMessageContaining("replica.provider: embedded");
  }

  @Test
  void with_a_docker_engine_it_clones_the_schema_in_a_container() throws Exception {
    assumeTrue(
        ReplicaProvider.dockerAvailable(),
        "no Docker engine answers on this machine (testcontainers needs"
            + " one; the embedded provider is the default and is tested everywhere)");
    try (ReplicaProvider provider =
            ReplicaProvider.testcontainers("postgres:16", ReplicaSettings.defaults());
        Replica replica =
            provider.create(
                new SchemaSource.SqlDump("CREATE TABLE orders (id bigint PRIMARY KEY);"));
        Connection c = replica.connect();
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
      assertThat(provider.id()).isEqualTo("testcontainers");
      assertThat(provider.serverVersion().major()).isEqualTo(16);
      assertThat(rs.next()).isTrue();
    }
  }
}
