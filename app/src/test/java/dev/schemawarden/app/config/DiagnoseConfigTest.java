package dev.schemawarden.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.drift.api.DiagnoseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code diagnose:} section: thresholds read, defaults kept, every mistake one line with file and line. */
class DiagnoseConfigTest {
  @TempDir Path tmp;

  @Test
  void thresholds_are_read_and_the_rest_keep_their_defaults() {
    DiagnoseSettings s =
        DiagnoseConfig.parse(
            """
        engine: postgres
        diagnose:
          window: 36h
          unused-index-warning-mb: 5
          sequence-warning: 0.5
        """,
            ".schemawarden.yml");
    assertThat(s.window()).isEqualTo(Duration.ofHours(36));
    assertThat(s.unusedIndexWarningBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(s.sequenceWarning()).isEqualTo(0.5);
    assertThat(s.sequenceError())
        .as("not written: the default")
        .isEqualTo(DiagnoseSettings.defaults().sequenceError());
    assertThat(DiagnoseConfig.parse("diagnose:\n  window: 0\n", "x.yml").window()).isZero();
    DiagnoseSettings bloat =
        DiagnoseConfig.parse("diagnose:\n  bloat-min-mb: 0.5\n  bloat-min-ratio: 0.6\n", "x.yml");
    assertThat(bloat.bloatMinBytes()).isEqualTo(512L * 1024);
    assertThat(bloat.bloatMinRatio()).isEqualTo(0.6);
    assertThat(DiagnoseSettings.defaults().bloatMinBytes())
        .as("documented default")
        .isEqualTo(100L * 1024 * 1024);
    assertThat(DiagnoseConfig.parse("engine: postgres\n", "x.yml"))
        .isEqualTo(DiagnoseSettings.defaults());
    DiagnoseSettings.SlowQueries slow =
        DiagnoseConfig.parse(
                "diagnose:\n  slow-query-min-ms: 250\n"
                    + "  slow-query-top: 5\n  slow-query-min-table-mb: 2\n",
                "x.yml")
            .slowQueries();
    assertThat(slow)
        .as("DG111's keys")
        .isEqualTo(new DiagnoseSettings.SlowQueries(Duration.ofMillis(250), 5, 2L * 1024 * 1024));
    assertThat(DiagnoseSettings.defaults().slowQueries())
        .as("documented defaults")
        .isEqualTo(new DiagnoseSettings.SlowQueries(Duration.ofSeconds(1), 20, 10L * 1024 * 1024));
  }

  @Test
  void mistakes_name_the_file_the_line_and_the_fix() {
    assertThatThrownBy(
            () ->
                DiagnoseConfig.parse("diagnose:\n  sequence-warning: lots\n", ".schemawarden.yml"))
        .isInstanceOf(WardenException.class)
        .hasMessage(
            ".schemawarden.yml:2: diagnose.sequence-warning: 'lots' is not a number: write e.g. 0.75 or"
                + " 100 (0 or more)");
    assertThatThrownBy(
            () -> DiagnoseConfig.parse("diagnose:\n  window: soon\n", ".schemawarden.yml"))
        .hasMessageStartingWith(".schemawarden.yml:2: diagnose.window: 'soon' is not a duration");
    assertThatThrownBy(
            () ->
                DiagnoseConfig.parse(
                    "diagnose:\n  sequence-warning: 0.9\n  sequence-error: 0.8\n",
                    ".schemawarden.yml"))
        .hasMessageStartingWith(".schemawarden.yml:1: diagnose: diagnose thresholds out of range");
    assertThatThrownBy(
            () -> DiagnoseConfig.parse("diagnose:\n  bloat-min-ratio: 1.5\n", ".schemawarden.yml"))
        .as("a fraction of the table")
        .hasMessageContaining("bloat-min-ratio at most 1");
    assertThatThrownBy(
            () -> DiagnoseConfig.parse("diagnose:\n  slow-query-top: 2.5\n", ".schemawarden.yml"))
        .hasMessageStartingWith(
            ".schemawarden.yml:2: diagnose.slow-query-top: '2.5' is not a whole number");
    assertThatThrownBy(() -> DiagnoseConfig.parse("diagnose: 7d\n", ".schemawarden.yml"))
        .hasMessageStartingWith(".schemawarden.yml:1: diagnose: expected a mapping");
  }

  @Test
  void a_config_linked_out_of_the_repository_is_refused_not_read() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("evil.yml"), "diagnose:\n  window: 0\n");
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.createSymbolicLink(repo.resolve(".schemawarden.yml"), outside.resolve("evil.yml"));
    assertThatThrownBy(() -> DiagnoseConfig.load(repo.resolve(".schemawarden.yml")))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("outside the repository");
  }
}
