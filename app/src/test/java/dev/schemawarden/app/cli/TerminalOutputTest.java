package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.Main;
import dev.schemawarden.app.review.Components;
import dev.schemawarden.app.review.ReplicaHolder;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour only on a terminal and never with {@code NO_COLOR}; progress on stderr only for steps longer than a second
 * and only when stderr is a terminal. The terminal is given to the command as {@link Terminal}, as
 * {@code Main.main} detects it.
 */
class TerminalOutputTest {
  private static final String ESC = "\u001b[";

  @TempDir Path tmp;

  private static Cli.Run run(Terminal terminal, long lintMillis, String... args) {
    return Cli.run(
        (out, err) -> {
          Components real = Main.defaultComponents();
          Components slow =
              new Components(
                  real.engines(),
                  real.sources(),
                  (migrations, options) -> {
                    sleep(lintMillis);
                    return real.linter().lint(migrations, options);
                  },
                  real.catalog());
          ReviewService service = dev.schemawarden.app.testing.Reviews.staticOnly(slow);
          return new CliContext(
              out,
              err,
              service,
              Main.renderers(service),
              terminal,
              ReplicaHolder.embedded(ReplicaSettings.defaults()));
        },
        args);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Nested
  class colour {
    @Test
    void NO_COLOR_set_and_not_empty_disables_colour_whatever_its_value() {
      assertThat(Terminal.noColor(Map.of("NO_COLOR", "1"))).isTrue();
      assertThat(Terminal.noColor(Map.of("NO_COLOR", "false"))).as("any value counts").isTrue();
      assertThat(Terminal.noColor(Map.of("NO_COLOR", "")))
          .as("empty is unset (no-color.org)")
          .isFalse();
      assertThat(Terminal.noColor(Map.of())).isFalse();
      assertThat(new Terminal(true, true, true).colour()).isFalse();
    }

    @Test
    void help_is_coloured_on_a_terminal() {
      Cli.Run run = run(new Terminal(true, true, false), 0, "lint", "--help");

      assertThat(run.out()).as("picocli's colour scheme on a terminal").contains(ESC);
    }

    @Test
    void help_has_no_colour_with_NO_COLOR_even_on_a_terminal() {
      Cli.Run run = run(new Terminal(true, true, true), 0, "lint", "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: warden lint").doesNotContain(ESC);
    }

    @Test
    void help_has_no_colour_when_stdout_is_not_a_terminal() {
      Cli.Run run = run(new Terminal(false, true, false), 0, "lint", "--help");

      assertThat(run.out()).contains("Usage: warden lint").doesNotContain(ESC);
    }
  }

  @Nested
  class a_real_process {
    /** warden in a child JVM whose streams are a pseudo-terminal (util-linux script), with {@code env} added. */
    private String underTerminal(Map<String, String> env, String... args) throws Exception {
      Assumptions.assumeTrue(
          Files.isExecutable(Path.of("/usr/bin/script")),
          "util-linux script(1) gives the child a pseudo-terminal; it is not installed here");
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
              "/usr/bin/script",
              "-qec",
              javaBin + " dev.schemawarden.app.Main " + String.join(" ", args),
              "/dev/null");
      pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
      pb.environment().remove("NO_COLOR");
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      pb.redirectInput(ProcessBuilder.Redirect.PIPE);
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return out;
    }

    @Test
    void on_a_terminal_help_is_coloured_unless_NO_COLOR_is_set_and_not_empty() throws Exception {
      String plain = underTerminal(Map.of(), "lint", "--help");
      String noColor = underTerminal(Map.of("NO_COLOR", "1"), "lint", "--help");
      String emptyNoColor = underTerminal(Map.of("NO_COLOR", ""), "lint", "--help");

      assertThat(plain)
          .as("Main.main detects the terminal: %s", plain)
          .contains("Usage:")
          .contains(ESC);
      assertThat(noColor).contains("Usage:").doesNotContain(ESC);
      assertThat(emptyNoColor).as("an empty NO_COLOR is unset").contains(ESC);
    }

    @Test
    void this_test_process_writes_to_pipes_so_it_is_no_terminal() {
      Terminal here = Terminal.detect(Map.of());

      assertThat(here.stderrIsTerminal()).as("surefire pipes the test JVM's streams").isFalse();
      assertThat(here.colour()).isFalse();
    }
  }

  @Nested
  class progress {
    @Test
    void a_step_longer_than_a_second_is_announced_on_stderr_when_it_is_a_terminal()
        throws IOException {
      Path sql = Files.writeString(tmp.resolve("a.sql"), "select 1;\n");

      Cli.Run run = run(new Terminal(false, true, false), 1600, "lint", sql.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.err())
          .as("the slow lint step only")
          .contains("warden: Checking 1 file(s)")
          .doesNotContain("Reading configuration");
      assertThat(run.out()).as("stdout holds the report only").doesNotContain("warden: Checking");
    }

    @Test
    void steps_shorter_than_a_second_print_nothing_even_on_a_terminal() throws IOException {
      Path sql = Files.writeString(tmp.resolve("a.sql"), "select 1;\n");
      run(
          Terminal.NONE,
          0,
          "lint",
          sql.toString()); // loads the parser's classes, which a cold JVM may take a second for

      Cli.Run run = run(new Terminal(true, true, false), 0, "lint", sql.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.err()).isEmpty();
    }

    @Test
    void a_slow_step_prints_nothing_when_stderr_is_not_a_terminal() throws IOException {
      Path sql = Files.writeString(tmp.resolve("a.sql"), "select 1;\n");

      Cli.Run run = run(new Terminal(true, false, false), 1600, "lint", sql.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.err()).as("pipes, logs and CI get no progress").isEmpty();
    }
  }
}
