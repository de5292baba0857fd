package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ServiceHarness.SECRET;
import static dev.schemawarden.app.server.ServiceHarness.await;
import static dev.schemawarden.app.server.ServiceHarness.count;
import static dev.schemawarden.app.server.ServiceHarness.payload;
import static dev.schemawarden.app.server.ServiceHarness.post;
import static dev.schemawarden.app.server.ServiceHarness.sign;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP semantics of {@code warden serve} over real HTTP: the wrong method is 405 with {@code Allow}, a malformed
 * header is 400 (never a 503 from the state store), and every status any layer answers is counted in /metrics.
 */
@Timeout(120)
class HttpSemanticsTest {
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
    ServiceConfig config =
        ServiceConfig.fromEnv(
                Map.of(
                    "WARDEN_PORT", "0",
                    "WARDEN_GITHUB_WEBHOOK_SECRET", SECRET,
                    "WARDEN_GITHUB_TOKEN", ServiceHarness.TOKEN,
                    "WARDEN_GITHUB_API_URL", github.url(),
                    "WARDEN_GITLAB_URL", "http://127.0.0.1:9",
                    "WARDEN_GITLAB_TOKEN", "glpat-test",
                    "WARDEN_GITLAB_WEBHOOK_TOKEN", "gitlab-hook-token",
                    "WARDEN_WORKERS", "1"))
            .withState(
                new dev.schemawarden.app.state.StateSettings(
                    Optional.of(stateUrl), Path.of("unused"), 18))
            .withQueue(ServiceHarness.fastQueue());
    server = ServiceHarness.start(config);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(Duration.ZERO);
    }
    github.close();
  }

  private HttpResponse<String> send(String method, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return ServiceHarness.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String metrics() {
    return ServiceHarness.get(server.port(), "/metrics").body();
  }

  private void counted(String route, String method, int status) {
    String series =
        "warden_http_responses_total{method=\""
            + method
            + "\",route=\""
            + route
            + "\",status=\""
            + status
            + "\"}";
    // The count is taken once the response is written: give the request logger its moment.
    await(series + " in /metrics", Duration.ofSeconds(5), () -> metrics().contains(series));
  }

  @Test
  void a_webhook_route_answers_405_with_allow_post_to_any_other_method() {
    for (String host : new String[] {"github", "gitlab"}) {
      HttpResponse<String> get = send("GET", "/webhooks/" + host);
      assertThat(get.statusCode())
          .as("GET /webhooks/" + host + ": the method is wrong, not the credentials")
          .isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).contains("POST");
      assertThat(send("PUT", "/webhooks/" + host).statusCode()).isEqualTo(405);
    }
    assertThat(send("GET", "/webhooks/bitbucket").statusCode())
        .as("no such endpoint at all")
        .isEqualTo(404);
    counted("/webhooks/{host}", "GET", 405);
  }

  @Test
  void a_5000_character_delivery_id_is_400_and_nothing_is_stored() {
    byte[] body = payload("pull_request.opened.json");
    StringBuilder id = new StringBuilder();
    while (id.length() < 5_000) {
      id.append(
          java.util.UUID
              .randomUUID()); // incompressible: too big for the deliveries key's index (was 503)
    }

    HttpResponse<String> r =
        post(server.port(), "pull_request", id.substring(0, 5_000), body, sign(body, SECRET));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("malformed X-GitHub-Delivery header (5000 characters)");
    assertThat(count(stateUrl, "SELECT count(*) FROM deliveries")).isZero();
    counted("/webhooks/{host}", "POST", 400);
  }

  @Test
  void a_10000_character_delivery_id_is_refused_by_jetty_before_any_handler() {
    byte[] body = payload("pull_request.opened.json");

    HttpResponse<String> r =
        post(server.port(), "pull_request", "X".repeat(10_000), body, sign(body, SECRET));

    assertThat(r.statusCode())
        .as(
            "over Jetty's 8 KiB header limit: 431 Request Header Fields Too Large, a 4xx the"
                + " host does not retry as it would a 503")
        .isEqualTo(431);
    assertThat(count(stateUrl, "SELECT count(*) FROM deliveries")).isZero();
  }

  @Test
  void malformed_id_and_event_headers_are_400_before_the_signature_is_checked() {
    byte[] body = payload("ping.json");

    assertThat(post(server.port(), "ping", "id with spaces", body, sign(body, SECRET)).statusCode())
        .isEqualTo(400);
    assertThat(post(server.port(), "e".repeat(65), "d-1", body, null).statusCode())
        .as("an unsigned request cannot put an unbounded event name into the metrics' tags")
        .isEqualTo(400);
    assertThat(metrics()).doesNotContain("e".repeat(65));
    assertThat(
            post(
                    server.port(),
                    "ping",
                    "0b9e4a52-5c0d-11ef-8f1e-3a1b2c3d4e5f",
                    body,
                    sign(body, SECRET))
                .statusCode())
        .as("a real GitHub delivery id passes")
        .isEqualTo(200);
  }

  @Test
  void every_status_is_counted_in_metrics_by_route_and_status() throws Exception {
    byte[] body = payload("ping.json");
    assertThat(post(server.port(), "ping", "d-200", body, sign(body, SECRET)).statusCode())
        .isEqualTo(200);
    assertThat(post(server.port(), "ping", "d-401", body, sign(body, "wrong")).statusCode())
        .isEqualTo(401);
    byte[] big = new byte[(int) ServiceConfig.DEFAULT_MAX_BODY_BYTES + 1];
    assertThat(post(server.port(), "ping", "d-413", big, null).statusCode()).isEqualTo(413);
    assertThat(send("GET", "/nowhere").statusCode()).isEqualTo(404);

    counted("/webhooks/{host}", "POST", 200);
    counted("/webhooks/{host}", "POST", 401);
    counted("/webhooks/{host}", "POST", 413);
    counted("unmatched", "GET", 404);
    counted("/metrics", "GET", 200);

    // The state store goes away (its database is dropped under the running service): readiness
    // answers 503.
    try (Connection c = ServiceHarness.postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + stateUrl.replaceAll(".*/([^/?]+).*", "$1") + " WITH (FORCE)");
    }
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(503);
    counted("/readyz", "GET", 503);
  }
}
