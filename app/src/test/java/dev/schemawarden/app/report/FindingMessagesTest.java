package dev.schemawarden.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cap on what a finding's message shows, and the whole message in the JSON report's {@code details}. */
class FindingMessagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static String columns(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> String.format("`wide.col_%04d` (integer)", i))
        .collect(Collectors.joining(", "));
  }

  @Test
  void a_short_message_is_shown_as_it_is() {
    String m = "Dropping columns `a`, `b` deletes their data";

    assertThat(FindingMessages.cap(m)).isSameAs(m);
  }

  @Test
  void a_long_list_keeps_its_first_items_the_count_left_out_and_its_last_item_with_the_sentence() {
    String m =
        "Column "
            + columns(2000)
            + " are narrower than bigint: widening it later rewrites the table";

    String shown = FindingMessages.cap(m);

    assertThat(shown.length()).as("capped").isLessThanOrEqualTo(FindingMessages.MAX_CHARS);
    assertThat(shown)
        .startsWith("Column `wide.col_0000` (integer), `wide.col_0001` (integer), ")
        .endsWith(
            " more, `wide.col_1999` (integer) are narrower than bigint: widening it later rewrites the table")
        .as("cut between items, never inside one")
        .doesNotContain("(integer)`")
        .doesNotContain(", (");
    int kept = shown.split("`wide.col_").length - 1;
    int more =
        Integer.parseInt(shown.replaceAll(".*… and ([0-9,]+) more.*", "$1").replace(",", ""));
    assertThat(kept + more)
        .as("shown items plus the count left out are all of them")
        .isEqualTo(2000);
  }

  @Test
  void text_without_a_list_is_cut_at_a_word_with_its_full_length() {
    String m = "word ".repeat(400).strip();

    String shown = FindingMessages.cap(m);

    assertThat(shown.length()).isLessThanOrEqualTo(FindingMessages.MAX_CHARS);
    assertThat(shown).endsWith("word … (1,999 characters in all)");
  }

  @Test
  void linting_a_2000_column_table_caps_the_formats_and_keeps_the_whole_list_in_json_details()
      throws IOException {
    String cols =
        IntStream.range(0, 2000)
            .mapToObj(i -> String.format("  col_%04d integer", i))
            .collect(Collectors.joining(",\n"));
    Path sql =
        Files.writeString(tmp.resolve("wide.sql"), "CREATE TABLE wide (\n" + cols + "\n);\n");

    Cli.Run json = Cli.run("lint", "--format", "json", sql.toString());

    JsonNode findings = JSON.readTree(json.out()).get("findings");
    assertThat(findings).as(json.err()).isNotEmpty();
    java.util.List<String> cut = new java.util.ArrayList<>();
    for (JsonNode f : findings) {
      assertThat(f.get("message").asText().length())
          .as(f.get("rule").asText())
          .isLessThanOrEqualTo(FindingMessages.MAX_CHARS);
      if (!f.get("details").isNull()) {
        cut.add(f.get("rule").asText());
        assertThat(f.get("details").asText())
            .as("the whole message, every column named")
            .contains("col_0000")
            .contains("col_1000")
            .contains("col_1999")
            .hasSizeGreaterThan(30_000);
      }
    }
    assertThat(cut)
        .as("TY102 names every narrow column (47 KB before the cap)")
        .containsExactly("TY102");
    for (String format : new String[] {"text", "markdown"}) {
      Cli.Run run = Cli.run("lint", "--format", format, sql.toString());
      // (The fix, the CREATE TABLE rewritten with bigint, is 2,000 short lines: it is the
      // statement, not a message.)
      assertThat(run.out().lines().mapToInt(String::length).max().orElse(0))
          .as(format + " shows the capped message, not the 54 KB of names")
          .isLessThan(1_200);
    }
  }
}
