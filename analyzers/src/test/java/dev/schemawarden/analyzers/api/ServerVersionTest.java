package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

  @Test
  void a_patch_level_is_read_compared_and_printed_only_when_written() {
    ServerVersion v = ServerVersion.parse("8.0.29");
    assertThat(v)
        .as("MySQL decides instant DDL by patch level")
        .isEqualTo(new ServerVersion(8, 0, 29));
    assertThat(v.atLeast(8, 0, 29)).isTrue();
    assertThat(ServerVersion.parse("8.0.28").atLeast(8, 0, 29)).isFalse();
    assertThat(ServerVersion.parse("8.4")).isGreaterThan(v);
    assertThat(v).hasToString("8.0.29");
    assertThat(ServerVersion.parse("16"))
        .as("PostgreSQL versions print as before")
        .hasToString("16.0")
        .isEqualTo(new ServerVersion(16, 0));
    assertThat(ServerVersion.parse("11.4.5-MariaDB-log"))
        .as("a server's own version string")
        .isEqualTo(new ServerVersion(11, 4, 5));
  }

  @Test
  void a_version_that_is_no_number_names_the_forms_it_takes() {
    assertThatThrownBy(() -> ServerVersion.parse("latest"))
        .hasMessageContaining("MAJOR.MINOR.PATCH");
  }
}
