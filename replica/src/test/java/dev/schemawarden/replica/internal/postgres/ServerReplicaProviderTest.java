package dev.schemawarden.replica.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.replica.api.Replica;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The server provider, pointed at the embedded cluster as if it were a scratch server. */
class ServerReplicaProviderTest {

  private final EmbeddedReplicaProvider embedded =
      (EmbeddedReplicaProvider) Replicas.provider(Replicas.Major.PRIMARY);

  @Test
  void refuses_a_url_on_the_production_server() {
    assertThatThrownBy(
            () ->
                ReplicaProvider.server(
                    "jdbc:postgresql://db.prod:5432/scratch",
                    "postgres",
                    "",
                    "jdbc:postgresql://db.prod/app",
                    ReplicaSettings.defaults()))
        .hasMessageContaining("production");
  }

  @Test
  void drops_clones_left_by_a_crashed_run_and_clones_like_embedded() throws SQLException {
    String stale = "warden_r_" + (Instant.now().getEpochSecond() - 7200) + "_dead";
    try (Connection c = DriverManager.getConnection(embedded.adminJdbcUrl());
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + stale);
      st.execute("CREATE DATABASE " + stale);
    }
    String url = embedded.adminJdbcUrl().replaceFirst("\\?.*", "");
    try (ReplicaProvider server =
            ReplicaProvider.server(
                url,
                "postgres",
                embedded.server().superuserPassword(),
                "jdbc:postgresql://db.prod/app",
                ReplicaSettings.defaults());
        Replica replica = server.create(Replicas.shopSchema());
        Connection c = replica.connect();
        Statement st = c.createStatement()) {
      assertThat(server.id()).isEqualTo("server");
      assertThat(
              AbstractReplicaSandboxTest.query(
                  st, "SELECT count(*) FROM pg_database WHERE datname = '" + stale + "'"))
          .isEqualTo("0");
      assertThat(
              AbstractReplicaSandboxTest.query(
                  st, "SELECT count(*) FROM pg_roles WHERE rolname = '" + stale + "'"))
          .isEqualTo("0");
    }
  }
}
