package dev.schemawarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which commands keep spare MySQL sandboxes: only those that run until stopped. */
class LongRunningCommandsTest {
  @Test
  void serve_and_mcp_keep_spares_and_one_shot_commands_do_not() {
    assertThat(Main.longRunning(new String[] {"serve"})).isTrue();
    assertThat(Main.longRunning(new String[] {"--verbose", "mcp", "--host", "github"})).isTrue();
    assertThat(Main.longRunning(new String[] {"review", "--repo", "serve"}))
        .as("the command is the first word that is not an option, not any argument")
        .isFalse();
    assertThat(Main.longRunning(new String[] {"drift"})).isFalse();
    assertThat(Main.longRunning(new String[] {})).isFalse();
  }
}
