package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static dev.schemawarden.app.server.ServiceHarness.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy in {@code warden serve}, over real HTTP: a pull request dropping a table needs a human approval
 * (POL001); who counts comes from GitHub (reviews on the head SHA, the author, the commits' accounts, the bot's own
 * login, team members), and the policy is the BASE branch's.
 */
class GithubPolicyEndToEndTest {
  static final String REPO = GithubWebhookEndToEndTest.REPO;
  static final String BASE = GithubWebhookEndToEndTest.BASE;
  static final String HEAD = GithubWebhookEndToEndTest.HEAD;
  static final String OLDER = "0123456789abcdef0123456789abcdef01234567";
  static final String CONFIG = repoFile("policy/schemawarden.yml");
  static final String WITH_POLICY = CONFIG + "policy: policies/prod.yml\n";

  FakeGitHub github;
  String stateUrl;
  WardenServer server;

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
    stateUrl = ServiceHarness.freshDatabase();
    server = ServiceHarness.start(ServiceHarness.config(stateUrl, github.url()));
  }

  @AfterEach
  void stop() {
    server.stop(Duration.ZERO);
    github.close();
  }

  void baseConfig(String config) {
    github.content(BASE, ".schemawarden.yml", config);
  }

  void awaitJobsDone(long n) {
    await(
        n + " job(s) done",
        GithubWebhookEndToEndTest.WAIT,
        () -> count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'") >= n);
  }

  /** The conclusion of the newest check run. */
  String conclusion() {
    return github.checkRuns.values().stream()
        .reduce((a, b) -> b)
        .orElseThrow()
        .path("conclusion")
        .asText();
  }

  String summary() {
    JsonNode run = github.checkRuns.values().stream().reduce((a, b) -> b).orElseThrow();
    return run.path("output").path("summary").asText();
  }

  void opened() {
    deliver(server.port(), "pull_request", payload("pull_request.opened.json"));
    awaitJobsDone(1);
  }

  void approvedDelivery(long jobs) {
    assertThat(
            deliver(
                    server.port(),
                    "pull_request_review",
                    payload("pull_request_review.approved.json"))
                .statusCode())
        .isEqualTo(202);
    awaitJobsDone(jobs);
  }

  @Test
  void
      a_dropped_table_needs_approval_and_a_non_author_approval_on_the_head_turns_the_check_green() {
    baseConfig(CONFIG);
    opened();
    assertThat(conclusion())
        .as("POL001: DROP TABLE needs one human approval: %s", summary())
        .isEqualTo("action_required");
    assertThat(summary()).contains("POL001");

    github.review("octocat-reviewer", "APPROVED", HEAD);
    approvedDelivery(2);
    assertThat(github.checkRuns).hasSize(2);
    assertThat(conclusion()).as("approved on the head SHA by someone else").isEqualTo("success");
  }

  @Test
  void approvals_by_the_author_a_committer_the_bot_or_on_an_older_commit_do_not_count() {
    baseConfig(CONFIG);
    github.review("Codertocat", "APPROVED", HEAD);
    github.review("committer-carl", "APPROVED", HEAD);
    github.review(github.botLogin, "APPROVED", HEAD);
    github.review("octocat-reviewer", "APPROVED", OLDER);
    approvedDelivery(1);
    assertThat(conclusion()).isEqualTo("action_required");
    assertThat(github.calls())
        .as("the reviews and commits were read, and the bot's own login")
        .anyMatch(c -> c.route().endsWith("/pulls/2/reviews"))
        .anyMatch(c -> c.route().endsWith("/pulls/2/commits"))
        .anyMatch(c -> c.route().equals("GET /user"));
  }

  @Test
  void a_later_dismissal_or_change_request_cancels_an_approval() {
    baseConfig(CONFIG);
    github.review("octocat-reviewer", "APPROVED", HEAD);
    github.review("octocat-reviewer", "COMMENTED", HEAD);
    approvedDelivery(1);
    assertThat(conclusion()).as("a comment does not cancel the approval").isEqualTo("success");

    github.reviews.get(0).put("state", "DISMISSED");
    deliver(server.port(), "pull_request_review", payload("pull_request_review.dismissed.json"));
    awaitJobsDone(2);
    assertThat(conclusion()).as("dismissed: approval gone").isEqualTo("action_required");

    github.review("octocat-reviewer", "APPROVED", HEAD);
    github.review("octocat-reviewer", "CHANGES_REQUESTED", HEAD);
    approvedDelivery(3);
    assertThat(conclusion()).isEqualTo("action_required");
  }

  @Test
  void a_team_requirement_from_the_base_policy_file_is_met_only_by_a_member() {
    baseConfig(WITH_POLICY);
    github.content(BASE, "policies/prod.yml", repoFile("policy/prod-dba.yml"));
    github.teamMember("acme/dba", "dba-dana");
    github.review("octocat-reviewer", "APPROVED", HEAD);
    approvedDelivery(1);
    assertThat(conclusion())
        .as("POL001 met, but octocat-reviewer is not in @acme/dba")
        .isEqualTo("action_required");
    assertThat(summary()).contains("drops-need-dba");

    github.review("dba-dana", "APPROVED", HEAD);
    approvedDelivery(2);
    assertThat(conclusion()).isEqualTo("success");
    assertThat(github.calls()).anyMatch(c -> c.route().equals("GET /orgs/acme/teams/dba/members"));
  }

  @Test
  void a_policy_weakened_in_the_pull_request_is_ignored_in_favour_of_the_base_branch() {
    baseConfig(WITH_POLICY);
    github.content(BASE, "policies/prod.yml", repoFile("policy/prod-dba.yml"));
    // The head weakens both the policy file and the config (no policy, DS101 still off).
    String weakened = repoFile("policy/prod-weakened.yml");
    github.file(
        "policies/prod.yml",
        "modified",
        "@@ -1,9 +1,2 @@\n version: 1\n-rules:\n+rules: []",
        weakened,
        repoFile("policy/prod-dba.yml"));
    github.content(HEAD, ".schemawarden.yml", CONFIG);
    github.teamMember("acme/dba", "dba-dana");
    github.review("octocat-reviewer", "APPROVED", HEAD);
    approvedDelivery(1);
    assertThat(conclusion())
        .as("the base policy still asks for @acme/dba")
        .isEqualTo("action_required");
    assertThat(summary()).contains("drops-need-dba");
  }

  @Test
  void codeowners_come_from_the_base_branch_so_a_pull_request_cannot_make_its_reviewer_the_owner() {
    baseConfig(WITH_POLICY);
    github.content(BASE, "policies/prod.yml", repoFile("policy/prod-codeowners.yml"));
    github.content(BASE, ".github/CODEOWNERS", "/db/migration/ @acme/dba\n");
    // The head hands the migrations to the reviewer who is about to approve.
    github.file(
        ".github/CODEOWNERS",
        "modified",
        "@@ -1 +1 @@\n-/db/migration/ @acme/dba\n+/db/migration/ @octocat-reviewer",
        "/db/migration/ @octocat-reviewer\n",
        "/db/migration/ @acme/dba\n");
    github.teamMember("acme/dba", "dba-dana");
    github.review("octocat-reviewer", "APPROVED", HEAD);
    approvedDelivery(1);
    assertThat(conclusion())
        .as("the base CODEOWNERS still asks @acme/dba")
        .isEqualTo("action_required");

    github.review("dba-dana", "APPROVED", HEAD);
    approvedDelivery(2);
    assertThat(conclusion())
        .as("a member of the base branch's owning team approved")
        .isEqualTo("success");
  }
}
