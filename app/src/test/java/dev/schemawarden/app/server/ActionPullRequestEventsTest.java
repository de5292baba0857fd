package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.testing.ActionRunner;
import dev.schemawarden.app.testing.GitFixture;
import dev.schemawarden.app.testing.ReleaseServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Action on the events besides {@code pull_request}, in the runner simulation: {@code pull_request_target}
 * (the workspace is the trusted base; the head is reviewed explicitly, with the base's settings),
 * {@code pull_request_review} (no {@code GITHUB_BASE_REF}; approvals read from the API), and a long history
 * behind a {@code fetch-depth: 1} clone.
 */
class ActionPullRequestEventsTest {
  static final String REPO = GithubWebhookEndToEndTest.REPO;
  static final String BASE = GithubWebhookEndToEndTest.BASE;
  static final String HEAD = GithubWebhookEndToEndTest.HEAD;

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
    String v6 = repoFile("policy/V6__drop_legacy.sql");
    github.file(
        "db/migration/V6__drop_legacy.sql",
        "added",
        GithubWebhookEndToEndTest.addedPatch(v6),
        v6,
        null);
    github.commit("Codertocat", "committer-carl");
  }

  @AfterEach
  void stop() {
    github.close();
  }

  ActionSimulation job(String event, String fixture, String headSha) throws Exception {
    ActionSimulation s =
        new ActionSimulation(tmp.resolve("job"), tmp.resolve("tool-cache")).on(github, event);
    return ActionSimulation.releaseFrom(s, release).payload(fixture, 2, github.gitBase(), headSha);
  }

  String remote() {
    return github.gitUrl() + "/" + REPO + ".git";
  }

  @Test
  void pull_request_target_reviews_the_heads_sha_with_the_base_settings_never_the_base()
      throws Exception {
    // The base blocks DROP TABLE (DS101 at error); the pull request turns it off in its own
    // configuration.
    github.content(BASE, ".schemawarden.yml", ActionRunnerSimulationTest.CONFIG);
    github.content(
        HEAD, ".schemawarden.yml", ActionRunnerSimulationTest.CONFIG + "rules:\n  DS101: off\n");
    ActionSimulation job =
        job("pull_request_target", "pull_request.opened.json", github.gitHead())
            .checkout(remote(), "refs/heads/main");
    job.with.put("config", ".schemawarden.yml");

    ActionRunner.Result r = job.run();

    assertThat(r.exitCode()).as("the head's DROP TABLE blocks: %s", r.log()).isEqualTo(1);
    assertThat(r.outputs())
        .as("never the base's neutral pass")
        .containsEntry("decision", "blocked");
    JsonNode check = github.checkRuns.values().iterator().next();
    assertThat(check.path("head_sha").asText()).isEqualTo(github.gitHead());
    assertThat(check.path("all_annotations").toString())
        .as("the head's configuration did not turn DS101 off")
        .contains("DS101");
  }

  @Test
  void pull_request_target_refuses_when_the_events_head_cannot_be_fetched() throws Exception {
    github.content(BASE, ".schemawarden.yml", ActionRunnerSimulationTest.CONFIG);
    ActionSimulation job =
        job(
                "pull_request_target",
                "pull_request.opened.json",
                "0123456789abcdef0123456789abcdef01234567")
            .checkout(remote(), "refs/heads/main");

    ActionRunner.Result r = job.run();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.log()).contains("refusing to review: the pull request's head 0123456789abcdef");
    assertThat(github.writes()).as("no check, no comment: nothing claims a pass").isEmpty();
  }

  @Test
  void pull_request_review_finds_the_base_in_the_event_and_an_approval_on_the_head_allows()
      throws Exception {
    github.content(BASE, ".schemawarden.yml", ActionRunnerSimulationTest.POLICY_CONFIG);
    github.content(HEAD, ".schemawarden.yml", ActionRunnerSimulationTest.POLICY_CONFIG);
    ActionSimulation job =
        job("pull_request_review", "pull_request_review.approved.json", github.gitHead())
            .checkout(remote(), "refs/pull/2/head");
    assertThat(job.env)
        .as("GitHub sets no GITHUB_BASE_REF on pull_request_review")
        .doesNotContainKey("GITHUB_BASE_REF");

    ActionRunner.Result before = job.run();
    assertThat(before.outputs())
        .as("DROP TABLE needs a human approval: %s", before.log())
        .containsEntry("decision", "needs_approval");
    assertThat(before.exitCode()).isEqualTo(1);

    github.review("Codertocat", "APPROVED", HEAD);
    github.review("octocat-reviewer", "APPROVED", HEAD);
    ActionRunner.Result after = job.run();

    assertThat(after.outputs())
        .as("approved on the head by someone who is not the author: %s", after.log())
        .containsEntry("decision", "allow");
    assertThat(after.exitCode()).isZero();
    assertThat(github.calls())
        .as("approvals read through the API")
        .anyMatch(c -> c.path().equals("/repos/" + REPO + "/pulls/2/reviews"));
  }

  @Test
  void a_depth_one_clone_is_deepened_until_the_merge_base_is_found() throws Exception {
    // main moves 80 commits past the branch point, the feature has 70: both beyond the first
    // fetch's 50.
    GitFixture origin = new GitFixture(tmp.resolve("origin.git"));
    origin
        .write(".schemawarden.yml", ActionRunnerSimulationTest.CONFIG)
        .write("db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n")
        .commit("init");
    origin.branch("feature");
    origin
        .write(
            "db/migration/V2__status.sql", "ALTER TABLE orders ADD COLUMN status text NOT NULL;\n")
        .commit("V2");
    commits(origin, 70, "feature");
    origin.checkout("main");
    commits(origin, 80, "main");
    String head = origin.git("rev-parse", "feature");
    ActionSimulation job =
        new ActionSimulation(tmp.resolve("job"), tmp.resolve("tool-cache")).event("pull_request");
    ActionSimulation.releaseFrom(job, release);
    job.payload("pull_request.opened.json", 7, origin.git("rev-parse", "main"), head)
        .checkout("file://" + origin.dir(), "refs/heads/feature");
    job.with.put("github-token", "");

    ActionRunner.Result r = job.run();

    assertThat(r.log()).as(r.log()).contains("deepened the shallow clone by 150 commits");
    assertThat(r.summary())
        .as("the change reviewed against its merge base: V2 only")
        .contains("V2__status.sql")
        .doesNotContain("V1__init.sql");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  /** {@code n} empty commits on {@code branch}, in one git process. */
  static void commits(GitFixture repo, int n, String branch) {
    String tip = repo.git("rev-parse", branch);
    String tree = repo.git("rev-parse", branch + "^{tree}");
    for (int i = 0; i < n; i++) {
      tip = repo.git("commit-tree", tree, "-p", tip, "-m", branch + " " + i);
    }
    repo.git("update-ref", "refs/heads/" + branch, tip);
    repo.git("reset", "-q", "--hard", branch);
  }
}
