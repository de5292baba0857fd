package dev.schemawarden.analyzers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of checkout files, against real links, FIFOs and /proc on this machine. */
class RepositoryFilesTest {
  static final String SECRET = "ghp_SECRETSECRETSECRET0123456789";

  @TempDir Path tmp;
  Path repo;
  Path outside;

  @BeforeEach
  void layout() throws IOException {
    repo = Files.createDirectories(tmp.resolve("repo"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.sql"), "select '" + SECRET + "';\n");
    Files.createDirectories(repo.resolve("db/migration"));
    Files.writeString(repo.resolve("db/migration/V1__a.sql"), "create table a (id int);\n");
  }

  static void mkfifo(Path p) throws Exception {
    Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0)
        .as("mkfifo %s", p)
        .isTrue();
  }

  private RefusedFileException refusal(String path) {
    try {
      RepositoryFiles.read(repo, path, RepositoryFiles.DEFAULT_MAX_BYTES);
    } catch (RefusedFileException e) {
      assertThat(e.getMessage())
          .as("a refusal never carries the target's text")
          .doesNotContain(SECRET);
      assertThat(e.getMessage()).as("one line").doesNotContain("\n");
      return e;
    }
    throw new AssertionError(path + " was read although it must be refused");
  }

  @Nested
  class reads {
    @Test
    void a_regular_file_of_the_repository() {
      assertThat(RepositoryFiles.read(repo, "db/migration/V1__a.sql", 1000))
          .isEqualTo("create table a (id int);\n");
    }

    @Test
    void through_a_link_that_stays_inside_the_repository() throws IOException {
      Files.createSymbolicLink(repo.resolve("db/migration/V2__b.sql"), Path.of("V1__a.sql"));
      Files.createSymbolicLink(repo.resolve("sql"), Path.of("db/migration"));

      assertThat(RepositoryFiles.read(repo, "db/migration/V2__b.sql", 1000))
          .as("file link inside")
          .startsWith("create table a");
      assertThat(RepositoryFiles.read(repo, "sql/V1__a.sql", 1000))
          .as("directory link inside")
          .startsWith("create table a");
    }

    @Test
    void when_the_root_itself_is_reached_through_a_link() throws IOException {
      Path linkedRoot = Files.createSymbolicLink(tmp.resolve("checkout"), repo);
      Files.createSymbolicLink(
          repo.resolve("db/migration/V3__up.sql"), Path.of("../../../outside/secret.sql"));

      assertThat(RepositoryFiles.read(linkedRoot, "db/migration/V1__a.sql", 1000))
          .startsWith("create table a");
      assertThat(RepositoryFiles.lookup(linkedRoot, "db/migration/V3__up.sql"))
          .as("the root's real path is the boundary, not the link's")
          .isInstanceOf(RepositoryFiles.Refused.class);
    }

    @Test
    void nothing_for_a_missing_file_and_an_error_naming_it_when_it_is_required() {
      assertThat(RepositoryFiles.readIfExists(repo, "nope.yml", 1000, ErrorCode.CONFIG)).isEmpty();
      assertThat(
              RepositoryFiles.readIfExists(
                  repo, "db/migration/V1__a.sql/CODEOWNERS", 1000, ErrorCode.CONFIG))
          .as("a file where a directory would be")
          .isEmpty();
      assertThatThrownBy(() -> RepositoryFiles.read(repo, "nope.sql", 1000))
          .hasMessage("nope.sql: no such file: check the path");
    }

    @Test
    void invalid_utf8_is_reported_at_the_line_and_byte_column_of_the_first_bad_byte()
        throws IOException {
      byte[] text =
          "create table a (id int);\ncreate table b (id int);\nselect 'é', '\u00ff\u00fe';\nselect 1;\n"
              .getBytes(StandardCharsets.UTF_8);
      // Line 3: a valid two-byte é, then ÿ's first byte replaced by 0xFF, at byte column 15 (é
      // counts two).
      byte[] bad = new byte[text.length];
      System.arraycopy(text, 0, bad, 0, text.length);
      int at = indexOf(bad, (byte) 0xC3, 2); // the second two-byte character of line 3: ÿ
      bad[at] = (byte) 0xFF;
      Files.write(repo.resolve("db/migration/V2__latin1.sql"), bad);

      assertThatThrownBy(() -> RepositoryFiles.read(repo, "db/migration/V2__latin1.sql", 1000))
          .as("the line and column of the first malformed byte, not line 1")
          .hasMessage("db/migration/V2__latin1.sql:3:15: not valid UTF-8; save the file as UTF-8");
    }

    @Test
    void a_multibyte_character_cut_off_at_the_end_of_the_file_is_reported_where_it_starts()
        throws IOException {
      Files.write(
          repo.resolve("db/migration/V3__cut.sql"),
          new byte[] {'s', 'e', 'l', '\n', 'x', (byte) 0xE2, (byte) 0x82});

      assertThatThrownBy(() -> RepositoryFiles.read(repo, "db/migration/V3__cut.sql", 1000))
          .hasMessageStartingWith("db/migration/V3__cut.sql:2:2: not valid UTF-8");
    }
  }

  private static int indexOf(byte[] bytes, byte b, int occurrence) {
    int seen = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b && ++seen == occurrence) {
        return i;
      }
    }
    throw new AssertionError("no occurrence " + occurrence + " of " + b);
  }

  @Nested
  class refuses {
    @Test
    void a_link_to_a_file_outside_the_repository() throws IOException {
      Files.createSymbolicLink(
          repo.resolve("db/migration/V3__x.sql"), outside.resolve("secret.sql"));

      RefusedFileException e = refusal("db/migration/V3__x.sql");

      assertThat(e.finding())
          .isEqualTo(
              "db/migration/V3__x.sql is a symbolic link to a file outside the repository: not read");
      assertThat(e.code()).isEqualTo(ErrorCode.INPUT);
    }

    @Test
    void a_relative_link_climbing_out_and_a_dotdot_path() throws IOException {
      Files.createSymbolicLink(
          repo.resolve("db/migration/V3__x.sql"), Path.of("../../../outside/secret.sql"));

      assertThat(refusal("db/migration/V3__x.sql").reason()).contains("outside the repository");
      assertThat(refusal("db/../../outside/secret.sql").finding())
          .isEqualTo("db/../../outside/secret.sql is a file outside the repository: not read");
    }

    @Test
    void a_path_through_a_linked_directory_outside() throws IOException {
      Files.createSymbolicLink(repo.resolve("db/shared"), outside);

      assertThat(refusal("db/shared/secret.sql").finding())
          .isEqualTo(
              "db/shared/secret.sql leads through a symbolic link to a file outside the repository: not read");
    }

    @Test
    void proc_sys_and_dev_whatever_the_link_looks_like() throws IOException {
      Files.createSymbolicLink(
          repo.resolve("db/migration/V4__y.sql"), Path.of("/proc/self/environ"));
      Files.createSymbolicLink(repo.resolve("db/migration/V5__z.sql"), Path.of("/dev/zero"));

      assertThat(refusal("db/migration/V4__y.sql").finding())
          .isEqualTo(
              "db/migration/V4__y.sql is a symbolic link to a system file (/proc): not read");
      assertThat(refusal("db/migration/V5__z.sql").reason()).contains("system file (/dev)");
      assertThatThrownBy(() -> RepositoryFiles.read(Path.of("/proc/self"), "environ", 1000))
          .as("a root under /proc is no repository")
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("system directory (proc)");
    }

    @Test
    @Timeout(10)
    void a_fifo_without_opening_it() throws Exception {
      mkfifo(repo.resolve("db/migration/V6__pipe.sql"));
      Files.createSymbolicLink(
          repo.resolve("db/migration/V7__to_pipe.sql"), Path.of("V6__pipe.sql"));

      assertThat(refusal("db/migration/V6__pipe.sql").finding())
          .isEqualTo(
              "db/migration/V6__pipe.sql is a FIFO (named pipe), not a regular file: not read");
      assertThat(refusal("db/migration/V7__to_pipe.sql").finding())
          .isEqualTo(
              "db/migration/V7__to_pipe.sql is a symbolic link to a FIFO (named pipe), not a regular file: not read");
    }

    @Test
    void a_directory_a_dangling_link_a_link_loop_and_an_absolute_path() throws IOException {
      Files.createSymbolicLink(repo.resolve("gone.sql"), Path.of("nowhere.sql"));
      Files.createSymbolicLink(repo.resolve("loop.sql"), Path.of("loop.sql"));

      assertThat(refusal("db/migration").reason())
          .isEqualTo("is a directory, not a file: not read");
      assertThat(refusal("gone.sql").reason())
          .isEqualTo("is a symbolic link to a file that does not exist: not read");
      assertThat(refusal("loop.sql").reason()).startsWith("cannot be resolved (");
      assertThat(refusal(outside.resolve("secret.sql").toString()).reason())
          .startsWith("is an absolute path");
    }

    @Test
    void a_file_over_the_size_cap_with_the_cap_in_the_message() throws IOException {
      Files.write(repo.resolve("big.sql"), new byte[3 << 20]);

      assertThatThrownBy(() -> RepositoryFiles.read(repo, "big.sql", 2L << 20))
          .isInstanceOf(RefusedFileException.class)
          .hasMessageStartingWith("big.sql is larger than 2 MiB, the limit for one file: not read");
    }
  }

  @Nested
  class lists {
    @Test
    @Timeout(10)
    void
        links_and_fifos_as_entries_so_reading_them_refuses_them_and_never_descends_into_linked_directories()
            throws Exception {
      Files.createSymbolicLink(
          repo.resolve("db/migration/V3__x.sql"), outside.resolve("secret.sql"));
      mkfifo(repo.resolve("db/migration/V6__pipe.sql"));
      Files.createSymbolicLink(repo.resolve("db/migration/more"), outside);
      Files.createDirectories(repo.resolve("elsewhere"));
      Files.writeString(repo.resolve("elsewhere/V8__inside.sql"), "select 1;\n");
      Files.createSymbolicLink(repo.resolve("db/migration/inside"), repo.resolve("elsewhere"));

      List<String> found = RepositoryFiles.list(repo, "db/migration", true, p -> true);

      assertThat(found)
          .containsExactly(
              "db/migration/V1__a.sql",
              "db/migration/V3__x.sql",
              "db/migration/V6__pipe.sql",
              "db/migration/more");
      assertThat(found)
          .as("nothing from the linked directory outside")
          .noneMatch(p -> p.contains("secret"));
    }

    @Test
    void a_location_that_is_a_link_outside_is_an_error_naming_it() throws IOException {
      Files.createSymbolicLink(repo.resolve("migrations"), outside);

      assertThatThrownBy(() -> RepositoryFiles.list(repo, "migrations", true, p -> true))
          .isInstanceOf(RefusedFileException.class)
          .hasMessageStartingWith(
              "migrations is a symbolic link to a directory outside the repository: not read");
      assertThat(RepositoryFiles.list(repo, "absent", true, p -> true)).isEmpty();
      assertThat(Files.readString(outside.resolve("secret.sql"), StandardCharsets.UTF_8))
          .contains(SECRET);
    }
  }
}
