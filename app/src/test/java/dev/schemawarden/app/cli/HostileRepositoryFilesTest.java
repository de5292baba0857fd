package dev.schemawarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemawarden.app.Main;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.GitFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request is hostile input: files of the checkout that are links out of the repository, into /proc or onto a
 * FIFO are never read, and the runner's secrets reach no output. The production wiring, on real git repositories;
 * the secret test runs {@code warden} in a child JVM whose environment holds a token.
 */
class HostileRepositoryFilesTest {
  private static final String TOKEN = "ghp_HostileTest0123456789abcdefABCDEF";

  @TempDir Path tmp;
  Path outside;

  @BeforeEach
  void secretOutsideTheRepository() throws IOException {
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("token.sql"), "select '" + TOKEN + "';\n");
    Files.writeString(outside.resolve("policy.yml"), "rules: []\n# " + TOKEN + "\n");
  }

  private GitFixture shop() {
    return new GitFixture(tmp.resolve("shop"))
        .write(
            "db/migration/V1__customers.sql", "create table customers (id bigint primary key);\n")
        .commit("base")
        .branch("feature");
  }

  private static GitFixture link(GitFixture g, String path, Path target) {
    try {
      Path p = g.dir().resolve(path);
      Files.createDirectories(p.getParent());
      Files.createSymbolicLink(p, target);
      return g;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Cli.Run warden(String... args) {
    return Cli.run(args);
  }

  private record Child(int exitCode, String out, String err) {}

  /**
   * Runs each command line given (separated by {@code --next}) with {@link Main#run}, in this JVM, writing
   * {@code <n>.out}, {@code <n>.err} and {@code <n>.exit} into the directory named first: one JVM start for many runs.
   */
  public static final class ChildMain {
    public static void main(String[] args) throws IOException {
      Path into = Path.of(args[0]);
      List<List<String>> runs = new ArrayList<>(List.of(new ArrayList<>()));
      for (int i = 1; i < args.length; i++) {
        if (args[i].equals("--next")) {
          runs.add(new ArrayList<>());
        } else {
          runs.get(runs.size() - 1).add(args[i]);
        }
      }
      for (int n = 0; n < runs.size(); n++) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code;
        try (java.io.PrintStream o = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
            java.io.PrintStream e = new java.io.PrintStream(err, true, StandardCharsets.UTF_8)) {
          code = Main.run(runs.get(n).toArray(String[]::new), o, e, false);
        }
        Files.write(into.resolve(n + ".out"), out.toByteArray());
        Files.write(into.resolve(n + ".err"), err.toByteArray());
        Files.writeString(into.resolve(n + ".exit"), Integer.toString(code));
      }
      System.exit(0);
    }
  }

  /** The command lines in a new JVM, in {@code dir}, with {@code GITHUB_TOKEN} (and one more) set to the token. */
  private static List<Child> child(Path dir, List<List<String>> runs) throws Exception {
    Path into = Files.createTempDirectory("warden-child");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ChildMain.class.getName(),
                into.toString()));
    for (List<String> run : runs) {
      if (run != runs.get(0)) {
        cmd.add("--next");
      }
      cmd.addAll(run);
    }
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(into.resolve("jvm.log").toFile());
    pb.environment().put("GITHUB_TOKEN", TOKEN);
    pb.environment().put("WARDEN_DB_PASSWORD", TOKEN);
    Process p = pb.start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not end");
    }
    String log = Files.readString(into.resolve("jvm.log"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("child JVM: %s", log).isZero();
    assertThat(log).as("nothing the child logged names the secret").doesNotContain(TOKEN);
    List<Child> out = new ArrayList<>();
    for (int n = 0; n < runs.size(); n++) {
      out.add(
          new Child(
              Integer.parseInt(Files.readString(into.resolve(n + ".exit")).strip()),
              Files.readString(into.resolve(n + ".out"), StandardCharsets.UTF_8),
              Files.readString(into.resolve(n + ".err"), StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Nested
  class secrets {
    @Test
    @Timeout(300)
    void a_token_in_the_environment_reaches_no_output_of_any_format() throws Exception {
      GitFixture g = shop();
      link(g, "db/migration/V2__env.sql", Path.of("/proc/self/environ"));
      link(g, "db/migration/V3__token.sql", outside.resolve("token.sql"));
      g.write("db/migration/V4__orders.sql", "create table orders (id bigint primary key);\n")
          .commit("hostile");
      List<String> formats = List.of("text", "json", "markdown", "sarif", "codequality", "github");
      List<List<String>> runs = new ArrayList<>();
      formats.forEach(
          f ->
              runs.add(
                  List.of("review", "--repo", ".", "--base", "main", "--no-trace", "--format", f)));
      runs.add(
          List.of(
              "lint",
              "--format",
              "json",
              "db/migration/V2__env.sql",
              "db/migration/V3__token.sql"));

      List<Child> results = child(g.dir(), runs);

      for (int i = 0; i < runs.size(); i++) {
        Child run = results.get(i);
        String what = String.join(" ", runs.get(i));
        assertThat(run.out() + run.err())
            .as("%s: no secret in any output", what)
            .doesNotContain(TOKEN)
            .doesNotContain("GITHUB_TOKEN");
        assertThat(run.exitCode()).as("%s: WD003 blocks; %s", what, run).isEqualTo(1);
        assertThat(run.out())
            .as(what)
            .contains("WD003")
            .contains("V2__env.sql")
            .contains("V3__token.sql");
      }
    }
  }

  @Nested
  class migrations {
    @Test
    void a_link_inside_the_repository_is_reviewed_like_the_file_it_names() {
      GitFixture g =
          shop().write("shared/idx.sql", "create index customers_id on customers (id);\n");
      link(g, "db/migration/V2__idx.sql", Path.of("../../shared/idx.sql")).commit("linked index");

      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main", "--no-trace");

      assertThat(run.out())
          .as(run.toString())
          .contains("db/migration/V2__idx.sql:1:1: error LK101")
          .doesNotContain("WD003");
      assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void a_link_out_of_the_repository_is_WD003_naming_the_link_and_its_target_kind() {
      GitFixture g = shop();
      link(g, "db/migration/V2__x.sql", outside.resolve("token.sql")).commit("link out");

      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main", "--no-trace");

      assertThat(run.out())
          .as(run.toString())
          .contains(
              "db/migration/V2__x.sql:1:1: error WD003 (file-not-read) "
                  + "db/migration/V2__x.sql is a symbolic link to a file outside the repository: not read")
          .doesNotContain(TOKEN);
      assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void a_head_ref_checked_out_to_a_temporary_tree_keeps_links_out_refused() {
      GitFixture g = shop();
      link(g, "db/migration/V2__x.sql", outside.resolve("token.sql"))
          .commit("link out")
          .checkout("main");

      Cli.Run run =
          warden(
              "review",
              "--repo",
              g.dir().toString(),
              "--base",
              "main",
              "--head",
              "feature",
              "--no-trace",
              "--format",
              "json");

      assertThat(run.out())
          .as(run.toString())
          .contains("WD003")
          .contains("outside the repository")
          .doesNotContain(TOKEN);
      assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void a_fifo_in_the_migration_directory_of_either_side_does_not_hang_the_review_and_is_WD003()
        throws Exception {
      Path head = Files.createDirectories(tmp.resolve("head/db/migration"));
      Path base = Files.createDirectories(tmp.resolve("base/db/migration"));
      for (Path side : List.of(head, base)) {
        Files.writeString(
            side.resolve("V1__customers.sql"), "create table customers (id bigint primary key);\n");
        Process p = new ProcessBuilder("mkfifo", side.resolve("V2__pipe.sql").toString()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo").isTrue();
      }

      Cli.Run run =
          warden(
              "review",
              "--repo",
              tmp.resolve("head").toString(),
              "--base-dir",
              tmp.resolve("base").toString(),
              "--no-trace");

      assertThat(run.out())
          .as(run.toString())
          .contains(
              "db/migration/V2__pipe.sql:1:1: error WD003 (file-not-read) "
                  + "db/migration/V2__pipe.sql is a FIFO (named pipe), not a regular file: not read");
      assertThat(run.exitCode()).isEqualTo(1);
    }
  }

  @Nested
  class configuration {
    private GitFixture repoWith(String config) {
      return shop()
          .write(".schemawarden.yml", config)
          .write("db/migration/V2__orders.sql", "create table orders (id bigint primary key);\n");
    }

    private void assertOneLineExit2(Cli.Run run, String expected) {
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err().strip())
          .as("one line naming the file and the fix, never the target's text")
          .isEqualTo(
              "warden: error: "
                  + expected
                  + "; replace it with the file itself, inside the repository"
                  + " (Schema Warden reads only regular files of the checkout)");
      assertThat(run.out() + run.err()).doesNotContain(TOKEN);
    }

    @Test
    void a_config_file_linked_out_of_the_repository_is_exit_2_in_one_line() throws IOException {
      GitFixture g = shop();
      Files.writeString(outside.resolve("warden.yml"), "engine: postgres\n# " + TOKEN + "\n");
      link(g, ".schemawarden.yml", outside.resolve("warden.yml"));
      g.write("db/migration/V2__orders.sql", "create table orders (id bigint primary key);\n")
          .commit("config");

      assertOneLineExit2(
          warden("review", "--repo", g.dir().toString(), "--base", "main", "--no-trace"),
          ".schemawarden.yml is a symbolic link to a file outside the repository: not read");
    }

    @Test
    void a_policy_linked_out_of_the_repository_is_exit_2_in_one_line() {
      GitFixture g = repoWith("policy: policy.yml\n");
      link(g, "policy.yml", outside.resolve("policy.yml")).commit("policy");

      assertOneLineExit2(
          warden("review", "--repo", g.dir().toString(), "--base", "main", "--no-trace"),
          "policy.yml is a symbolic link to a file outside the repository: not read");
    }

    @Test
    void a_context_file_linked_to_proc_is_exit_2_in_one_line() {
      GitFixture g = repoWith("context: context.yml\n");
      link(g, "context.yml", Path.of("/proc/self/environ")).commit("context");

      assertOneLineExit2(
          warden("review", "--repo", g.dir().toString(), "--base", "main", "--no-trace"),
          "context.yml is a symbolic link to a system file (/proc): not read");
    }

    @Test
    void a_codeowners_file_linked_out_of_the_repository_is_exit_2_in_one_line() {
      GitFixture g = repoWith("migrations:\n  tool: flyway\n");
      link(g, ".github/CODEOWNERS", outside.resolve("policy.yml")).commit("owners");

      assertOneLineExit2(
          warden("review", "--repo", g.dir().toString(), "--base", "main", "--no-trace"),
          ".github/CODEOWNERS is a symbolic link to a file outside the repository: not read");
    }

    @Test
    void a_nested_policy_file_climbing_out_with_dotdot_is_exit_2_in_one_line() throws IOException {
      GitFixture g =
          repoWith("policy: policies/main.yml\n")
              .write("policies/main.yml", "policy: ../../outside/policy.yml\n")
              .commit("nested");

      Cli.Run run = warden("review", "--repo", g.dir().toString(), "--base", "main", "--no-trace");

      assertOneLineExit2(
          run, "policies/../../outside/policy.yml is a file outside the repository: not read");
    }
  }
}
