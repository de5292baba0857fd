package dev.schemawarden.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchStateTest {
  @TempDir Path tmp;

  @Test
  void a_first_version_file_reads_as_open_proposals_and_is_written_back_with_the_new_fields()
      throws IOException {
    Path file = tmp.resolve("watch.json");
    Files.writeString(
        file,
        """
        {"version": 1, "proposals": [{"key": "DG101 public.orders_note_idx", "branch": "warden/dg101/x-1a2b3c4d",
          "number": 101, "versions": ["2"], "at": "2026-12-01T02:00:00Z"}]}
        """);
    WatchState state = WatchState.load(file);
    WatchState.Entry e = state.get("DG101 public.orders_note_idx").orElseThrow();
    assertThat(e.status())
        .as("what version 1 recorded was opened")
        .isEqualTo(WatchState.Status.OPEN);
    assertThat(state.open()).isEqualTo(1);
    state.record(
        new WatchState.Entry(
            "DG105 public.orders.fk",
            "warden/dg105/y",
            0,
            List.of(),
            Instant.parse("2026-12-03T02:00:00Z"),
            WatchState.Status.SUPPRESSED,
            "ab",
            "cd",
            40,
            1,
            "watch.max-open",
            Map.of()));
    WatchState again = WatchState.load(file);
    assertThat(again.entries())
        .as("round trip of every field")
        .containsExactlyElementsOf(state.entries());
    assertThat(again.open()).as("a suppressed problem holds no place under the cap").isEqualTo(1);
  }

  @Test
  void a_damaged_file_is_one_line_naming_it_and_the_fix() throws IOException {
    Path file = tmp.resolve("watch.json");
    Files.writeString(
        file,
        "{\"version\": 2, \"proposals\": [{\"key\": \"k\", \"status\": \"REOPENED_BY_ROBOT\"}]}");
    assertThatThrownBy(() -> WatchState.load(file))
        .hasMessageContaining(file + ": cannot read the watch state")
        .hasMessageContaining("fix or delete the file");
  }
}
