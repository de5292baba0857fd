package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.jobs.ApplyJobHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Apply on merge over real HTTP: a signed {@code pull_request closed merged:true} delivery, the apply job, two target
 * databases (staging, production, both {@code apply: auto}) on the embedded PostgreSQL, the audit log in the state
 * store, the PR comment on the fake GitHub, and {@code GET /api/audit}.
 */
class ApplyOnMergeEndToEndTest {
  static final String REPO = "Codertocat/Hello-World";
  static final String BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  static final String MERGE = "9d1e0f3a5b7c9d1e0f3a5b7c9d1e0f3a5b7c9d1e";
  static final String API_TOKEN = "audit-api-token-7c1e";
  static final String DB_PASSWORD = "hunter2-db-secret";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();

  FakeGitHub github;
  String stateUrl;
  String staging;
  String production;
  WardenServer server;

  @BeforeEach
  void start() {
    github = new FakeGitHub(REPO, 2, BASE, HEAD);
    github.content(
        MERGE,
        ".schemawarden.yml",
        """
        migrations:
          tool: plain
          locations: [migrations]
        policy: policy.yml
        environments:
          - name: staging
            url-env: STAGING_URL
            apply: auto
          - name: production
            url-env: PROD_URL
            apply: auto
          - name: reporting
            url-env: REPORTING_URL
        """);
    github.content(
        MERGE,
        "policy.yml",
        """
        version: 1
        rules:
          - id: no-destructive
            match:
              operations: [destructive]
            action:
              deny: destructive changes go through a data-retention review, not a migration
        """);
    stateUrl = ServiceHarness.freshDatabase();
    staging = ServiceHarness.freshDatabase();
    production = ServiceHarness.freshDatabase();
    for (String db : List.of(staging, production)) {
      exec(db, "CREATE TABLE orders (id bigint PRIMARY KEY, note text)");
    }
    // The password is ignored by the embedded server (trust) but must never reach the audit log or
    // the API.
    Map<String, String> env =
        Map.of(
            "STAGING_URL",
            staging + "&password=" + DB_PASSWORD,
            "PROD_URL",
            production + "&password=" + DB_PASSWORD);
    ServiceConfig config = ServiceHarness.config(stateUrl, github.url());
    server =
        WardenServer.start(
            config,
            List.of(new GithubCodeHost(config.github().orElseThrow())),
            WardenServer.withApply(
                (store, hosts) -> job -> {}, dev.schemawarden.app.testing.Reviews.service(), env),
            Optional.of(API_TOKEN));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    github.close();
  }

  void migration(String path, String sql) {
    github.file(path, "added", "@@ -0,0 +1,1 @@\n+" + sql.strip(), sql, null);
    github.content(MERGE, path, sql);
  }

  HttpResponse<String> merge() {
    ObjectNode p = (ObjectNode) read(payload("pull_request.opened.json"));
    p.put("action", "closed");
    ObjectNode pr = (ObjectNode) p.get("pull_request");
    pr.put("state", "closed").put("merged", true).put("merge_commit_sha", MERGE);
    return deliver(
        server.port(),
        "pull_request",
        p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  void awaitApplyJob() {
    await(
        "the apply job finished",
        WAIT,
        () ->
            count(
                    stateUrl,
                    "SELECT count(*) FROM jobs WHERE kind = 'apply' AND status IN ('done', 'failed')")
                == 1);
  }

  String applyComment() {
    return github.issueComments.stream()
        .map(c -> c.path("body").asText())
        .filter(b -> b.startsWith(ApplyJobHandler.MARKER))
        .findFirst()
        .orElse("");
  }

  @Test
  void
      merged_pull_request_is_applied_to_staging_then_production_audited_and_commented_and_served_by_the_api() {
    migration(
        "migrations/001_widgets.sql", "CREATE TABLE widgets (id bigint PRIMARY KEY, name text);\n");

    HttpResponse<String> ack = merge();
    assertThat(ack.statusCode()).isEqualTo(202);
    assertThat(ack.body()).contains("apply queued");
    HttpResponse<String> again = merge();
    assertThat(again.body())
        .as("a second merge hook for the same PR makes no second apply")
        .contains("coalesced");
    awaitApplyJob();

    for (String db : List.of(staging, production)) {
      assertThat(
              count(
                  db,
                  "SELECT count(*) FROM information_schema.tables WHERE table_name = 'widgets'"))
          .as("widgets exists in %s", db)
          .isEqualTo(1);
    }
    assertThat(
            count(stateUrl, "SELECT count(*) FROM warden_audit.audit_log WHERE event = 'applied'"))
        .isEqualTo(2);
    assertThat(
            count(
                stateUrl,
                "SELECT count(*) FROM warden_audit.audit_log WHERE environment = 'reporting'"))
        .as("apply: manual environments are left alone on merge")
        .isZero();
    String comment = applyComment();
    assertThat(comment)
        .contains("apply: applied")
        .contains("| staging | **applied** | #1 |")
        .contains("| production | **applied** | #2 |")
        .doesNotContain(DB_PASSWORD);

    // GET /api/audit: token required, filters and pages work, no secrets.
    assertThat(api("/api/audit", null).statusCode()).isEqualTo(401);
    assertThat(api("/api/audit", "wrong-token").statusCode()).isEqualTo(401);
    HttpResponse<String> all = api("/api/audit", API_TOKEN);
    assertThat(all.statusCode()).isEqualTo(200);
    JsonNode entries = read(all.body());
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).path("merge_sha").asText()).isEqualTo(MERGE);
    assertThat(entries.get(0).path("head_sha").asText()).isEqualTo(HEAD);
    assertThat(entries.get(0).path("hash").asText()).hasSize(64);
    assertThat(all.body()).doesNotContain(DB_PASSWORD);
    assertThat(read(api("/api/audit?env=production", API_TOKEN).body()))
        .singleElement()
        .satisfies(e -> assertThat(e.path("environment").asText()).isEqualTo("production"));
    assertThat(read(api("/api/audit?event=refused", API_TOKEN).body())).isEmpty();
    assertThat(read(api("/api/audit?repo=" + REPO + "&event=applied", API_TOKEN).body()))
        .hasSize(2);
    assertThat(read(api("/api/audit?repo=other/repo", API_TOKEN).body())).isEmpty();
    assertThat(read(api("/api/audit?since=2000-01-01&until=2000-01-02", API_TOKEN).body()))
        .isEmpty();
    HttpResponse<String> page1 = api("/api/audit?limit=1", API_TOKEN);
    assertThat(read(page1.body())).hasSize(1);
    assertThat(page1.headers().firstValue("X-Next-After")).contains("1");
    JsonNode page2 = read(api("/api/audit?limit=1&after=1", API_TOKEN).body());
    assertThat(page2)
        .singleElement()
        .satisfies(e -> assertThat(e.path("seq").asLong()).isEqualTo(2));
    assertThat(api("/api/audit?event=exploded", API_TOKEN).statusCode()).isEqualTo(400);
  }

  @Test
  void
      merged_destructive_pull_request_is_refused_recorded_unchanged_and_the_comment_says_refused() {
    migration("migrations/002_drop_note.sql", "ALTER TABLE orders DROP COLUMN note;\n");

    assertThat(merge().statusCode()).isEqualTo(202);
    awaitApplyJob();

    for (String db : List.of(staging, production)) {
      assertThat(
              count(
                  db,
                  "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders'"
                      + " AND column_name = 'note'"))
          .as("note still exists in %s", db)
          .isEqualTo(1);
    }
    assertThat(
            count(
                stateUrl,
                "SELECT count(*) FROM warden_audit.audit_log WHERE event = 'refused'"
                    + " AND environment = 'staging'"))
        .isEqualTo(1);
    assertThat(
            count(stateUrl, "SELECT count(*) FROM warden_audit.audit_log WHERE event = 'applied'"))
        .isZero();
    assertThat(applyComment())
        .contains("apply: refused")
        .contains("| staging | **refused** | #1 |")
        .contains("| production | **skipped** | - |")
        .contains("deny");
  }

  HttpResponse<String> api(String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return ServiceHarness.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String text) {
    return read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static void exec(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
