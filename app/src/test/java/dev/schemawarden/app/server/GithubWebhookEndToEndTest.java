package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static dev.schemawarden.app.server.ServiceHarness.post;
import static dev.schemawarden.app.server.ServiceHarness.repoFile;
import static dev.schemawarden.app.server.ServiceHarness.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code warden serve} over real HTTP: real GitHub payloads with real signatures, hub4j talking to a local GitHub
 * that answers with recorded responses, an embedded PostgreSQL state store; assertions on the calls GitHub got.
 */
class GithubWebhookEndToEndTest {
  static final String REPO = "Codertocat/Hello-World";
  static final String BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  static final Duration WAIT = Duration.ofSeconds(30);

  FakeGitHub github;
  String stateUrl;
  WardenServer server;
  ServiceHarness.LogCapture logs;

  @BeforeEach
  void start() {
    logs = new ServiceHarness.LogCapture();
    github = new FakeGitHub(REPO, 2, BASE, HEAD);
    String v4 = repoFile("db/migration/V4__orders_status.sql");
    String v5 = repoFile("db/migration/V5__events.sql");
    github.file("db/migration/V4__orders_status.sql", "added", addedPatch(v4), v4, null);
    github.file("db/migration/V5__events.sql", "added", addedPatch(v5), v5, null);
    github.file(
        "README.md", "modified", "@@ -1,1 +1,2 @@\n # shop\n+docs", "# shop\ndocs\n", "# shop\n");
    shopBase(github);
    stateUrl = ServiceHarness.freshDatabase();
    server = ServiceHarness.start(ServiceHarness.config(stateUrl, github.url()));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    github.close();
    logs.close();
  }

  /** The base branch: the example shop's V1..V3 (customers, orders, order_items) and its configuration. */
  static void shopBase(FakeGitHub github) {
    java.nio.file.Path base = java.nio.file.Path.of("..", "examples", "shop", "base");
    for (String file :
        List.of(
            ".schemawarden.yml",
            "db/migration/V1__create_customers.sql",
            "db/migration/V2__create_orders.sql",
            "db/migration/V3__create_order_items.sql")) {
      try {
        github.content(BASE, file, java.nio.file.Files.readString(base.resolve(file)));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  static String addedPatch(String text) {
    long lines = text.lines().count();
    return "@@ -0,0 +1,"
        + lines
        + " @@\n"
        + String.join("\n", text.lines().map(l -> "+" + l).toList());
  }

  int port() {
    return server.port();
  }

  long jobs(String status) {
    return count(stateUrl, "SELECT count(*) FROM jobs WHERE status = '" + status + "'");
  }

  void awaitJobsDone(long n) {
    await(n + " job(s) done", WAIT, () -> jobs("done") >= n);
  }

  List<String> checkWrites() {
    return github.writes().stream().filter(w -> w.contains("check-runs")).toList();
  }

  @Nested
  class Review_loop {
    @Test
    void
        opened_pull_request_gets_a_check_a_sticky_comment_and_suggestions_then_a_push_edits_them_without_duplicates() {
      HttpResponse<String> ack =
          deliver(port(), "pull_request", payload("pull_request.opened.json"));
      assertThat(ack.statusCode()).isEqualTo(202);
      assertThat(ack.body()).contains("enqueued");
      awaitJobsDone(1);

      assertThat(github.writes())
          .as("check created, then completed; one summary comment; review comments")
          .startsWith(
              "POST /repos/" + REPO + "/check-runs",
              "PATCH /repos/" + REPO + "/check-runs/9000001",
              "POST /repos/" + REPO + "/issues/2/comments");
      assertThat(github.checkRuns).hasSize(1);
      JsonNode run = github.checkRuns.values().iterator().next();
      assertThat(run.path("request").path("status").asText())
          .as("created in progress")
          .isEqualTo("in_progress");
      assertThat(run.path("status").asText()).isEqualTo("completed");
      assertThat(run.path("conclusion").asText()).as("V4 has error findings").isEqualTo("failure");
      assertThat(run.path("output").path("summary").asText())
          .contains(MarkdownReportRenderer.MARKER);
      assertThat(run.path("all_annotations")).isNotEmpty();
      assertThat(run.path("all_annotations").get(0).path("path").asText())
          .startsWith("db/migration/V");
      String v4 = "db/migration/V4__orders_status.sql:";
      String v5File = "db/migration/V5__events.sql:";
      assertThat(GithubRealCheckoutTest.annotations(run))
          .as(
              "one finding per problem, on its statement's line;"
                  + " V4's five dangerous statements each an error (traced on the replica built from V1..V3)")
          .containsExactly(
              v4 + "5 LK110",
              v4 + "5 LK115",
              v4 + "5 LK124",
              v4 + "5 TR105",
              v4 + "8 LK101",
              v4 + "11 LK113",
              v4 + "14 LK106",
              v4 + "17 BC101",
              v5File + "1 TY101",
              v5File + "1 TY102",
              v5File + "1 TY103",
              v5File + "1 TY106");
      assertThat(run.path("all_annotations").findValuesAsText("annotation_level"))
          .as("the five of V4 that block")
          .filteredOn("failure"::equals)
          .hasSize(5);

      assertThat(github.issueComments).hasSize(1);
      assertThat(github.issueComments.get(0).path("body").asText())
          .contains(MarkdownReportRenderer.MARKER)
          .contains("V4__orders_status.sql");
      assertThat(github.reviewComments)
          .as("findings with a drop-in rewrite get a suggestion")
          .isNotEmpty();
      for (JsonNode c : github.reviewComments) {
        assertThat(c.path("body").asText())
            .contains("```suggestion")
            .contains("<!-- schema-warden:finding ");
        assertThat(c.path("commit_id").asText())
            .as("the pull request's real head commit")
            .isEqualTo(github.gitHead());
        assertThat(c.path("path").asText()).startsWith("db/migration/");
      }
      JsonNode v5 =
          github.reviewComments.stream()
              .filter(c -> c.path("path").asText().endsWith("V5__events.sql"))
              .findFirst()
              .orElseThrow();
      assertThat(v5.path("line").asInt()).as("on the statement's lines (1..5)").isBetween(1, 5);
      int reviewComments = github.reviewComments.size();
      int writesAfterFirst = github.writes().size();

      assertThat(
              deliver(port(), "pull_request", payload("pull_request.synchronize.json"))
                  .statusCode())
          .isEqualTo(202);
      awaitJobsDone(2);

      List<String> second = github.writes().subList(writesAfterFirst, github.writes().size());
      assertThat(second)
          .as("a new run: a new check, the same comment edited, no review comment repeated")
          .containsExactly(
              "POST /repos/" + REPO + "/check-runs",
              "PATCH /repos/" + REPO + "/check-runs/" + (9000001 + reviewComments + 2),
              "PATCH /repos/" + REPO + "/issues/comments/9000002");
      assertThat(github.issueComments).as("one sticky comment").hasSize(1);
      assertThat(github.reviewComments).hasSize(reviewComments);
      assertThat(
              github.calls().stream().filter(c -> c.path().endsWith("/files")).map(c -> c.query()))
          .as("files listed page by page (Link: rel=next)")
          .anyMatch(q -> q.contains("page=2"));
    }

    @Test
    void check_run_rerequested_reruns_the_review() {
      deliver(port(), "pull_request", payload("pull_request.opened.json"));
      awaitJobsDone(1);
      assertThat(deliver(port(), "check_run", payload("check_run.rerequested.json")).statusCode())
          .isEqualTo(202);
      awaitJobsDone(2);
      assertThat(github.checkRuns).hasSize(2);
      assertThat(github.issueComments).hasSize(1);
    }

    @Test
    void recheck_runs_only_for_users_with_write_access() {
      assertThat(
              deliver(port(), "issue_comment", payload("issue_comment.recheck.json")).statusCode())
          .isEqualTo(202);
      awaitJobsDone(1);
      assertThat(github.writes()).as("Codertocat can only read: nothing published").isEmpty();

      github.permissions.put("Codertocat", "write");
      deliver(port(), "issue_comment", payload("issue_comment.recheck.json"));
      awaitJobsDone(2);
      assertThat(github.checkRuns).hasSize(1);
      assertThat(github.issueComments).hasSize(1);
    }

    @Test
    void no_token_or_secret_appears_in_the_logs_or_responses_of_a_full_run() {
      HttpResponse<String> ack =
          deliver(port(), "pull_request", payload("pull_request.opened.json"));
      HttpResponse<String> forged =
          post(port(), "pull_request", "x-1", payload("pull_request.opened.json"), "sha256=00");
      awaitJobsDone(1);
      assertThat(github.calls().get(0).authorization())
          .as("the token did reach GitHub")
          .contains(ServiceHarness.TOKEN);
      String all =
          String.join("\n", logs.lines())
              + ack.body()
              + forged.body()
              + ServiceHarness.get(port(), "/metrics").body();
      assertThat(all).doesNotContain(ServiceHarness.TOKEN).doesNotContain(ServiceHarness.SECRET);
      assertThat(logs.lines())
          .as("the run was logged")
          .anyMatch(l -> l.contains("done on attempt 1"));
    }
  }

  @Nested
  class Deliveries {
    @Test
    void a_forged_or_missing_signature_is_401_and_nothing_is_stored() {
      byte[] body = payload("pull_request.opened.json");
      assertThat(post(port(), "pull_request", "d-1", body, sign(body, "wrong-secret")).statusCode())
          .isEqualTo(401);
      assertThat(post(port(), "pull_request", "d-2", body, null).statusCode()).isEqualTo(401);
      byte[] tampered = new String(body).replace("\"opened\"", "\"reopened\"").getBytes();
      assertThat(
              post(port(), "pull_request", "d-3", tampered, sign(body, ServiceHarness.SECRET))
                  .statusCode())
          .as("signature of another body")
          .isEqualTo(401);
      assertThat(count(stateUrl, "SELECT count(*) FROM deliveries")).isZero();
      assertThat(count(stateUrl, "SELECT count(*) FROM jobs")).isZero();
    }

    @Test
    void a_replayed_delivery_is_acknowledged_but_makes_no_second_job() {
      byte[] body = payload("pull_request.opened.json");
      String signature = sign(body, ServiceHarness.SECRET);
      assertThat(post(port(), "pull_request", "same-id", body, signature).statusCode())
          .isEqualTo(202);
      HttpResponse<String> replay = post(port(), "pull_request", "same-id", body, signature);
      assertThat(replay.statusCode()).isEqualTo(200);
      assertThat(replay.body()).contains("duplicate");
      awaitJobsDone(1);
      assertThat(count(stateUrl, "SELECT count(*) FROM jobs")).isEqualTo(1);
      assertThat(github.checkRuns).hasSize(1);
    }

    @Test
    void an_oversized_body_is_413() {
      byte[] big = new byte[(int) ServiceConfig.DEFAULT_MAX_BODY_BYTES + 1];
      java.util.Arrays.fill(big, (byte) ' ');
      HttpResponse<String> r =
          post(port(), "pull_request", "big", big, sign(big, ServiceHarness.SECRET));
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(count(stateUrl, "SELECT count(*) FROM deliveries")).isZero();
    }

    @Test
    void an_oversized_body_announced_with_expect_continue_is_413_before_it_is_sent()
        throws Exception {
      long size = ServiceConfig.DEFAULT_MAX_BODY_BYTES + 1;
      // A raw socket: the test must see what the server answers to the headers alone, before any
      // body byte.
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                ("POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nX-GitHub-Event: pull_request\r\nX-GitHub-Delivery: big-expect\r\n"
                        + "X-Hub-Signature-256: sha256=00\r\nExpect: 100-continue\r\nContent-Length: "
                        + size
                        + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String statusLine =
            new java.io.BufferedReader(
                    new java.io.InputStreamReader(
                        socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                .readLine();

        assertThat(statusLine)
            .as("a final 413 instead of 100 Continue: the client never uploads the body")
            .startsWith("HTTP/1.1 413");
      }
      assertThat(count(stateUrl, "SELECT count(*) FROM deliveries")).isZero();
    }

    @Test
    void signed_malformed_json_is_400() {
      byte[] body = "{\"action\": \"opened\", ".getBytes();
      HttpResponse<String> r =
          post(port(), "pull_request", "bad", body, sign(body, ServiceHarness.SECRET));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("not JSON");
      assertThat(count(stateUrl, "SELECT count(*) FROM deliveries")).isZero();
    }

    @Test
    void ping_is_200_and_unknown_events_are_202_ignored() {
      assertThat(deliver(port(), "ping", payload("ping.json")).statusCode()).isEqualTo(200);
      HttpResponse<String> push = deliver(port(), "push", payload("push.json"));
      assertThat(push.statusCode()).isEqualTo(202);
      assertThat(push.body()).contains("ignored");
      assertThat(deliver(port(), "pull_request", payload("pull_request.labeled.json")).body())
          .contains("ignored");
      assertThat(count(stateUrl, "SELECT count(*) FROM jobs")).isZero();
      String metrics = ServiceHarness.get(port(), "/metrics").body();
      assertThat(metrics)
          .contains(
              "warden_webhook_deliveries_total{event=\"push\",host=\"github\",outcome=\"ignored\"}");
    }

    @Test
    void health_and_readiness_answer() {
      assertThat(ServiceHarness.get(port(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(ServiceHarness.get(port(), "/readyz").body()).contains("ready");
    }
  }

  @Nested
  class Failures {
    @Test
    void host_5xx_fails_the_attempt_and_the_retry_processes_it_once() {
      github.fail(
          "POST /repos/.*/issues/2/comments",
          2,
          new FakeGitHub.Injected(502, Map.of(), "{\"message\":\"Bad Gateway\"}"));
      deliver(port(), "pull_request", payload("pull_request.opened.json"));
      awaitJobsDone(1);
      assertThat(github.issueComments).as("posted once, after the failures").hasSize(1);
      assertThat(github.checkRuns)
          .as("the retry reused the check its first attempt created")
          .hasSize(1);
      assertThat(count(stateUrl, "SELECT attempts FROM jobs")).isGreaterThan(1);
    }

    @Test
    void rate_limit_403_is_retried_after_the_reset() {
      long reset = Instant.now().plusSeconds(2).getEpochSecond();
      github.fail(
          "GET /repos/.*/pulls/2/files",
          1,
          new FakeGitHub.Injected(
              403,
              Map.of(
                  "x-ratelimit-remaining",
                  "0",
                  "x-ratelimit-limit",
                  "5000",
                  "x-ratelimit-reset",
                  Long.toString(reset)),
              "{\"message\":\"API rate limit exceeded\"}"));
      deliver(port(), "pull_request", payload("pull_request.opened.json"));
      awaitJobsDone(1);
      List<Instant> listings =
          github.calls().stream()
              .filter(c -> c.route().endsWith("/pulls/2/files"))
              .map(FakeGitHub.Call::at)
              .toList();
      assertThat(listings).hasSizeGreaterThanOrEqualTo(2);
      assertThat(listings.get(1))
          .as("not retried before the reset")
          .isAfterOrEqualTo(Instant.ofEpochSecond(reset));
      assertThat(github.issueComments).hasSize(1);
    }

    @Test
    void a_restart_mid_job_processes_it_exactly_once_in_effects() {
      CountDownLatch hung = github.hang("GET /repos/.*/pulls/2/files");
      deliver(port(), "pull_request", payload("pull_request.opened.json"));
      await(
          "the job to reach the hung call",
          WAIT,
          () -> github.calls().stream().anyMatch(c -> c.path().endsWith("/pulls/2/files")));
      assertThat(github.checkRuns).as("the first attempt created its check").hasSize(1);
      server.stop(Duration.ZERO);
      hung.countDown();
      server = ServiceHarness.start(ServiceHarness.config(stateUrl, github.url()));
      awaitJobsDone(1);
      assertThat(github.checkRuns).as("the re-claimed job reused the check").hasSize(1);
      assertThat(github.checkRuns.values().iterator().next().path("status").asText())
          .isEqualTo("completed");
      assertThat(github.issueComments).hasSize(1);
      long suggestions = github.reviewComments.size();
      assertThat(suggestions).isPositive();
      assertThat(
              github.reviewComments.stream().map(c -> c.path("body").asText()).distinct().count())
          .as("no comment posted twice")
          .isEqualTo(suggestions);
    }
  }
}
