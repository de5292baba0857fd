package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code warden rules show ID} prints the rule's page from the classpath (the jar), never from a path typed. */
class RulesShowTest {

  @Test
  void prints_the_rule_page_packaged_in_the_jar() throws IOException {
    Cli.Run run = Cli.run("rules", "show", "LK101");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .as("the page as docs/rules/LK101.md has it")
        .isEqualTo(Files.readString(Path.of("../docs/rules/LK101.md")));
    assertThat(RulesShowTest.class.getClassLoader().getResource("docs/rules/LK101.md"))
        .as("packaged as a resource by app/pom.xml, so it works without the repository")
        .isNotNull();
  }

  @Test
  void every_rule_in_the_catalog_has_its_page_in_the_jar() {
    assertThat(dev.schemawarden.app.testing.Reviews.service().catalog())
        .as("warden rules show works for every rule warden rules lists")
        .allSatisfy(r -> assertThat(RulesCommand.Show.doc(r)).as(r.id()).isPresent());
  }

  @Test
  void a_slug_or_a_lower_case_id_finds_the_same_page() {
    Cli.Run bySlug = Cli.run("rules", "show", "require-concurrent-index-creation");
    Cli.Run lower = Cli.run("rules", "show", "lk101");

    assertThat(bySlug.out()).as(bySlug.toString()).startsWith("---\nid: LK101\n");
    assertThat(lower.out()).as(lower.toString()).startsWith("---\nid: LK101\n");
  }

  @Test
  void an_unknown_id_is_one_line_with_exit_2_naming_close_ids() {
    Cli.Run run = Cli.run("rules", "show", "LK10");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip())
        .as("one line")
        .doesNotContain("\n")
        .startsWith("warden: error: no rule 'LK10'; close ids: LK10")
        .contains(", LK10")
        .endsWith("(`warden rules` lists them all)");
  }

  @Test
  void a_word_of_a_slug_names_the_rules_whose_slugs_hold_it() {
    Cli.Run run = Cli.run("rules", "show", "concurrent-index");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("close ids: LK101 (require-concurrent-index-creation)");
  }

  @Test
  void a_path_is_not_a_rule_id_and_nothing_outside_the_catalog_is_read() {
    Cli.Run run = Cli.run("rules", "show", "../../../../etc/passwd");
    Cli.Run escape = Cli.run("rules", "show", "LK1\u001b[31m01");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("root:");
    assertThat(escape.exitCode()).isEqualTo(2);
    assertThat(escape.err())
        .as("a terminal escape typed in the id is not echoed")
        .doesNotContain("\u001b");
  }
}
