package dev.schemawarden.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.WardenException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchConfigTest {

  @Test
  void a_file_without_the_section_gets_the_documented_defaults() {
    assertThat(WatchConfig.parse("fail-on: error\n", ".schemawarden.yml"))
        .as("docs/watch.md#configuration")
        .isEqualTo(new WatchConfig(Duration.ofHours(1), 10, true));
  }

  @Test
  void every_key_is_read() {
    WatchConfig c =
        WatchConfig.parse(
            "watch:\n  interval: 30m\n  max-open: 3\n  blocked: skip\n"
                + "  reopen-factor: 1.5\n  environments: [production, staging]\n",
            "f.yml");
    assertThat(c)
        .isEqualTo(
            new WatchConfig(
                Duration.ofMinutes(30), 3, false, 1.5, java.util.List.of("production", "staging")));
  }

  @Test
  void a_misspelt_key_names_the_line_and_the_key_it_meant() {
    assertThatThrownBy(() -> WatchConfig.parse("watch:\n  max-opn: 3\n", "f.yml"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("f.yml:2: watch.max-opn")
        .hasMessageContaining("did you mean 'max-open'?");
  }

  @Test
  void a_bad_value_says_what_to_write() {
    assertThatThrownBy(() -> WatchConfig.parse("watch:\n  blocked: maybe\n", "f.yml"))
        .as("blocked")
        .hasMessageContaining("use draft")
        .hasMessageContaining("or skip");
    assertThatThrownBy(() -> WatchConfig.parse("watch:\n  max-open: 0\n", "f.yml"))
        .as("max-open")
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> WatchConfig.parse("watch:\n  interval: soon\n", "f.yml"))
        .as("interval")
        .hasMessageContaining("is not a duration");
    assertThatThrownBy(() -> WatchConfig.parse("watch:\n  reopen-factor: 0.5\n", "f.yml"))
        .as("a factor below 1 would re-propose what a person closed at once")
        .hasMessageContaining("f.yml:2")
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> WatchConfig.parse("watch:\n  environments: production\n", "f.yml"))
        .as("environments")
        .hasMessageContaining("expected a list");
  }

  @Test
  void the_review_config_loader_accepts_the_section() {
    assertThat(
            new ConfigLoader(java.util.Set.of(), java.util.Map.of())
                .parse("watch:\n  max-open: 3\n", ".schemawarden.yml")
                .failOn())
        .as("watch: is a known top-level key, not an error")
        .isEmpty();
  }
}
