package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.Main;
import dev.schemawarden.app.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure of {@code warden} is exactly one stderr line {@code warden: error: ...}, with the stack trace only
 * under {@code --verbose}; and a file of a temporary checkout is named as it is in the repository. Each case runs
 * {@code warden} in a child JVM, so stderr is all of it: our message and every log line.
 */
class OneLineErrorsTest {
  @TempDir Path tmp;

  record Run(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private static Run warden(Path dir, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("warden-out", ".txt");
    Path err = Files.createTempFile("warden-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("warden " + String.join(" ", args) + " did not end");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static void assertOneLine(Run run, String startsWith) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.errLines()).as("exactly one stderr line, no stack trace: " + run).hasSize(1);
    assertThat(run.err()).startsWith("warden: error: " + startsWith).doesNotContain("\tat ");
  }

  private GitFixture shop() {
    return new GitFixture(tmp.resolve("shop"))
        .write(
            "db/migration/V1__customers.sql", "create table customers (id bigint primary key);\n")
        .commit("base")
        .branch("feature")
        .write("db/migration/V2__orders.sql", "create table orders (id bigint);\n")
        .commit("add orders")
        .checkout("main");
  }

  @Test
  void bad_config_yaml() throws Exception {
    Files.writeString(tmp.resolve(".schemawarden.yml"), "engine: [postgres\n");
    Files.writeString(tmp.resolve("a.sql"), "select 1;\n");

    assertOneLine(warden(tmp, "lint", "a.sql"), ".schemawarden.yml:");
  }

  @Test
  void a_missing_base_ref() throws Exception {
    GitFixture g = shop();

    assertOneLine(
        warden(g.dir(), "review", "--base", "no-such-ref", "--no-trace"), "--base no-such-ref: ");
  }

  @Test
  void an_unreadable_snapshot() throws Exception {
    GitFixture g = shop();
    Files.createDirectories(tmp.resolve("snapshot.json"));

    assertOneLine(
        warden(
            g.dir(),
            "review",
            "--base",
            "main",
            "--head",
            "feature",
            "--no-trace",
            "--snapshot",
            tmp.resolve("snapshot.json").toString()),
        "");
  }

  @Test
  void an_unknown_option_names_the_help_on_the_same_line() throws Exception {
    Run run = warden(tmp, "lint", "--bogus", "a.sql");

    assertOneLine(run, "Unknown option: '--bogus'");
    assertThat(run.err()).contains("(run 'warden lint --help' for usage)");
  }

  @Test
  void verbose_adds_the_stack_trace_after_the_same_line() throws Exception {
    Files.writeString(tmp.resolve(".schemawarden.yml"), "engine: [postgres\n");
    Files.writeString(tmp.resolve("a.sql"), "select 1;\n");

    Run run = warden(tmp, "lint", "--verbose", "a.sql");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .as(run.toString())
        .contains("warden: error: .schemawarden.yml:")
        .contains("\tat dev.schemawarden.");
  }

  @Test
  void a_broken_policy_of_a_temporary_checkout_is_named_as_in_the_repository() throws Exception {
    GitFixture g =
        new GitFixture(tmp.resolve("repo"))
            .write(".schemawarden.yml", "migrations:\n  tool: flyway\npolicy: .warden/policy.yml\n")
            .write(".warden/policy.yml", "version: 1\nrules: []\n")
            .write(
                "db/migration/V1__customers.sql",
                "create table customers (id bigint primary key);\n")
            .commit("base")
            .branch("feature")
            .write(
                ".warden/policy.yml",
                "version: 1\nrules:\n  - id: x\n    action:\n      deny: [1\n")
            .write("db/migration/V2__orders.sql", "create table orders (id bigint);\n")
            .commit("break the policy")
            .checkout("main");

    Run run = warden(g.dir(), "review", "--base", "main", "--head", "feature", "--no-trace");

    assertOneLine(run, "1 problem(s): .warden/policy.yml:5: ");
    assertThat(run.err())
        .as("the head was checked out into a temporary directory, which the user never named")
        .doesNotContain("warden-")
        .doesNotContain(System.getProperty("java.io.tmpdir") + "/");
  }

  @Test
  void a_report_to_a_missing_directory_creates_nothing() throws Exception {
    Files.writeString(tmp.resolve("a.sql"), "select 1;\n");

    Run run = warden(tmp, "lint", "a.sql", "--output", "nonexistent/dir/x");

    assertOneLine(
        run,
        "--output nonexistent/dir/x: directory nonexistent/dir does not exist: create it first");
    assertThat(tmp.resolve("nonexistent")).doesNotExist();
  }
}
