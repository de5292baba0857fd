package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFileTest {
  @TempDir Path tmp;

  @Test
  void the_file_is_mode_600_holds_the_text_and_leaves_no_temporary_file() throws Exception {
    Path file = PrivateFile.replace(tmp, "key.pem", "secret\n");
    PrivateFile.replace(tmp, "key.pem", "rotated\n");

    assertThat(Files.readString(file))
        .as("the second write replaces the first")
        .isEqualTo("rotated\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .as("only the owner may read a secret")
        .isEqualTo("rw-------");
    try (var files = Files.list(tmp)) {
      assertThat(files).as("the temporary file was renamed, not copied").containsExactly(file);
    }
  }

  @Test
  void a_link_planted_at_the_target_is_replaced_and_never_written_through() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "untouched");
    Path dir = Files.createDirectory(tmp.resolve("secrets"));
    Files.createSymbolicLink(dir.resolve("password"), victim);

    Path file = PrivateFile.replace(dir, "password", "s3cret\n");

    assertThat(Files.readString(victim))
        .as("the link's target keeps its content")
        .isEqualTo("untouched");
    assertThat(Files.isSymbolicLink(file)).as("the link itself is replaced").isFalse();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("s3cret\n");
  }
}
