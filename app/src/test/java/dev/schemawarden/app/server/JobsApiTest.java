package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemawarden.app.host.github.GithubCodeHost;
import dev.schemawarden.app.jobs.Overrides;
import dev.schemawarden.app.jobs.ReviewJobHandler;
import dev.schemawarden.app.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/jobs} and {@code warden jobs} on a real store: a job that failed for good (its horizon is a few
 * milliseconds here) is listed, retried once the host is back, and then done; cancel refuses a finished job.
 */
class JobsApiTest {
  static final String TOKEN = "api-token-7c1e-never-log-me";

  FakeGitHub github;
  String stateUrl;
  WardenServer server;

  @BeforeEach
  void start() {
    github =
        new FakeGitHub(
            GithubWebhookEndToEndTest.REPO,
            2,
            GithubWebhookEndToEndTest.BASE,
            GithubWebhookEndToEndTest.HEAD);
    stateUrl = ServiceHarness.freshDatabase();
    ServiceConfig config = ServiceHarness.config(stateUrl, github.url());
    config = config.withQueue(config.queue().withHorizon(Duration.ofMillis(1)));
    ServiceConfig started = config;
    server =
        WardenServer.start(
            config,
            List.of(new GithubCodeHost(config.github().orElseThrow())),
            (store, hosts) ->
                new ReviewJobHandler(
                    hosts,
                    dev.schemawarden.app.testing.Reviews.service(),
                    new Overrides(store),
                    new dev.schemawarden.app.git.RepositoryCache(started.repositories())),
            Optional.of(TOKEN));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    github.close();
  }

  HttpResponse<String> api(String method, String path, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return ServiceHarness.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode json(HttpResponse<String> r) {
    try {
      return FakeGitHub.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long failedJob() {
    github.outage(
        java.time.Clock.systemUTC(),
        Instant.now().plusSeconds(3600),
        route -> false,
        new FakeGitHub.Injected(503, Map.of(), "{}"));
    deliver(server.port(), "pull_request", ServiceHarness.payload("pull_request.opened.json"));
    ServiceHarness.await(
        "the job to fail past its horizon",
        Duration.ofSeconds(30),
        () ->
            ServiceHarness.count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'failed'")
                == 1);
    github.outage(
        java.time.Clock.systemUTC(),
        Instant.EPOCH,
        route -> false,
        new FakeGitHub.Injected(503, Map.of(), "{}"));
    return ServiceHarness.count(stateUrl, "SELECT id FROM jobs");
  }

  @Test
  void the_api_needs_the_bearer_token() {
    assertThat(api("GET", "/api/jobs", null).statusCode()).isEqualTo(401);
    assertThat(api("GET", "/api/jobs", "wrong").statusCode()).isEqualTo(401);
    assertThat(api("POST", "/api/jobs/1/retry", null).statusCode()).isEqualTo(401);
    assertThat(api("POST", "/api/jobs/1/cancel", "wrong").statusCode()).isEqualTo(401);
    assertThat(api("GET", "/api/jobs", TOKEN).statusCode()).isEqualTo(200);
    assertThat(api("GET", "/api/jobs?status=bogus", TOKEN).statusCode())
        .as("a status that does not exist")
        .isEqualTo(400);
    assertThat(api("POST", "/api/jobs/424242/retry", TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void a_job_failed_past_its_horizon_is_listed_retried_through_the_api_and_then_done() {
    long id = failedJob();
    JsonNode failed = json(api("GET", "/api/jobs?status=failed", TOKEN));
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("id").asLong()).isEqualTo(id);
    assertThat(failed.get(0).path("last_error").asText()).contains("retry horizon", "HTTP 503");
    assertThat(failed.get(0).has("payload")).as("never the payload").isFalse();

    HttpResponse<String> retried = api("POST", "/api/jobs/" + id + "/retry", TOKEN);
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(json(retried).path("status").asText())
        .as("a worker may take it at once")
        .isIn("queued", "running");
    ServiceHarness.await(
        "the retried job done",
        Duration.ofSeconds(30),
        () ->
            ServiceHarness.count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'done'") == 1);
    assertThat(github.checkRuns).hasSize(1);

    HttpResponse<String> cancel = api("POST", "/api/jobs/" + id + "/cancel", TOKEN);
    assertThat(cancel.statusCode()).as("a done job cannot be cancelled").isEqualTo(409);
    assertThat(cancel.body()).contains("is done");
  }

  @Test
  void warden_jobs_lists_retries_and_cancels_against_the_store() {
    long id = failedJob();
    server.stop(Duration.ZERO); // the CLI works on the store alone
    server = null;
    Cli.Run list = Cli.run("jobs", "list", "--status", "failed", "--state-url", stateUrl);
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains(Long.toString(id)).contains("failed").contains("retry horizon");
    Cli.Run json = Cli.run("jobs", "list", "--format", "json", "--state-url", stateUrl);
    assertThat(json.out()).contains("\"status\" : \"failed\"");

    Cli.Run retry = Cli.run("jobs", "retry", "--all-failed", "--state-url", stateUrl);
    assertThat(retry.out()).contains("requeued 1 failed job(s)");
    Cli.Run cancel = Cli.run("jobs", "cancel", Long.toString(id), "--state-url", stateUrl);
    assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
    assertThat(
            ServiceHarness.count(stateUrl, "SELECT count(*) FROM jobs WHERE status = 'cancelled'"))
        .isEqualTo(1);

    Cli.Run again = Cli.run("jobs", "cancel", Long.toString(id), "--state-url", stateUrl);
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err())
        .as("one clear line")
        .contains("job " + id + " is cancelled")
        .doesNotContain("at dev.");
    Cli.Run bad = Cli.run("jobs", "list", "--status", "nope", "--state-url", stateUrl);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown job status 'nope'");
  }

  @Test
  void a_hostile_delivery_id_the_store_could_not_keep_is_400_not_503() {
    byte[] body = ServiceHarness.payload("pull_request.opened.json");
    HttpResponse<String> longId =
        ServiceHarness.post(
            server.port(),
            "pull_request",
            "d".repeat(5_000),
            body,
            ServiceHarness.sign(body, ServiceHarness.SECRET));
    assertThat(longId.statusCode())
        .as("a 503 would make the host redeliver it forever")
        .isEqualTo(400);
    assertThat(longId.body()).contains("malformed X-GitHub-Delivery header");
    assertThat(ServiceHarness.count(stateUrl, "SELECT count(*) FROM deliveries")).isZero();
    assertThat(ServiceHarness.deliver(server.port(), "pull_request", body).statusCode())
        .as("the service is fine afterwards")
        .isEqualTo(202);
  }
}
