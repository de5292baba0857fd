package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.cli.CliContext;
import dev.schemawarden.app.git.RepositoryCache;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.jobs.PullRequestReview;
import dev.schemawarden.app.report.JsonReportRenderer;
import dev.schemawarden.app.report.ReviewReport;
import dev.schemawarden.app.report.ToolInfo;
import dev.schemawarden.app.review.ReviewService;
import dev.schemawarden.app.testing.Cli;
import dev.schemawarden.app.testing.GitFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service reviews a real checkout: the fake GitHub serves the repository over smart HTTP ({@code git
 * http-backend}), the service clones it into its repository cache and reviews the pull request against the whole
 * base history (three base migrations), as {@code warden review --base} does in a clone.
 */
class GithubRealCheckoutTest {
  static final String REPO = GithubWebhookEndToEndTest.REPO;
  static final String BASE = GithubWebhookEndToEndTest.BASE;
  static final String HEAD = GithubWebhookEndToEndTest.HEAD;

  FakeGitHub github;
  String stateUrl;
  WardenServer server;
  ServiceHarness.LogCapture logs = new ServiceHarness.LogCapture();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    if (github != null) {
      github.close();
    }
    logs.close();
  }

  /** A pull request adding {@code V4__change.sql} on top of the shop's V1..V3, reviewed by the service. */
  JsonNode reviewed(String sql) {
    github = new FakeGitHub(REPO, 2, BASE, HEAD);
    GithubWebhookEndToEndTest.shopBase(github);
    github.file(
        "db/migration/V4__change.sql",
        "added",
        GithubWebhookEndToEndTest.addedPatch(sql),
        sql,
        null);
    stateUrl = ServiceHarness.freshDatabase();
    server = ServiceHarness.start(ServiceHarness.config(stateUrl, github.url()));
    deliver(server.port(), "pull_request", payload("pull_request.opened.json"));
    await(
        "the review",
        Duration.ofSeconds(60),
        () -> count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'") >= 1);
    return github.checkRuns.values().iterator().next();
  }

  static List<String> annotations(JsonNode run) {
    List<String> out = new ArrayList<>();
    run.path("all_annotations")
        .forEach(
            a ->
                out.add(
                    a.path("path").asText()
                        + ":"
                        + a.path("start_line").asInt()
                        + " "
                        + a.path("title").asText().split(" ")[0]));
    return out;
  }

  @Test
  void altering_a_table_the_first_migration_created_gets_the_traced_lock_on_it_and_no_tr101() {
    JsonNode run = reviewed("ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false NOT NULL;\n");
    String summary = run.path("output").path("summary").asText();
    assertThat(annotations(run))
        .as("the replica replayed V1..V3, so orders exists")
        .noneMatch(a -> a.endsWith("TR101"))
        .isNotEmpty()
        .allMatch(a -> a.startsWith("db/migration/V4__change.sql:1 "));
    assertThat(summary)
        .as("the lock PostgreSQL took, on the table V2 created")
        .contains(
            "| 1 | `V4__change.sql:1`<br>`ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false NOT NULL`"
                + " | *traced:* ACCESS EXCLUSIVE on `public.orders` |")
        .contains("schema from the migration history (3 migration(s)")
        .doesNotContain("relation \"orders\" does not exist");
    assertThat(summary)
        .as("the header names the repository, pull request and refs, never a temporary path")
        .contains("`" + REPO + "` #2 ")
        .contains(
            "`add-order-status` (`"
                + github.gitHead().substring(0, 7)
                + "`) into `main` (`"
                + github.gitBase().substring(0, 7)
                + "`)")
        .doesNotContain("warden-pr-")
        .doesNotContain("warden-trees-")
        .doesNotContain("/tmp/");
    assertThat(run.path("conclusion").asText())
        .as("a constant default rewrites nothing: no error")
        .isEqualTo("success");
  }

  @Test
  void dropping_a_column_a_base_migration_created_is_reviewed_against_that_column() {
    JsonNode run = reviewed("ALTER TABLE customers DROP COLUMN name;\n");
    String summary = run.path("output").path("summary").asText();
    assertThat(annotations(run))
        .as("the column exists on the replica; dropping it is the finding")
        .contains("db/migration/V4__change.sql:1 DS102")
        .noneMatch(a -> a.endsWith("TR101"));
    assertThat(summary)
        .contains("*traced:* ACCESS EXCLUSIVE on `public.customers`")
        .contains("Dropping column `customers.name`");
    assertThat(run.path("conclusion").asText()).isEqualTo("failure");
  }

  @Test
  void a_second_pull_request_fetches_only_what_is_new() {
    reviewed("ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false NOT NULL;\n");
    long first = github.gitRequests().stream().mapToLong(r -> r.bytes()).sum();
    int requests = github.gitRequests().size();
    github.file(
        "db/migration/V5__more.sql",
        "added",
        GithubWebhookEndToEndTest.addedPatch("SELECT 1;\n"),
        "SELECT 1;\n",
        null);
    deliver(server.port(), "pull_request", payload("pull_request.synchronize.json"));
    await(
        "the second review",
        Duration.ofSeconds(60),
        () -> count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'") >= 2);
    var second = github.gitRequests().subList(requests, github.gitRequests().size());
    assertThat(second)
        .as("fetched, not cloned again")
        .noneMatch(r -> r.query().contains("clone"))
        .isNotEmpty();
    assertThat(second.stream().mapToLong(r -> r.bytes()).sum())
        .as("an incremental fetch")
        .isLessThan(first);
    assertThat(logs.lines())
        .as("the clone happened once")
        .filteredOn(l -> l.contains("cloning " + REPO))
        .hasSize(1);
  }

  @Test
  void the_service_and_the_cli_review_the_same_change_into_the_same_report(@TempDir Path tmp)
      throws Exception {
    github = new FakeGitHub(REPO, 2, BASE, HEAD);
    GithubWebhookEndToEndTest.shopBase(github);
    String v4 = ServiceHarness.repoFile("db/migration/V4__orders_status.sql");
    github.file(
        "db/migration/V4__orders_status.sql",
        "added",
        GithubWebhookEndToEndTest.addedPatch(v4),
        v4,
        null);
    java.time.Clock clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    ServiceConfig config = ServiceHarness.config("jdbc:postgresql://unused/unused", github.url());
    GithubCodeHost host = new GithubCodeHost(config.github().orElseThrow());
    PullRequest pr =
        host.pullRequest(new PullRequestRef("github", REPO, 2, java.util.Optional.empty()));
    ReviewReport service =
        new PullRequestReview(
                dev.schemawarden.app.testing.Reviews.service(clock),
                new RepositoryCache(config.repositories()))
            .review(host, pr, List.of());

    GitFixture clone = new GitFixture(tmp.resolve("clone"));
    clone.git(
        "fetch",
        "-q",
        github.gitUrl() + "/" + REPO + ".git",
        "refs/pull/2/head:pr",
        "main:refs/remotes/origin/main");
    clone.git("checkout", "-q", "pr");
    Cli.Run cli =
        Cli.run(
            (out, err) -> {
              ReviewService reviews = dev.schemawarden.app.testing.Reviews.service(clock);
              return new CliContext(out, err, reviews, Main.renderers(reviews), false);
            },
            "review",
            "--repo",
            clone.dir().toString(),
            "--base",
            "origin/main",
            "--author",
            "Codertocat",
            "--head-sha",
            pr.headSha(),
            "--format",
            "json");
    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);

    JsonNode fromCli = comparable(JSON.readTree(cli.out()));
    JsonNode fromService =
        comparable(JSON.readTree(new JsonReportRenderer(ToolInfo.current()).render(service)));
    java.nio.file.Files.writeString(
        Path.of("target", "same-report-cli.json"), fromCli.toPrettyString());
    java.nio.file.Files.writeString(
        Path.of("target", "same-report-service.json"), fromService.toPrettyString());
    assertThat(fromService.path("findings")).as("the findings, ids and lines").isNotEmpty();
    assertThat(fromService).as("one pipeline, one input: the same review").isEqualTo(fromCli);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The report without what differs by design: timings, and the header's refs (the service knows the PR). */
  static JsonNode comparable(JsonNode report) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = report.deepCopy();
    copy.remove("target");
    copy.remove("steps");
    stripTimings(copy);
    return copy;
  }

  /** Durations measured on the replica differ run to run, also inside messages ("held 28 ms"). */
  private static void stripTimings(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = o.get(name);
        if (name.endsWith("_ms") || name.equals("millis")) {
          o.remove(name);
        } else if (value.isTextual()) {
          o.put(name, value.asText().replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "N ms"));
        } else {
          stripTimings(value);
        }
      }
    } else if (node != null && node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode a =
          (com.fasterxml.jackson.databind.node.ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual()) {
          a.set(i, a.get(i).asText().replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "N ms"));
        } else {
          stripTimings(a.get(i));
        }
      }
    }
  }

  @Test
  void a_clone_that_fails_keeps_the_token_out_of_the_logs_and_the_stored_error() {
    github = new FakeGitHub(REPO, 2, BASE, HEAD);
    GithubWebhookEndToEndTest.shopBase(github);
    stateUrl = ServiceHarness.freshDatabase();
    // git answers 404 for a repository it does not have: the clone fails, with the token on every
    // request
    server =
        ServiceHarness.start(
            ServiceHarness.config(stateUrl, github.url())
                .withGithub(
                    java.util.Optional.of(
                        ServiceHarness.config(stateUrl, github.url())
                            .github()
                            .orElseThrow()
                            .withGitUrl(github.url() + "/nowhere"))));
    deliver(server.port(), "pull_request", payload("pull_request.opened.json"));
    await(
        "a failed attempt",
        Duration.ofSeconds(60),
        () -> count(stateUrl, "SELECT count(*) FROM jobs WHERE last_error IS NOT NULL") >= 1);
    String stored = ServiceHarness.text(stateUrl, "SELECT last_error FROM jobs");
    assertThat(stored).as("the stored error says what failed").contains("git");
    assertThat(stored + String.join("\n", logs.lines())).doesNotContain(ServiceHarness.TOKEN);
  }
}
