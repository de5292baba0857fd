package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code warden lint} reads (files, directories, and what it refuses to open) and how every command writes
 * {@code --output}: in-process with the production wiring (lint starts no database).
 */
class LintInputsAndOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static List<String> paths(Cli.Run run) throws IOException {
    List<String> out = new ArrayList<>();
    JSON.readTree(run.out()).get("migrations").forEach(m -> out.add(m.get("path").asText()));
    return out;
  }

  private static List<String> rules(Cli.Run run, String path) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out()).get("findings")) {
      if (f.get("path").asText().equals(path)) {
        out.add(f.get("rule").asText());
      }
    }
    return out;
  }

  @Nested
  class a_directory {
    @Test
    void lints_every_sql_file_under_it_recursively_in_path_order() throws IOException {
      Path d = Files.createDirectories(tmp.resolve("db"));
      Files.createDirectories(d.resolve("b/deeper"));
      Files.writeString(d.resolve("b/deeper/V3__idx.sql"), "create index i on t (c);\n");
      Files.writeString(d.resolve("a.sql"), "select 1;\n");
      Files.writeString(d.resolve("B2.SQL"), "select 2;\n");
      Files.writeString(d.resolve("notes.txt"), "create index j on t (c);\n");

      Cli.Run run = Cli.run("lint", "--format", "json", d.toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(paths(run))
          .as("*.sql (any case) under it, in path order; other files left alone")
          .containsExactly(d + "/B2.SQL", d + "/a.sql", d + "/b/deeper/V3__idx.sql");
      assertThat(rules(run, d + "/b/deeper/V3__idx.sql")).contains("LK101");
    }

    @Test
    void a_link_leading_out_of_the_directory_is_refused_as_WD003_and_never_read()
        throws IOException {
      Path d = Files.createDirectories(tmp.resolve("db"));
      Path secret = tmp.resolve("beside.sql");
      Files.writeString(secret, "select 'ghp_NEVER_PRINT_ME';\n");
      Files.writeString(d.resolve("V1__ok.sql"), "select 1;\n");
      Files.createSymbolicLink(d.resolve("V2__out.sql"), Path.of("../beside.sql"));
      Files.createSymbolicLink(d.resolve("V3__env.sql"), Path.of("/proc/self/environ"));
      Files.createSymbolicLink(d.resolve("linked"), tmp);

      Cli.Run run = Cli.run("lint", "--format", "json", d.toString());

      assertThat(run.out())
          .as("the target's text is never read")
          .doesNotContain("ghp_NEVER_PRINT_ME");
      assertThat(paths(run))
          .as("a linked directory is not descended into")
          .containsExactly(d + "/V1__ok.sql", d + "/V2__out.sql", d + "/V3__env.sql");
      assertThat(rules(run, d + "/V2__out.sql"))
          .as("the directory bounds what is read, even inside the cwd")
          .containsExactly("WD003");
      assertThat(rules(run, d + "/V3__env.sql")).containsExactly("WD003");
      assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void one_without_sql_files_is_an_error_naming_it() throws IOException {
      Path d = Files.createDirectories(tmp.resolve("empty"));

      Cli.Run run = Cli.run("lint", d.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "warden: error: "
                  + d
                  + " is a directory with no *.sql file under it: name"
                  + " SQL files or a directory holding them\n");
    }
  }

  @Nested
  class a_special_file {
    @Test
    void dev_null_is_one_line_saying_it_is_not_a_regular_file() {
      Cli.Run run = Cli.run("lint", "/dev/null");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "warden: error: /dev/null is a character device, not a regular file: not"
                  + " read; name SQL files or a directory holding them\n");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void a_fifo_named_directly_is_never_opened() throws Exception {
      Path fifo = tmp.resolve("pipe.sql");
      Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
      assertThat(p.waitFor() == 0).as("mkfifo").isTrue();

      Cli.Run run = Cli.run("lint", fifo.toString());

      assertThat(run.exitCode())
          .as("it returns at all: opening a FIFO would block forever")
          .isEqualTo(2);
      assertThat(run.err())
          .contains(fifo + " is a FIFO (named pipe), not a regular file")
          .doesNotContain("\n\n");
    }

    @Test
    void a_directory_under_proc_is_refused_not_walked() {
      Cli.Run run = Cli.run("lint", "/proc/self");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "warden: error: /proc/self is a system file (/proc): not read; name SQL files")
          .hasLineCount(1);
    }
  }

  @Nested
  class output {
    @Test
    void a_missing_directory_is_an_error_and_nothing_is_created() throws IOException {
      Path sql = Files.writeString(tmp.resolve("a.sql"), "select 1;\n");
      Path target = tmp.resolve("nonexistent/dir/x.json");

      Cli.Run run =
          Cli.run("lint", sql.toString(), "--format", "json", "--output", target.toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "warden: error: --output "
                  + target
                  + ": directory "
                  + target.getParent()
                  + " does not exist: create it first\n");
      assertThat(tmp.resolve("nonexistent"))
          .as("no directory the user did not ask for")
          .doesNotExist();
    }

    @Test
    void the_report_is_written_whole_and_no_temporary_file_is_left() throws IOException {
      Path sql = Files.writeString(tmp.resolve("a.sql"), "create index i on t (c);\n");
      Path out = Files.createDirectories(tmp.resolve("reports"));
      Files.writeString(out.resolve("r.json"), "an older report, replaced whole");

      Cli.Run run =
          Cli.run(
              "lint",
              sql.toString(),
              "--format",
              "json",
              "--output",
              out.resolve("r.json").toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(
              JSON.readTree(Files.readString(out.resolve("r.json"), StandardCharsets.UTF_8))
                  .get("findings")
                  .get(0)
                  .get("rule")
                  .asText())
          .isEqualTo("LK101");
      try (Stream<Path> files = Files.list(out)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("the temporary file was renamed")
            .containsExactly("r.json");
      }
    }

    @Test
    void a_directory_as_output_is_refused_and_left_as_it_was() throws IOException {
      Path sql = Files.writeString(tmp.resolve("a.sql"), "select 1;\n");
      Path dir = Files.createDirectories(tmp.resolve("reports"));

      Cli.Run run = Cli.run("lint", sql.toString(), "--output", dir.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo("warden: error: --output " + dir + " is a directory: name a file inside it\n");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).as("no temporary file left behind").isEmpty();
      }
    }

    @Test
    void snapshot_output_follows_the_same_rule_before_connecting() {
      Path target = tmp.resolve("nowhere/snap.json");

      Cli.Run run =
          Cli.run(
              "snapshot",
              "--url",
              "jdbc:postgresql://127.0.0.1:1/none",
              "--output",
              target.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .as("checked before connecting: the URL leads nowhere")
          .isEqualTo(
              "warden: error: --output "
                  + target
                  + ": directory "
                  + target.getParent()
                  + " does not exist: create it first\n");
      assertThat(tmp.resolve("nowhere")).doesNotExist();
    }
  }
}
