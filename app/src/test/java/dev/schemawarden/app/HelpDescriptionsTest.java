package dev.schemawarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every description in the command tree (commands, options, parameters) is made of whole sentences: picocli prints
 * each element of a description on a line of its own and wraps it to the terminal, so an element cut mid-sentence
 * ("the fast path for editors and") is a hard line break in the middle of a thought.
 */
class HelpDescriptionsTest {

  /** "warden lint: --engine-version: the server ..." for every description element that is not a sentence. */
  static List<String> problems(CommandLine cli) {
    List<String> out = new ArrayList<>();
    collect(cli, out);
    return out;
  }

  private static void collect(CommandLine cli, List<String> out) {
    CommandSpec spec = cli.getCommandSpec();
    String where = spec.qualifiedName();
    check(where, spec.usageMessage().description(), out);
    for (ArgSpec arg : spec.args()) {
      if (arg.hidden()) {
        continue;
      }
      String name =
          arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
      check(where + ": " + name, arg.description(), out);
    }
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandName().equals(name)) {
                collect(sub, out);
              }
            });
  }

  private static void check(String where, String[] description, List<String> out) {
    if (description.length == 0) {
      out.add(where + ": no description");
    }
    for (String element : description) {
      // A %n at either end is picocli's own paragraph spacing (its help command has it), not a
      // break in a sentence.
      String s = element.replaceAll("^(%n)+|(%n)+$", "").strip();
      if (s.isEmpty()) {
        out.add(where + ": an empty line");
      } else if (s.contains("\n") || s.contains("%n")) {
        out.add(where + ": a hard line break inside \"" + s + "\"");
      } else if (!s.endsWith(".")) {
        out.add(where + ": \"" + s + "\" does not end a sentence");
      } else if (Character.isLowerCase(s.codePointAt(0))) {
        out.add(where + ": \"" + s + "\" does not start a sentence");
      }
    }
  }

  @Test
  void every_description_in_the_command_tree_is_whole_sentences() {
    List<String> problems = problems(Main.commandLine(new Main(null)));

    assertThat(problems)
        .as("each description element is one or more whole sentences, wrapped by picocli")
        .isEmpty();
  }

  @Test
  void the_check_catches_a_description_cut_mid_sentence() {
    @CommandLine.Command(
        name = "cut",
        description = {"Check files: the fast path for editors and", "hooks."})
    class Cut implements Runnable {
      @CommandLine.Option(names = "--x", description = "an option")
      boolean x;

      @Override
      public void run() {}
    }

    assertThat(problems(new CommandLine(new Cut())))
        .as("both halves of the cut sentence and the fragment are named")
        .containsExactly(
            "cut: \"Check files: the fast path for editors and\" does not end a sentence",
            "cut: \"hooks.\" does not start a sentence",
            "cut: --x: \"an option\" does not end a sentence");
  }
}
