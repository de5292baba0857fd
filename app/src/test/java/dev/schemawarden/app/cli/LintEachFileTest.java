package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden lint a.sql b.sql} checks each file on its own against an existing database, as every linter does;
 * {@code --as-one-change} keeps the ordered semantics, where a table an earlier file creates is new in a later one.
 */
class LintEachFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path a;
  Path b;

  @BeforeEach
  void files() throws IOException {
    a = Files.writeString(tmp.resolve("a.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, c int);\n");
    b = Files.writeString(tmp.resolve("b.sql"), "CREATE INDEX t_c ON t (c);\n");
  }

  private static List<String> rulesOn(Cli.Run run, Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(run.out()).get("findings")) {
      if (f.get("path").asText().equals(file.toString())) {
        out.add(f.get("rule").asText());
      }
    }
    return out;
  }

  @Test
  void each_file_is_checked_on_its_own_so_a_table_created_in_another_file_still_counts_as_existing()
      throws IOException {
    Cli.Run run = Cli.run("lint", "--format", "json", a.toString(), b.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(rulesOn(run, b))
        .as("an index built without CONCURRENTLY on an existing table blocks writes")
        .contains("LK101");
  }

  @Test
  void the_order_of_the_files_changes_nothing_when_each_is_checked_on_its_own() throws IOException {
    Cli.Run forward = Cli.run("lint", "--format", "json", a.toString(), b.toString());
    Cli.Run backward = Cli.run("lint", "--format", "json", b.toString(), a.toString());

    assertThat(rulesOn(backward, b)).as(backward.toString()).isEqualTo(rulesOn(forward, b));
  }

  @Test
  void as_one_change_treats_the_table_created_by_an_earlier_file_as_new() throws IOException {
    Cli.Run run =
        Cli.run("lint", "--as-one-change", "--format", "json", a.toString(), b.toString());

    assertThat(rulesOn(run, b))
        .as("indexing a table created earlier in the same change harms nobody: %s", run)
        .doesNotContain("LK101");
  }

  @Test
  void as_one_change_still_follows_the_order_given() throws IOException {
    Cli.Run run =
        Cli.run("lint", "--as-one-change", "--format", "json", b.toString(), a.toString());

    assertThat(rulesOn(run, b))
        .as("b runs before the table exists, so it is judged as an existing table: %s", run)
        .contains("LK101");
  }
}
