package dev.schemawarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.testing.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code -h}/{@code --help} works on every command and subcommand: usage on stdout, exit 0, nothing run. */
class HelpEveryCommandTest {

  /** Every command path under {@code warden}, read from the command tree itself, so a new command is covered. */
  static Stream<String> commands() {
    List<String> paths = new ArrayList<>();
    collect(Main.commandLine(new Main(null)), "", paths); // the tree only: no command runs
    return paths.stream();
  }

  private static void collect(CommandLine cli, String prefix, List<String> out) {
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandSpec().aliases().length > 0 && !sub.getCommandName().equals(name)) {
                return; // an alias: its command is covered under its own name
              }
              String path = (prefix + " " + name).strip();
              out.add(path);
              collect(sub, path, out);
            });
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_prints_the_usage_and_exits_0(String command) {
    for (String flag : List.of("--help", "-h")) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add(flag);

      Cli.Run run = Cli.run(args.toArray(String[]::new));

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).as("usage of %s", command).contains("Usage: warden " + command);
      assertThat(run.err())
          .as("no error for %s %s", command, flag)
          .doesNotContain("Unknown option");
    }
  }
}
