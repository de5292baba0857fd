package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
  @TempDir Path tmp;

  @Test
  void bash_completion_knows_every_command_and_is_valid_bash() throws Exception {
    Cli.Run run = Cli.run("completion", "bash");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("complete -F")
        .contains("review")
        .contains("jobs")
        .contains("--snapshot");
    Path script = tmp.resolve("warden.bash");
    Files.writeString(script, run.out());
    Process bash =
        new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void zsh_gets_the_same_script_behind_bashcompinit_and_an_unknown_shell_is_a_usage_error() {
    assertThat(Cli.run("completion", "zsh").out())
        .startsWith("autoload -U +X compinit")
        .contains("complete -F");

    Cli.Run fish = Cli.run("completion", "fish");
    assertThat(fish.exitCode()).isEqualTo(2);
    assertThat(fish.err().strip().lines()).hasSize(1);
  }
}
