package dev.schemawarden.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.schemawarden.analyzers.api.ServerVersion;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code snapshot:} and {@code drift:} in {@code .schemawarden.yml}. */
class SnapshotConfigTest {
  private final ConfigLoader loader = new ConfigLoader(Set.of("LK101"), Map.of());

  private String error(String yaml) {
    return catchThrowable(() -> loader.parse(yaml, ".schemawarden.yml")).getMessage();
  }

  @Test
  void reads_path_max_age_and_fail_on_unrelated() {
    WardenConfig c =
        loader.parse(
            "snapshot:\n  path: db/prod.json\n  max-age: 7d\ndrift:\n  fail-on-unrelated: true\n",
            ".schemawarden.yml");

    assertThat(c.snapshot().orElseThrow().path()).contains("db/prod.json");
    assertThat(c.snapshot().orElseThrow().maxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(c.drift().failOnUnrelated()).isTrue();
  }

  @Test
  void defaults_are_24_hours_and_not_blocking_on_unrelated_drift() {
    WardenConfig c = loader.parse("snapshot:\n  url: https://artifacts.internal/prod.json\n", "f");

    assertThat(c.snapshot().orElseThrow().maxAge()).isEqualTo(Duration.ofHours(24));
    assertThat(c.drift().failOnUnrelated()).isFalse();
  }

  @Test
  void engine_version_counts_as_set_only_when_written() {
    assertThat(loader.parse("engine-version: 15\n", "f").engineVersionSet()).isTrue();
    assertThat(
            loader
                .parse("engine-version: 15\n", "f")
                .withDefaultEngineVersion(new ServerVersion(16, 4))
                .engineVersion())
        .as("the file wins over the snapshot")
        .isEqualTo(new ServerVersion(15, 0));
    assertThat(loader.parse("fail-on: error\n", "f").engineVersionSet()).isFalse();
  }

  @Test
  void bad_values_name_the_key_and_line() {
    assertThat(error("snapshot:\n  path: a.json\n  env: X\n"))
        .contains(".schemawarden.yml:1: snapshot: give exactly one");
    assertThat(error("snapshot:\n  max-age: 24h\n"))
        .contains("give exactly one of path, url or env");
    assertThat(error("snapshot:\n  path: ../prod.json\n"))
        .contains(":2: snapshot.path")
        .contains("inside the repository");
    assertThat(error("snapshot:\n  url: http://example.com/p.json\n"))
        .contains(":2: snapshot.url")
        .contains("https://");
    assertThat(error("snapshot:\n  env: jdbc:postgresql://db/shop\n"))
        .contains("snapshot.env")
        .contains("never the URL itself");
    assertThat(error("snapshot:\n  path: p.json\n  max-age: 1 week\n"))
        .contains(":3: snapshot.max-age")
        .contains("30m, 24h or 7d");
    assertThat(error("drift:\n  fail-on-unrelated: maybe\n"))
        .contains(":2: drift.fail-on-unrelated");
    assertThat(error("drift:\n  fail-on-unrelatd: true\n"))
        .contains("did you mean 'fail-on-unrelated'?");
  }
}
