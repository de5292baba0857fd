package dev.schemawarden.replica.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryPlacementTest {
  @TempDir Path tmp;

  @Test
  void memory_is_chosen_when_it_has_room_for_twice_the_cap_and_the_headroom() throws IOException {
    Path memory = Files.createDirectory(tmp.resolve("memory"));
    Path disk = Files.createDirectory(tmp.resolve("disk"));
    long free = Files.getFileStore(memory).getUsableSpace();
    long fits = (free - DataDirectoryPlacement.HEADROOM) / 4;

    assertThat(DataDirectoryPlacement.choose(memory, disk, fits))
        .as("%d bytes free", free)
        .isEqualTo(memory);
  }

  @Test
  void disk_is_chosen_when_memory_lacks_room_for_what_a_review_may_write() throws IOException {
    Path memory = Files.createDirectory(tmp.resolve("memory"));
    Path disk = Files.createDirectory(tmp.resolve("disk"));
    long free = Files.getFileStore(memory).getUsableSpace();

    assertThat(DataDirectoryPlacement.choose(memory, disk, free / 2))
        .as("2 x cap + headroom exceeds the %d bytes free", free)
        .isEqualTo(disk);
  }

  @Test
  void disk_is_chosen_when_memory_is_missing_or_not_a_directory() throws IOException {
    Path disk = Files.createDirectory(tmp.resolve("disk"));
    Path file = Files.writeString(tmp.resolve("shm"), "not a directory");

    assertThat(DataDirectoryPlacement.choose(tmp.resolve("absent"), disk, 1)).isEqualTo(disk);
    assertThat(DataDirectoryPlacement.choose(file, disk, 1)).isEqualTo(disk);
  }
}
