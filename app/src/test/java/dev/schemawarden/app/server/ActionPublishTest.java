package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.payload;
import static dev.schemawarden.app.server.ServiceHarness.repoFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemawarden.app.publish.ActionPublisher;
import dev.schemawarden.app.publish.ReviewPublisher;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.review.Progress;
import dev.schemawarden.app.review.ReviewRequest;
import dev.schemawarden.app.review.ReviewService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden review --publish github} (the GitHub Action): the review of a local checkout is published through
 * the service's own GitHub host and publisher to a local GitHub API, from a real {@code pull_request} event file.
 */
class ActionPublishTest {
  static final String REPO = GithubWebhookEndToEndTest.REPO;
  static final String BASE = GithubWebhookEndToEndTest.BASE;
  static final String HEAD = GithubWebhookEndToEndTest.HEAD;

  @TempDir Path tmp;
  FakeGitHub github;
  Map<String, String> env;
  Path outputs;

  @BeforeEach
  void start() throws IOException {
    github = new FakeGitHub(REPO, 2, BASE, HEAD);
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
    Path event = tmp.resolve("event.json");
    Files.write(event, payload("pull_request.opened.json"));
    outputs = tmp.resolve("github_output");
    env =
        new HashMap<>(
            Map.of(
                "GITHUB_TOKEN",
                ServiceHarness.TOKEN,
                "GITHUB_REPOSITORY",
                REPO,
                "GITHUB_EVENT_PATH",
                event.toString(),
                "GITHUB_API_URL",
                github.url(),
                "GITHUB_RUN_ID",
                "77",
                "GITHUB_RUN_ATTEMPT",
                "1",
                "GITHUB_OUTPUT",
                outputs.toString()));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  ReviewReport reviewCheckout(ReviewService service) throws IOException {
    Path head = tmp.resolve("head");
    Path base = tmp.resolve("base");
    Files.createDirectories(head.resolve("db/migration"));
    Files.createDirectories(base.resolve("db/migration"));
    for (String f :
        new String[] {"db/migration/V4__orders_status.sql", "db/migration/V5__events.sql"}) {
      Files.writeString(head.resolve(f), repoFile(f));
    }
    Files.writeString(head.resolve(".schemawarden.yml"), repoFile("schemawarden.yml"));
    Files.writeString(base.resolve(".schemawarden.yml"), repoFile("schemawarden.yml"));
    return service.review(
        new ReviewRequest(
            head,
            new ReviewRequest.Base.Directory(base),
            "HEAD",
            Optional.empty(),
            Optional.empty()),
        Progress.NONE);
  }

  @Test
  void publishes_the_same_check_comment_and_suggestions_as_the_service_and_writes_the_step_outputs()
      throws IOException {
    ReviewService service = dev.schemawarden.app.testing.Reviews.service();
    ReviewReport report = reviewCheckout(service);

    ReviewPublisher.Published first =
        ActionPublisher.fromEnv(env, "Schema Warden").publish(report, service.catalog());

    assertThat(github.writes())
        .startsWith(
            "POST /repos/" + REPO + "/check-runs",
            "PATCH /repos/" + REPO + "/check-runs/9000001",
            "POST /repos/" + REPO + "/issues/2/comments");
    assertThat(github.calls())
        .as("authenticated with GITHUB_TOKEN")
        .allMatch(c -> c.authorization().equals("token " + ServiceHarness.TOKEN));
    assertThat(first.conclusion().name()).isEqualTo("FAILURE");
    assertThat(github.checkRuns.values().iterator().next().path("external_id").asText())
        .isEqualTo("action-77-1");
    assertThat(github.issueComments).hasSize(1);
    assertThat(github.issueComments.get(0).path("body").asText())
        .contains(MarkdownReportRenderer.MARKER);
    assertThat(github.reviewComments)
        .as("suggestions, as the service posts them")
        .isNotEmpty()
        .allMatch(c -> c.path("body").asText().contains("```suggestion"));
    assertThat(Files.readString(outputs))
        .contains("decision=blocked\n")
        .containsPattern("errors=[1-9]\\d*\n")
        .contains("warnings=");

    // The job re-run (same run id and attempt): the check is reused, nothing is posted twice.
    int reviewComments = github.reviewComments.size();
    ActionPublisher.fromEnv(env, "Schema Warden").publish(report, service.catalog());
    assertThat(github.checkRuns).as("the check of this run reused").hasSize(1);
    assertThat(github.issueComments).hasSize(1);
    assertThat(github.reviewComments).hasSize(reviewComments);
  }

  @Test
  void outside_a_pull_request_workflow_it_fails_naming_what_is_missing() throws IOException {
    Map<String, String> noToken = new HashMap<>(env);
    noToken.remove("GITHUB_TOKEN");
    assertThatThrownBy(() -> ActionPublisher.fromEnv(noToken, "Schema Warden"))
        .hasMessageStartingWith("GITHUB_TOKEN is not set");
    Path push = tmp.resolve("push.json");
    Files.write(push, payload("push.json"));
    env.put("GITHUB_EVENT_PATH", push.toString());
    assertThatThrownBy(() -> ActionPublisher.fromEnv(env, "Schema Warden"))
        .hasMessageContaining("is not a pull request event");
    assertThat(github.calls()).isEmpty();
  }
}
