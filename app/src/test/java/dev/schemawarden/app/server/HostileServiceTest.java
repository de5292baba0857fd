package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.await;
import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static dev.schemawarden.app.server.ServiceHarness.get;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code warden serve} given pull requests written by an attacker: a statement that swallows every cancel, an
 * escape the text filter misses. Each review ends with the finding that says why, no command runs on the host, the
 * service stays healthy and the next pull request is reviewed normally.
 */
@Timeout(180)
class HostileServiceTest {
  static final String REPO = GithubWebhookEndToEndTest.REPO;
  static final String BASE = GithubWebhookEndToEndTest.BASE;
  static final String HEAD = GithubWebhookEndToEndTest.HEAD;
  static final String V4 = "db/migration/V4__hostile.sql";

  FakeGitHub github;
  String stateUrl;
  WardenServer server;
  Path marker;

  @BeforeEach
  void start() {
    marker = Path.of("/tmp", "warden-hostile-service-" + UUID.randomUUID());
    github = new FakeGitHub(REPO, 2, BASE, HEAD);
    github.content(
        BASE,
        ".schemawarden.yml",
        "migrations:\n  tool: flyway\nreplica:\n  statement-timeout: 2s\n");
    stateUrl = ServiceHarness.freshDatabase();
    server = ServiceHarness.start(ServiceHarness.config(stateUrl, github.url()));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    github.close();
    assertThat(marker).as("a command from the pull request ran on the review host").doesNotExist();
    Files.deleteIfExists(marker);
  }

  private void pullRequestAdds(String sql) {
    github.file(V4, "added", GithubWebhookEndToEndTest.addedPatch(sql), sql, null);
  }

  private JsonNode reviewed(String event, long jobsDone) {
    assertThat(deliver(server.port(), "pull_request", payload(event)).statusCode()).isEqualTo(202);
    await(
        jobsDone + " job(s) done",
        Duration.ofSeconds(90),
        () -> count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'") >= jobsDone);
    List<JsonNode> runs = new ArrayList<>(github.checkRuns.values());
    return runs.get(runs.size() - 1);
  }

  @Test
  void a_cancel_swallowing_loop_ends_in_TR107_and_the_next_pull_request_is_reviewed_normally() {
    pullRequestAdds(
        "DO $$ BEGIN LOOP BEGIN PERFORM pg_sleep(1); EXCEPTION WHEN query_canceled THEN NULL; END;"
            + " END LOOP; END $$;\n");
    long t0 = System.nanoTime();

    JsonNode first = reviewed("pull_request.opened.json", 1);

    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .as("the job ends, it does not hold its lease")
        .isLessThan(Duration.ofSeconds(60));
    assertThat(first.path("conclusion").asText()).isEqualTo("failure");
    assertThat(first.path("all_annotations").toString()).contains("TR107").contains("terminated");
    assertThat(get(server.port(), "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(server.port(), "/readyz").statusCode()).isEqualTo(200);

    github.content(HEAD, V4, "CREATE TABLE audit_log (id bigint PRIMARY KEY);\n");
    JsonNode next = reviewed("pull_request.synchronize.json", 2);

    assertThat(next.path("status").asText()).isEqualTo("completed");
    assertThat(next.path("all_annotations").toString())
        .as("reviewed on a fresh clone")
        .doesNotContain("TR107");
    assertThat(count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'failed'")).isZero();
  }

  @Test
  void an_escape_hidden_from_the_text_filter_is_refused_by_postgres_and_blocks_the_check() {
    pullRequestAdds(
        "DO $$ BEGIN EXECUTE 'CO' || 'PY (SELECT 1) TO PROGRAM ''touch "
            + marker
            + "'''; END $$;\n");

    JsonNode run = reviewed("pull_request.opened.json", 1);

    assertThat(run.path("conclusion").asText()).isEqualTo("failure");
    assertThat(run.path("all_annotations").toString()).contains("TR108");
    assertThat(github.issueComments.get(0).path("body").asText())
        .contains("TR108")
        .contains("needs 1 approval");
  }
}
