package dev.schemawarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every command of the {@code warden} tree, read from picocli itself (as {@link HelpEveryCommandTest} does), is named
 * as {@code warden <path>} in the module README and in the command reference, so a new command cannot ship
 * undocumented.
 */
class CommandsAreDocumentedTest {
  private static final List<Path> PAGES = List.of(Path.of("README.md"), Path.of("../docs/cli.md"));

  @Test
  void every_command_is_named_in_the_app_readme_and_the_command_reference() throws IOException {
    List<String> commands = HelpEveryCommandTest.commands().toList();
    assertThat(commands)
        .as("the tree is read, with its nested commands")
        .contains("review", "jobs retry");

    for (Path page : PAGES) {
      String text = Files.readString(page, StandardCharsets.UTF_8);
      List<String> missing = commands.stream().filter(c -> !mentions(text, c)).toList();
      assertThat(missing)
          .as("commands that %s does not name as `warden <command>`", page)
          .isEmpty();
    }
  }

  @Test
  void a_command_is_not_mentioned_by_a_longer_name_that_starts_with_it() {
    assertThat(mentions("run `warden rules` to list them", "rule"))
        .as("`warden rules` is not `warden rule`")
        .isFalse();
    assertThat(mentions("`warden jobs-retry`", "jobs"))
        .as("a hyphenated word is another name")
        .isFalse();
    assertThat(mentions("| `warden jobs retry ID` |", "jobs retry"))
        .as("arguments may follow")
        .isTrue();
    assertThat(mentions("see warden review.", "review")).as("punctuation may follow").isTrue();
  }

  /** {@code warden <command>} followed by anything but a letter, digit or hyphen (or the end of the text). */
  static boolean mentions(String text, String command) {
    return Pattern.compile("warden " + Pattern.quote(command) + "(?![\\w-])").matcher(text).find();
  }
}
