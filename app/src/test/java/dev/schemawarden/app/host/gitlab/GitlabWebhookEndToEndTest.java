package dev.schemawarden.app.host.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.host.PullRequest;
import dev.schemawarden.app.host.PullRequestRef;
import dev.schemawarden.app.jobs.QueueSettings;
import dev.schemawarden.app.report.MarkdownReportRenderer;
import dev.schemawarden.app.server.ServiceConfig;
import dev.schemawarden.app.server.WardenServer;
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.policy.api.Approval;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code warden serve} with GitLab over real HTTP: real GitLab hook payloads with the secret token, GitLab4J
 * talking to a local GitLab that answers with recorded responses, an embedded PostgreSQL state store; assertions on
 * the calls GitLab got.
 */
class GitlabWebhookEndToEndTest {
  static final String PROJECT = "gitlabhq/gitlab-test";
  static final String BASE = "c380d3acebd181f13629a25d2e2acca46ffe1e00";
  static final String START = "0b4bc9a49b562e85de7cc9e834518ea6828729b9";
  static final String HEAD = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";
  static final String HEAD2 = "2be7ddb704c7b6b83732fdd5b9f09d5a397b5f8f";
  static final String WEBHOOK_TOKEN = "glwt-test-8c1d4e-never-log-me";
  static final String API_TOKEN = "glpat-test-2f7a90-never-log-me";
  static final Duration WAIT = Duration.ofSeconds(30);
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final AtomicInteger DATABASES = new AtomicInteger();
  static EmbeddedPostgres postgres;

  FakeGitLab gitlab;
  String stateUrl;
  WardenServer server;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void start() {
    gitlab = new FakeGitLab(PROJECT, 1, BASE, START, HEAD);
    String v4 = repoFile("db/migration/V4__orders_status.sql");
    String v5 = repoFile("db/migration/V5__events.sql");
    gitlab.file("db/migration/V4__orders_status.sql", true, addedDiff(v4), v4, null);
    gitlab.file("db/migration/V5__events.sql", true, addedDiff(v5), v5, null);
    gitlab.file(
        "README.md", false, "@@ -1,1 +1,2 @@\n # shop\n+docs\n", "# shop\ndocs\n", "# shop\n");
    gitlab.content(BASE, ".schemawarden.yml", repoFile("schemawarden.yml"));
    shopBase(gitlab);
    gitlab.members.put("root", 30);
    gitlab.members.put("reporter", 20);
    stateUrl = freshDatabase();
    server =
        WardenServer.start(
            config(stateUrl, gitlab.url()), dev.schemawarden.app.testing.Reviews.service());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    gitlab.close();
  }

  static ServiceConfig config(String stateUrl, String gitlabUrl) {
    return ServiceConfig.fromEnv(
            Map.of(
                "WARDEN_PORT",
                "0",
                "WARDEN_WORKERS",
                "2",
                "WARDEN_GITHUB_WEBHOOK_SECRET",
                "unused-github-secret",
                "WARDEN_GITHUB_TOKEN",
                "unused-github-token",
                "WARDEN_GITLAB_URL",
                gitlabUrl,
                "WARDEN_GITLAB_TOKEN",
                API_TOKEN,
                "WARDEN_GITLAB_WEBHOOK_TOKEN",
                WEBHOOK_TOKEN,
                "WARDEN_REPO_CACHE",
                freshCacheDir().toString()))
        .withState(new StateSettings(Optional.of(stateUrl), Path.of("unused"), 6))
        // A 10 s lease: no test here waits for one to expire, and under load a 2 s lease lapsed
        // mid-review, so the job ran again and posted its statuses twice more
        // (a_replayed_delivery_... saw 6, not 2).
        .withQueue(
            new QueueSettings(
                Duration.ofSeconds(10),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofMillis(50),
                Duration.ofMinutes(1),
                5,
                Duration.ofSeconds(2)));
  }

  static java.nio.file.Path freshCacheDir() {
    try {
      return java.nio.file.Files.createTempDirectory("warden-repo-cache-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The target branch: the example shop's V1..V3 (customers, orders, order_items). */
  static void shopBase(FakeGitLab gitlab) {
    java.nio.file.Path base = java.nio.file.Path.of("..", "examples", "shop", "base");
    for (String file :
        List.of(
            "db/migration/V1__create_customers.sql",
            "db/migration/V2__create_orders.sql",
            "db/migration/V3__create_order_items.sql")) {
      try {
        gitlab.content(BASE, file, java.nio.file.Files.readString(base.resolve(file)));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  static String addedDiff(String text) {
    return "@@ -0,0 +1,"
        + text.lines().count()
        + " @@\n"
        + String.join("\n", text.lines().map(l -> "+" + l).toList())
        + "\n";
  }

  // ---- plumbing
  // ----------------------------------------------------------------------------------------------

  static String freshDatabase() {
    String name = "warden_gl_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  long count(String sql) {
    try (Connection c = DriverManager.getConnection(stateUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long jobs(String status) {
    return count("SELECT count(*) FROM jobs WHERE status = '" + status + "'");
  }

  void awaitJobsDone(long n) {
    await(n + " job(s) done", () -> jobs("done") >= n);
  }

  static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + WAIT + " waiting for: " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static byte[] payload(String name) {
    try (InputStream in =
        GitlabWebhookEndToEndTest.class.getResourceAsStream("/fixtures/gitlab/webhooks/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String repoFile(String name) {
    try (InputStream in =
        GitlabWebhookEndToEndTest.class.getResourceAsStream("/fixtures/gitlab/repo/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<String> post(String event, String deliveryId, byte[] body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/gitlab"))
            .header("Content-Type", "application/json")
            .header("X-Gitlab-Event", event)
            .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
            .header("Idempotency-Key", deliveryId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("X-Gitlab-Token", token);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> deliver(String event, String payload) {
    return post(event, UUID.randomUUID().toString(), payload(payload), WEBHOOK_TOKEN);
  }

  List<Map<String, String>> statusesOf(String sha) {
    return gitlab.statuses.stream().filter(s -> s.get("sha").equals(sha)).toList();
  }

  // ---- tests
  // -------------------------------------------------------------------------------------------------

  @Nested
  class Review_loop {
    @Test
    void
        opened_merge_request_gets_a_status_one_note_and_positioned_discussions_then_a_push_edits_without_duplicates() {
      HttpResponse<String> ack = deliver("Merge Request Hook", "merge_request.open.json");
      assertThat(ack.statusCode()).isEqualTo(202);
      assertThat(ack.body()).contains("enqueued");
      awaitJobsDone(1);

      String mr = "/api/v4/projects/" + PROJECT + "/merge_requests/1";
      List<String> writes = gitlab.writes();
      assertThat(writes)
          .as("status pending, then failed; one note; then the discussions")
          .startsWith(
              "POST /api/v4/projects/" + PROJECT + "/statuses/" + gitlab.gitHead(),
              "POST /api/v4/projects/" + PROJECT + "/statuses/" + gitlab.gitHead(),
              "POST " + mr + "/notes");
      assertThat(writes.subList(3, writes.size()))
          .isNotEmpty()
          .allMatch(w -> w.equals("POST " + mr + "/discussions"));
      assertThat(statusesOf(HEAD))
          .extracting(s -> s.get("state"))
          .containsExactly("pending", "failed");
      assertThat(statusesOf(HEAD))
          .allSatisfy(
              s -> {
                assertThat(s.get("name")).isEqualTo("schema-warden");
                assertThat(s.get("ref")).as("the MR's source branch").isEqualTo("ms-viewport");
              });
      assertThat(statusesOf(HEAD).get(1).get("description"))
          .as("under GitLab's 255 characters")
          .hasSizeLessThan(256)
          .contains("error(s)");
      assertThat(gitlab.calls())
          .as("every API call carries the token")
          .allMatch(c -> c.token().equals(API_TOKEN));

      assertThat(gitlab.notes).hasSize(1);
      assertThat(gitlab.notes.get(0).path("body").asText())
          .contains(MarkdownReportRenderer.MARKER)
          .contains("V4__orders_status.sql");
      assertThat(gitlab.discussions)
          .as("findings with a drop-in rewrite get a suggestion")
          .isNotEmpty();
      for (ObjectNode d : gitlab.discussions) {
        JsonNode pos = FakeGitLab.position(d);
        assertThat(pos.path("base_sha").asText()).as("diff_refs.base_sha").isEqualTo(BASE);
        assertThat(pos.path("start_sha").asText()).as("diff_refs.start_sha").isEqualTo(START);
        assertThat(pos.path("head_sha").asText()).as("diff_refs.head_sha").isEqualTo(HEAD);
        assertThat(pos.path("position_type").asText()).isEqualTo("text");
        assertThat(pos.path("new_path").asText())
            .startsWith("db/migration/")
            .isEqualTo(pos.path("old_path").asText());
        assertThat(d.path("notes").path(0).path("body").asText())
            .contains("```suggestion")
            .contains("<!-- schema-warden:finding ");
      }
      JsonNode v5 =
          gitlab.discussions.stream()
              .map(FakeGitLab::position)
              .filter(p -> p.path("new_path").asText().endsWith("V5__events.sql"))
              .findFirst()
              .orElseThrow();
      assertThat(v5.path("new_line").asInt())
          .as("on the statement's last line (1..5)")
          .isBetween(1, 5);
      assertThat(
              gitlab.calls().stream()
                  .filter(c -> c.path().endsWith("/diffs"))
                  .map(c -> c.query().get("page")))
          .as("diffs listed page by page (X-Next-Page)")
          .contains("2");
      int discussions = gitlab.discussions.size();
      int writesAfterFirst = gitlab.writes().size();

      // A push: a new head with one more migration, delivered as an update with oldrev.
      gitlab.headSha = HEAD2;
      String v4 = repoFile("db/migration/V4__orders_status.sql");
      String v5Text = repoFile("db/migration/V5__events.sql");
      String v6 =
          "ALTER TABLE events ADD COLUMN kind text NOT NULL DEFAULT 'x';\nCREATE INDEX events_kind ON events (kind);\n";
      gitlab.content(HEAD2, "db/migration/V4__orders_status.sql", v4);
      gitlab.content(HEAD2, "db/migration/V5__events.sql", v5Text);
      gitlab.content(HEAD2, ".schemawarden.yml", repoFile("schemawarden.yml"));
      gitlab.content(HEAD2, "README.md", "# shop\ndocs\n");
      gitlab.file("db/migration/V6__kind.sql", true, addedDiff(v6), v6, null);

      assertThat(deliver("Merge Request Hook", "merge_request.update.json").statusCode())
          .isEqualTo(202);
      awaitJobsDone(2);

      List<String> second = gitlab.writes().subList(writesAfterFirst, gitlab.writes().size());
      assertThat(second)
          .as("status on the new head, the same note edited, only new findings discussed")
          .startsWith(
              "POST /api/v4/projects/" + PROJECT + "/statuses/" + gitlab.gitHead(),
              "POST /api/v4/projects/" + PROJECT + "/statuses/" + gitlab.gitHead(),
              "PUT " + mr + "/notes/" + gitlab.notes.get(0).path("id").asLong());
      assertThat(gitlab.notes).as("one sticky note").hasSize(1);
      assertThat(gitlab.notes.get(0).path("body").asText()).contains("V6__kind.sql");
      assertThat(gitlab.discussions.subList(discussions, gitlab.discussions.size()))
          .as("no finding discussed twice; new ones on the new head")
          .allSatisfy(
              d -> {
                assertThat(FakeGitLab.position(d).path("new_path").asText())
                    .endsWith("V6__kind.sql");
                assertThat(FakeGitLab.position(d).path("head_sha").asText()).isEqualTo(HEAD2);
              });
    }

    @Test
    void a_retried_job_accepts_that_the_status_is_already_pending() {
      gitlab.fail("POST /api/v4/projects/" + PROJECT + "/merge_requests/1/notes", 1, 502);
      deliver("Merge Request Hook", "merge_request.open.json");
      awaitJobsDone(1);
      assertThat(count("SELECT max(attempts) FROM jobs"))
          .as("the 502 failed the first attempt")
          .isEqualTo(2);
      assertThat(statusesOf(HEAD))
          .extracting(s -> s.get("state"))
          .as("attempt 1: pending, failed; attempt 2: pending, failed")
          .containsExactly("pending", "failed", "pending", "failed");
      assertThat(gitlab.notes).as("the note posted once, by the attempt that succeeded").hasSize(1);
    }

    @Test
    void recheck_note_runs_only_for_developers_and_above() {
      assertThat(deliver("Note Hook", "note.recheck.json").statusCode()).isEqualTo(202);
      awaitJobsDone(1);
      assertThat(statusesOf(HEAD)).as("root is a Developer").hasSize(2);

      byte[] fromReporter =
          new String(payload("note.recheck.json"), StandardCharsets.UTF_8)
              .replace("\"username\": \"root\"", "\"username\": \"reporter\"")
              .getBytes(StandardCharsets.UTF_8);
      assertThat(new String(fromReporter, StandardCharsets.UTF_8)).contains("\"reporter\"");
      post("Note Hook", UUID.randomUUID().toString(), fromReporter, WEBHOOK_TOKEN);
      awaitJobsDone(2);
      assertThat(statusesOf(HEAD)).as("a Reporter's recheck changes nothing").hasSize(2);
      assertThat(gitlab.calls())
          .as("access read through the user and the project's inherited members")
          .anyMatch(
              c -> c.path().equals("/api/v4/users") && "reporter".equals(c.query().get("username")))
          .anyMatch(c -> c.path().startsWith("/api/v4/projects/" + PROJECT + "/members/all/"));
    }

    @Test
    void override_note_is_recorded_and_shown_in_the_note() {
      deliver("Note Hook", "note.override.json");
      awaitJobsDone(1);
      assertThat(
              count("SELECT count(*) FROM overrides WHERE host = 'gitlab' AND target_id = 'LK101'"))
          .isEqualTo(1);
      assertThat(gitlab.notes.get(0).path("body").asText()).contains("`LK101` by @root");
    }
  }

  @Nested
  class Deliveries {
    @Test
    void a_wrong_or_missing_token_is_401_and_nothing_is_stored() {
      assertThat(
              post("Merge Request Hook", "d-1", payload("merge_request.open.json"), "wrong")
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              post("Merge Request Hook", "d-2", payload("merge_request.open.json"), null)
                  .statusCode())
          .isEqualTo(401);
      assertThat(count("SELECT count(*) FROM deliveries")).isZero();
      assertThat(count("SELECT count(*) FROM jobs")).isZero();
      assertThat(gitlab.calls()).isEmpty();
    }

    @Test
    void a_replayed_delivery_is_acknowledged_but_makes_no_second_job() {
      byte[] body = payload("merge_request.open.json");
      assertThat(post("Merge Request Hook", "retry-1", body, WEBHOOK_TOKEN).statusCode())
          .isEqualTo(202);
      HttpResponse<String> again = post("Merge Request Hook", "retry-1", body, WEBHOOK_TOKEN);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body()).contains("duplicate");
      awaitJobsDone(1);
      assertThat(count("SELECT count(*) FROM jobs")).isEqualTo(1);
      assertThat(statusesOf(HEAD)).hasSize(2);
    }

    @Test
    void updates_without_new_commits_are_ignored_and_a_merge_queues_an_apply_not_a_review() {
      HttpResponse<String> r = deliver("Merge Request Hook", "merge_request.update-title.json");
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(r.body()).contains("ignored");
      HttpResponse<String> merged = deliver("Merge Request Hook", "merge_request.merge.json");
      assertThat(merged.statusCode()).isEqualTo(202);
      assertThat(merged.body()).contains("apply queued");
      assertThat(count("SELECT count(*) FROM jobs WHERE kind <> 'apply'")).isZero();
      assertThat(
              count(
                  "SELECT count(*) FROM jobs WHERE kind = 'apply' AND payload LIKE"
                      + " '%e3b7e97417fd6318a5c31b21b29d2acc5c86c3ae%'"))
          .as("the merge commit is what gets applied")
          .isEqualTo(1);
    }

    @Test
    void an_approval_re_evaluates_the_merge_request() {
      assertThat(deliver("Merge Request Hook", "merge_request.approved.json").body())
          .contains("enqueued");
      awaitJobsDone(1);
      assertThat(statusesOf(HEAD)).hasSize(2);
    }

    @Test
    void signed_malformed_json_is_400() {
      HttpResponse<String> r =
          post(
              "Merge Request Hook",
              "bad",
              "{not json".getBytes(StandardCharsets.UTF_8),
              WEBHOOK_TOKEN);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).doesNotContain(WEBHOOK_TOKEN);
    }
  }

  @Test
  void approvals_are_read_for_the_policy_against_the_head_commit() {
    gitlab.approvedBy.addAll(List.of("alice", "bob"));
    GitlabCodeHost host =
        new GitlabCodeHost(
            new GitlabSettings(
                gitlab.url(), API_TOKEN, WEBHOOK_TOKEN, GitlabSettings.DEFAULT_STATUS_NAME));
    PullRequest pr = host.pullRequest(new PullRequestRef("gitlab", PROJECT, 1, Optional.empty()));
    assertThat(pr.headSha()).isEqualTo(gitlab.gitHead());
    assertThat(pr.baseSha()).as("diff_refs.base_sha: the merge base").isEqualTo(gitlab.gitBase());
    assertThat(pr.author()).isEqualTo("root");
    assertThat(host.approvals(pr)).extracting(Approval::user).containsExactly("alice", "bob");
    assertThat(host.approvals(pr))
        .allMatch(a -> a.sha().equals(gitlab.gitHead()) && a.state() == Approval.State.APPROVED);
  }

  @Test
  void approvals_feed_the_policy_decision_so_an_approval_turns_a_dropped_table_green() {
    String v6 = repoFile("policy/V6__drop_legacy.sql");
    gitlab.clearChanges(); // this merge request only drops the table: the decision, not other
    // findings, decides
    gitlab.file("db/migration/V6__drop_legacy.sql", true, addedDiff(v6), v6, null);
    gitlab.content(BASE, ".schemawarden.yml", repoFile("policy/schemawarden.yml"));
    gitlab.approvedBy.addAll(List.of("root", "warden-bot"));
    assertThat(deliver("Merge Request Hook", "merge_request.approved.json").body())
        .contains("enqueued");
    awaitJobsDone(1);
    Map<String, String> first = statusesOf(HEAD).get(statusesOf(HEAD).size() - 1);
    assertThat(first.get("state"))
        .as("the author's and the bot's approvals do not count")
        .isEqualTo("failed");
    assertThat(first.get("description")).startsWith("Approval required");

    gitlab.approvedBy.add("alice");
    deliver("Merge Request Hook", "merge_request.approved.json");
    awaitJobsDone(2);
    assertThat(statusesOf(HEAD).get(statusesOf(HEAD).size() - 1).get("state")).isEqualTo("success");
  }

  /** The merge request now only adds {@code V4__change.sql} on top of V1..V3; the summary note it got. */
  String reviewedAlone(String sql) {
    gitlab.clearChanges();
    gitlab.file("db/migration/V4__change.sql", true, addedDiff(sql), sql, null);
    deliver("Merge Request Hook", "merge_request.open.json");
    awaitJobsDone(1);
    assertThat(gitlab.notes).hasSize(1);
    return gitlab.notes.get(0).path("body").asText();
  }

  @Test
  void altering_a_table_the_first_migration_created_gets_the_traced_lock_on_it_and_no_tr101() {
    String note =
        reviewedAlone("ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false NOT NULL;\n");
    assertThat(note)
        .as("the replica replayed V1..V3 from the clone, so orders exists")
        .contains(
            "| 1 | `V4__change.sql:1`<br>`ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false NOT NULL`"
                + " | *traced:* ACCESS EXCLUSIVE on `public.orders` |")
        .contains("schema from the migration history (3 migration(s)")
        .doesNotContain("TR101")
        .doesNotContain("does not exist");
    assertThat(note)
        .as("the header names the project, merge request and refs")
        .contains("`" + PROJECT + "` #1 ")
        .contains("`ms-viewport` (`" + gitlab.gitHead().substring(0, 7) + "`) into `master`")
        .doesNotContain("/tmp/");
    assertThat(statusesOf(HEAD))
        .extracting(st -> st.get("state"))
        .containsExactly("pending", "success");
    assertThat(gitlab.gitRequests())
        .as("cloned with the token as oauth2")
        .isNotEmpty()
        .allMatch(r -> r.authorization().startsWith("Basic "));
  }

  @Test
  void dropping_a_column_a_base_migration_created_is_reviewed_against_that_column() {
    String note = reviewedAlone("ALTER TABLE customers DROP COLUMN name;\n");
    assertThat(note)
        .contains("*traced:* ACCESS EXCLUSIVE on `public.customers`")
        .contains("[DS102]")
        .contains("Dropping column `customers.name`")
        .doesNotContain("TR101");
    assertThat(statusesOf(HEAD))
        .extracting(st -> st.get("state"))
        .containsExactly("pending", "failed");
  }
}
