package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import dev.schemawarden.app.testing.ActionRunner;
import dev.schemawarden.app.testing.ReleaseServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action as a runner runs it: action.yml's steps as real bash processes with the runner's variables,
 * against the local GitHub API and git server ({@link FakeGitHub}) and a local release download
 * ({@link ReleaseServer}), on SQL-only repositories cloned with {@code fetch-depth: 1}. Tracing is off in these
 * scenarios (the replica is tested elsewhere) so that each run costs one JVM start.
 */
class ActionRunnerSimulationTest {
  static final String REPO = GithubWebhookEndToEndTest.REPO;
  static final String BASE = GithubWebhookEndToEndTest.BASE;
  static final String HEAD = GithubWebhookEndToEndTest.HEAD;
  static final String NO_TRACE = "replica:\n  provider: off\n";
  static final String CONFIG = repoFile("schemawarden.yml") + NO_TRACE;
  static final String POLICY_CONFIG = repoFile("policy/schemawarden.yml") + NO_TRACE;

  static ReleaseServer release;
  @TempDir Path tmp;
  FakeGitHub github;

  @BeforeAll
  static void serveRelease() {
    release = new ReleaseServer();
  }

  @AfterAll
  static void stopRelease() {
    release.close();
  }

  @BeforeEach
  void start() {
    github = new FakeGitHub(REPO, 2, BASE, HEAD);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  String remote() {
    return github.gitUrl() + "/" + REPO + ".git";
  }

  /** The README example: V4 (and V5) added to a Flyway project whose base has the configuration. */
  void readmeScenario(String config) {
    String v4 = repoFile("db/migration/V4__orders_status.sql");
    String v5 = repoFile("db/migration/V5__events.sql");
    github.file(
        "db/migration/V4__orders_status.sql",
        "added",
        GithubWebhookEndToEndTest.addedPatch(v4),
        v4,
        null);
    github.file(
        "db/migration/V5__events.sql", "added", GithubWebhookEndToEndTest.addedPatch(v5), v5, null);
    github.content(BASE, ".schemawarden.yml", config);
    github.content(HEAD, ".schemawarden.yml", config);
  }

  ActionSimulation job(String event) throws IOException {
    ActionSimulation s =
        new ActionSimulation(tmp.resolve("job"), tmp.resolve("tool-cache")).on(github, event);
    return ActionSimulation.releaseFrom(s, release);
  }

  JsonNode onlyCheckRun() {
    assertThat(github.checkRuns).as("one check run").hasSize(1);
    return github.checkRuns.values().iterator().next();
  }

  @Test
  void a_sql_only_repository_cloned_with_depth_one_is_reviewed_from_the_verified_release_jar()
      throws Exception {
    readmeScenario(CONFIG);
    ActionSimulation job =
        job("pull_request")
            .payload("pull_request.opened.json", 2, github.gitBase(), github.gitHead())
            .checkout(remote(), "refs/pull/2/head");
    job.with.put("sarif-file", "reports/warden.sarif");
    Files.createDirectories(job.workspace.resolve("reports"));

    ActionRunner.Result r = job.run();

    assertThat(job.workspace.resolve("pom.xml"))
        .as("a repository without a pom.xml")
        .doesNotExist();
    assertThat(r.exitCode()).as("blocked by the README example's errors: %s", r.log()).isEqualTo(1);
    assertThat(r.stepsRun())
        .as("Java found on the runner: setup-java skipped")
        .containsExactly("java", "install", "review");
    assertThat(r.jobEnv() + r.jobPath())
        .as("the user's later steps see the same Java and PATH")
        .isEqualTo("{}");
    assertThat(r.outputs()).containsEntry("decision", "blocked");
    assertThat(r.log())
        .contains("downloaded warden-")
        .contains("verified")
        .contains("deepened the shallow clone");
    JsonNode check = onlyCheckRun();
    assertThat(check.path("head_sha").asText()).isEqualTo(github.gitHead());
    int findings = check.path("all_annotations").size();
    assertThat(findings).as("the check run carries the findings").isPositive();
    assertThat(r.log())
        .as("one annotation per finding: no workflow annotations besides the check's")
        .doesNotContain("::error")
        .doesNotContain("::warning");
    assertThat(r.summary())
        .as("the job summary is the Markdown report")
        .contains(MarkdownReportRenderer.MARKER)
        .contains("V4__orders_status.sql");
    JsonNode sarif =
        FakeGitHub.JSON.readTree(job.workspace.resolve("reports/warden.sarif").toFile());
    assertThat(sarif.path("runs").path(0).path("results").size())
        .as("SARIF for upload-sarif")
        .isEqualTo(findings);

    int downloads = release.requests().size();
    ActionRunner.Result again = job.run();
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(release.requests())
        .as("cached by version: the second job downloads nothing")
        .hasSize(downloads);
    assertThat(again.log()).contains("from the cache");
  }

  @Test
  void inputs_holding_shell_syntax_are_data_and_run_nothing() throws Exception {
    readmeScenario(CONFIG);
    Path marker1 = tmp.resolve("pwned-backtick");
    Path marker2 = tmp.resolve("pwned-dollar");
    String hostile = "`touch " + marker1 + "`$(touch " + marker2 + ")`id`";
    new ActionRunner(ActionSimulation.ACTION)
        .action()
        .path("runs")
        .path("steps")
        .forEach(
            step ->
                assertThat(step.path("run").asText())
                    .as("no expression is pasted into a run: script")
                    .doesNotContain("${{"));

    ActionSimulation job =
        job("pull_request")
            .payload("pull_request.opened.json", 2, github.gitBase(), github.gitHead())
            .checkout(remote(), "refs/pull/2/head");
    job.with.put("snapshot", "postgres://ro@db/prod?x=" + hostile);
    job.with.put("sarif-file", "out-" + hostile.replace("/", "_") + ".sarif");
    ActionRunner.Result r = job.run();
    assertThat(r.exitCode()).as(r.log()).isEqualTo(1);
    assertThat(job.workspace.resolve("out-" + hostile.replace("/", "_") + ".sarif"))
        .as("the odd file name is a file name")
        .exists();

    job.with.put("working-directory", hostile);
    ActionRunner.Result bad = job.run();
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.log()).contains("working-directory '" + hostile + "' is not a directory");
    assertThat(marker1).as("backticks ran nothing").doesNotExist();
    assertThat(marker2).as("$(...) ran nothing").doesNotExist();
    assertThat(r.log() + bad.log()).as("`id` ran nothing").doesNotContain("uid=");
  }

  @Test
  void a_wrong_checksum_refuses_the_jar_in_one_line_and_runs_nothing() throws Exception {
    readmeScenario(CONFIG);
    try (ReleaseServer tampered = new ReleaseServer()) {
      tampered.wrongChecksum();
      ActionSimulation job =
          ActionSimulation.releaseFrom(
              new ActionSimulation(tmp.resolve("job"), tmp.resolve("cache"))
                  .on(github, "pull_request"),
              tampered);
      job.payload("pull_request.opened.json", 2, github.gitBase(), github.gitHead())
          .checkout(remote(), "refs/pull/2/head");

      ActionRunner.Result r = job.run();

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.stepsRun())
          .as("the review step never starts")
          .containsExactly("java", "install");
      assertThat(r.log().lines().filter(l -> l.startsWith("warden: refusing to run warden-")))
          .as("one clear line: %s", r.log())
          .hasSize(1);
      assertThat(github.calls()).as("nothing reached GitHub").isEmpty();
      assertThat(tmp.resolve("cache/schema-warden"))
          .as("nothing cached")
          .satisfies(
              d -> assertThat(Files.walk(d).filter(p -> p.toString().endsWith(".jar"))).isEmpty());
    }
  }

  @Test
  void an_unreleased_action_ref_builds_from_source_and_says_so() throws Exception {
    // A copy of the action whose pom.xml says -SNAPSHOT, with a stand-in ./warden (the real one
    // runs Maven).
    Path checkout = tmp.resolve("action-checkout");
    Files.createDirectories(checkout.resolve("action"));
    try (var files = Files.list(ActionSimulation.ACTION)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(
            f,
            checkout.resolve("action").resolve(f.getFileName()),
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Files.writeString(
        checkout.resolve("pom.xml"),
        "<project>\n  <version>9.9.0-SNAPSHOT</version>\n</project>\n");
    Path calls = tmp.resolve("warden-calls");
    Files.writeString(
        checkout.resolve("warden"), "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\n");
    checkout.resolve("warden").toFile().setExecutable(true);
    readmeScenario(CONFIG);
    ActionSimulation job =
        new ActionSimulation(tmp.resolve("job"), tmp.resolve("cache"))
            .on(github, "pull_request")
            .payload("pull_request.opened.json", 2, github.gitBase(), github.gitHead())
            .checkout(remote(), "refs/pull/2/head");
    int before = release.requests().size();

    ActionRunner.Result r =
        new ActionRunner(checkout.resolve("action"))
            .run(
                job.with,
                job.github,
                job.env,
                job.workspace,
                Files.createDirectories(tmp.resolve("temp")));

    assertThat(r.log())
        .as(r.log())
        .contains(
            "this action ref is unreleased (9.9.0-SNAPSHOT): building Schema"
                + " Warden from source");
    assertThat(Files.readAllLines(calls))
        .as("built, then the review ran through ./warden")
        .first()
        .isEqualTo("version");
    assertThat(Files.readString(calls)).contains("review --repo . --base origin/main --head HEAD");
    assertThat(release.requests()).as("no download").hasSize(before);
  }
}
