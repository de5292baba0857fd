package dev.schemawarden.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.WardenException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code replica:} section of {@code .schemawarden.yml}. */
class ReplicaConfigTest {
  private final ConfigLoader loader = new ConfigLoader(Set.of("TR102"), Map.of());

  @Test
  void the_section_is_optional_and_defaults_to_embedded() {
    assertThat(loader.parse("engine: postgres\n", "c.yml").replica().providerId())
        .isEqualTo("embedded");
  }

  @Test
  void every_key_is_read() {
    WardenConfig.ReplicaConfig r =
        loader
            .parse(
                """
        replica:
          provider: server
          url-env: WARDEN_REPLICA_URL
          statement-timeout: 2min
          postgres-version: 16
        """,
                "c.yml")
            .replica();

    assertThat(r)
        .isEqualTo(
            new WardenConfig.ReplicaConfig(
                Optional.of("server"),
                Optional.of("WARDEN_REPLICA_URL"),
                Optional.of(Duration.ofMinutes(2)),
                Optional.of(16)));
  }

  @Test
  void bad_values_name_the_line_and_the_fix() {
    assertThatThrownBy(() -> loader.parse("replica:\n  provider: docker\n", "c.yml"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("c.yml:2: replica.provider")
        .hasMessageContaining("embedded (default), testcontainers, server or off");
    assertThatThrownBy(() -> loader.parse("replica:\n  statement-timeout: soon\n", "c.yml"))
        .hasMessageContaining("c.yml:2: replica.statement-timeout")
        .hasMessageContaining("30s");
    assertThatThrownBy(() -> loader.parse("replica:\n  provider: server\n", "c.yml"))
        .hasMessageContaining("url-env");
    assertThatThrownBy(() -> loader.parse("replica:\n  timeout: 3s\n", "c.yml"))
        .hasMessageContaining("unknown key 'timeout'");
  }
}
