package dev.schemawarden.app.server;

import static dev.schemawarden.app.server.ConsoleFixtures.get;
import static dev.schemawarden.app.server.ConsoleFixtures.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.audit.AuditEvent;
import dev.schemawarden.app.audit.AuditLog;
import dev.schemawarden.app.audit.AuditRecord;
import dev.schemawarden.app.console.ReviewLog;
import dev.schemawarden.app.review.ReplicaHolder;
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
import dev.schemawarden.app.testing.SimulatedClock;
import dev.schemawarden.replica.api.ReplicaProvider;
import dev.schemawarden.replica.api.ReplicaSettings;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The console on a real {@code warden serve} (port 0, the state store on embedded PostgreSQL): who gets in, that
 * hostile text stays text, and that filters and pages return what they say. One server for the class.
 */
class ConsoleServerTest {
  static final String TOKEN = "console-token-4d1f-never-render-me";
  static final String HOSTILE_SQL =
      "ALTER TABLE orders ADD COLUMN note text DEFAULT '</code><script>alert(1)</script>'";
  static final String HOSTILE_TITLE = "<img src=x onerror=alert(1)> faster orders";
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  static String stateUrl;
  static WardenServer server;
  static StateStore store;
  static long hostileId;

  /** Not started until a test asks: the health must report it without starting it. */
  static ReplicaHolder replicas;

  @BeforeAll
  static void start() {
    stateUrl = ServiceHarness.freshDatabase();
    // The server provider on the suite's one embedded PostgreSQL: a real replica cluster, no new
    // start.
    replicas =
        new ReplicaHolder(
            () ->
                ReplicaProvider.server(
                    ServiceHarness.postgres().getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    "",
                    "",
                    ReplicaSettings.defaults()));
    server =
        WardenServer.start(
            ServiceHarness.config(stateUrl, "http://127.0.0.1:9"),
            List.of(),
            (s, hosts) -> job -> {},
            Optional.of(TOKEN),
            java.time.Clock.systemUTC(),
            WardenServer.McpFactory.NONE,
            WardenServer.replicaStatus(replicas));
    store = StateStore.open(new StateSettings(Optional.of(stateUrl), Path.of("unused"), 2));
    ReviewLog reviews = new ReviewLog(store);
    // 120 reviews, one an hour: acme/shop gets even numbers, acme/billing odd ones; every third is
    // denied.
    for (int i = 1; i <= 120; i++) {
      String repo = i % 2 == 0 ? "acme/shop" : "acme/billing";
      String decision = i % 3 == 0 ? "deny" : "allow";
      reviews.insert(
          ConsoleFixtures.summary(repo, i, "change " + i, decision, T0.plus(Duration.ofHours(i))),
          ConsoleFixtures.report(
              "public.orders", "ALTER TABLE orders ADD COLUMN c" + i + " int", decision));
    }
    hostileId =
        reviews.insert(
            ConsoleFixtures.summary(
                "acme/<b>evil</b>",
                999,
                HOSTILE_TITLE,
                "needs_approval",
                T0.minus(Duration.ofDays(30))),
            ConsoleFixtures.report("public.orders", HOSTILE_SQL, "needs_approval"));
    AuditLog audit = AuditLog.open(store);
    audit.append(
        AuditRecord.of(AuditEvent.REVIEWED, "acme/shop", "")
            .withPr(7, "alice")
            .withNote("reviewed"));
    audit.append(
        AuditRecord.of(AuditEvent.APPLIED, "acme/shop", "prod")
            .withPr(7, "alice")
            .withNote("applied <script>alert(2)</script>"));
    audit.append(
        AuditRecord.of(AuditEvent.TOOL_CALLED, "acme/billing", "staging")
            .withActor("agent:ci-bot"));
  }

  @AfterAll
  static void stop() {
    replicas.close();
    store.close();
    server.stop(Duration.ZERO);
  }

  static int port() {
    return server.port();
  }

  static String cookie() {
    HttpResponse<String> r =
        postForm(port(), "/signin", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
    String set = r.headers().firstValue("Set-Cookie").orElseThrow();
    return set.substring(0, set.indexOf(';'));
  }

  static HttpResponse<String> page(String path) {
    return get(port(), path, "Cookie", cookie());
  }

  static List<Long> reviewIds(String html) {
    List<Long> ids = new ArrayList<>();
    Matcher m = Pattern.compile("href=\"/reviews/(\\d+)\"").matcher(html);
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  @Nested
  class Access {
    @Test
    void a_page_without_a_session_redirects_to_the_sign_in_form_and_an_api_call_gets_401() {
      assertThat(get(port(), "/").statusCode()).as("no session, no token").isEqualTo(303);
      assertThat(get(port(), "/").headers().firstValue("Location")).contains("/signin");
      assertThat(get(port(), "/audit").statusCode()).isEqualTo(303);
      assertThat(get(port(), "/reviews/1").statusCode()).isEqualTo(303);
      assertThat(get(port(), "/api/reviews").statusCode()).isEqualTo(401);
      assertThat(get(port(), "/api/reviews", "Authorization", "Bearer wrong").statusCode())
          .isEqualTo(401);
      assertThat(get(port(), "/api/reviews", "Authorization", "Bearer " + TOKEN).statusCode())
          .isEqualTo(200);
      assertThat(get(port(), "/", "Authorization", "Bearer " + TOKEN).statusCode())
          .as("scripts may read pages with the bearer token")
          .isEqualTo(200);
    }

    @Test
    void signing_in_sets_an_http_only_strict_cookie_that_is_not_the_token_and_opens_every_page() {
      HttpResponse<String> wrong = postForm(port(), "/signin", "token=guess-123");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("Set-Cookie"))
          .as("no session for a wrong token")
          .isEmpty();
      assertThat(wrong.body()).as("the guess is not echoed").doesNotContain("guess-123");

      HttpResponse<String> ok = postForm(port(), "/signin", "token=" + TOKEN);
      assertThat(ok.statusCode()).isEqualTo(303);
      String set = ok.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(set)
          .contains("HttpOnly", "SameSite=Strict", "Path=/")
          .doesNotContain("Secure")
          .doesNotContain(TOKEN);
      String cookie = set.substring(0, set.indexOf(';'));
      for (String path :
          List.of("/", "/reviews/" + hostileId, "/audit", "/audit/1", "/audit/verify")) {
        HttpResponse<String> r = get(port(), path, "Cookie", cookie);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.body()).as("no page renders the token: " + path).doesNotContain(TOKEN);
        assertThat(r.headers().firstValue("Content-Security-Policy"))
            .as(path)
            .get()
            .asString()
            .contains("default-src 'none'");
      }
      assertThat(get(port(), "/api/reviews", "Cookie", cookie).statusCode())
          .as("the JSON too")
          .isEqualTo(200);
    }

    @Test
    void behind_a_tls_proxy_the_cookie_is_secure() {
      HttpResponse<String> ok =
          postForm(port(), "/signin", "token=" + TOKEN, "X-Forwarded-Proto", "https");
      assertThat(ok.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void a_forged_or_altered_cookie_is_refused() {
      String cookie = cookie();
      String[] parts = cookie.substring(cookie.indexOf('=') + 1).split("\\.");
      String longer =
          ConsoleAccess.COOKIE
              + "="
              + parts[0]
              + "."
              + (Long.parseLong(parts[1]) + 86_400)
              + "."
              + parts[2];
      assertThat(get(port(), "/", "Cookie", longer).statusCode())
          .as("expiry pushed out")
          .isEqualTo(303);
      assertThat(get(port(), "/", "Cookie", ConsoleAccess.COOKIE + "=" + TOKEN).statusCode())
          .as("the token as a cookie is no session")
          .isEqualTo(303);
      HttpResponse<String> out = postForm(port(), "/signout", "", "Cookie", cookie);
      assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    }
  }

  @Nested
  class Escaping {
    @Test
    void a_script_in_a_migration_title_or_repository_renders_as_text() {
      String html = page("/reviews/" + hostileId).body();
      assertThat(html)
          .as("the statement is shown, escaped")
          .contains("&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
          .doesNotContain("<script>")
          .doesNotContain("<img src=x")
          .contains("&lt;img src=x onerror=alert(1)&gt; faster orders")
          .contains("acme/&lt;b&gt;evil&lt;/b&gt;");
      String list =
          page("/?repository=" + URLEncoder.encode("acme/<b>evil</b>", StandardCharsets.UTF_8))
              .body();
      assertThat(list)
          .contains("acme/&lt;b&gt;evil&lt;/b&gt;")
          .doesNotContain("<b>evil")
          .as("the filter's value is echoed escaped in its input")
          .contains("value=\"acme/&lt;b>evil&lt;/b>\"");
      assertThat(page("/audit").body())
          .contains("applied &lt;script&gt;alert(2)&lt;/script&gt;")
          .doesNotContain("<script>");
      assertThat(page("/?repository=%22%3E%3Cscript%3E").body())
          .as("attribute context")
          .doesNotContain("\"><script>");
    }

    @Test
    void the_detail_page_shows_the_lock_timeline_with_access_exclusive_until_commit() {
      String html = page("/reviews/" + hostileId).body();
      assertThat(html)
          .contains(
              "ACCESS EXCLUSIVE",
              "SHARE UPDATE EXCLUSIVE",
              "public.orders",
              "commit",
              "~4200 ms, blocks reads and writes",
              "LK101",
              "add the column without a default",
              "public.tmp_idx",
              "POL002",
              "org/dba",
              "href=\"https://github.com/acme/");
    }
  }

  @Nested
  class Filters_and_pages {
    @Test
    void the_list_is_newest_first_in_pages_of_fifty_with_a_next_link_that_keeps_the_filters() {
      String first = page("/?repository=acme/shop").body();
      List<Long> ids = reviewIds(first);
      assertThat(ids).as("60 shop reviews: a full first page").hasSize(ConsoleHandlers.PAGE);
      assertThat(ids).as("newest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
      Matcher next = Pattern.compile("href=\"(/\\?before=[^\"]+)\" rel=\"next\"").matcher(first);
      assertThat(next.find()).as("a next link").isTrue();
      String url = next.group(1).replace("&amp;", "&");
      assertThat(url).contains("repository=acme%2Fshop");
      List<Long> second = reviewIds(page(url).body());
      assertThat(second).hasSize(10).doesNotContainAnyElementsOf(ids);
      assertThat(second.get(0)).isLessThan(ids.get(ids.size() - 1));
    }

    @Test
    void decision_and_dates_filter_the_list_and_the_json() throws Exception {
      JsonNode denied =
          JSON.readTree(
              get(
                      port(),
                      "/api/reviews?decision=deny&limit=1000",
                      "Authorization",
                      "Bearer " + TOKEN)
                  .body());
      assertThat(denied).hasSize(40);
      denied.forEach(r -> assertThat(r.path("decision").asText()).isEqualTo("deny"));
      // T0 + 1h .. T0 + 120h: the first day (2026-11-01) holds hours 1..13
      JsonNode day =
          JSON.readTree(
              get(
                      port(),
                      "/api/reviews?since=2026-11-01&until=2026-11-02",
                      "Authorization",
                      "Bearer " + TOKEN)
                  .body());
      assertThat(day).as("hours 1..13 of the first day").hasSize(13);
      HttpResponse<String> bad = page("/?since=yesterday");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("since must be a date");
      assertThat(page("/?decision=maybe").body()).contains("unknown decision");
      JsonNode one =
          JSON.readTree(
              get(port(), "/api/reviews/" + hostileId, "Authorization", "Bearer " + TOKEN).body());
      assertThat(
              one.path("report")
                  .path("migrations")
                  .get(0)
                  .path("statements")
                  .get(0)
                  .path("sql")
                  .asText())
          .isEqualTo(HOSTILE_SQL);
    }

    @Test
    void audit_filters_by_actor_environment_object_and_outcome_and_verify_names_a_tampered_entry()
        throws Exception {
      assertThat(page("/audit?actor=agent:ci-bot").body())
          .contains("<td>tool_called</td>")
          .doesNotContain("<td>applied</td>");
      assertThat(page("/audit?env=prod").body())
          .contains("<td>applied</td>")
          .doesNotContain("<td>tool_called</td>");
      assertThat(page("/audit?object=acme/billing").body())
          .contains("<td>tool_called</td>")
          .doesNotContain("<td>reviewed</td>");
      assertThat(page("/audit?outcome=reviewed").body())
          .contains("<td>reviewed</td>")
          .doesNotContain("<td>applied</td>");
      assertThat(page("/audit/verify").body()).contains("Chain verified: 3 entries");
      try (Connection c = DriverManager.getConnection(stateUrl);
          Statement s = c.createStatement()) {
        s.execute("ALTER TABLE warden_audit.audit_log DISABLE TRIGGER USER");
        s.execute(
            "UPDATE warden_audit.audit_log SET body = replace(body, 'alice', 'mallory') WHERE seq = 2");
        s.execute("ALTER TABLE warden_audit.audit_log ENABLE TRIGGER USER");
      }
      assertThat(page("/audit/verify").body())
          .contains("Chain broken at entry", "href=\"/audit/2\"");
    }
  }

  @Nested
  class Health_and_proposals {
    @Test
    void health_counts_failures_of_the_last_day_and_reports_the_replica_without_starting_it()
        throws Exception {
      try (Connection c = DriverManager.getConnection(stateUrl);
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO deliveries (host, delivery_id, event) VALUES ('github', 'health-1', 'pull_request')");
        s.execute(
            "INSERT INTO jobs (host, delivery_id, job_key, kind, payload, status, finished_at, last_error) VALUES"
                + " ('github', 'health-1', 'k1', 'review', '{}', 'failed', now() - interval '2 hours', 'boom'),"
                + " ('github', 'health-1', 'k2', 'review', '{}', 'failed', now() - interval '30 hours', 'old boom'),"
                + " ('github', 'health-1', 'k3', 'review', '{}', 'done', now() - interval '1 hour', NULL)");
      }
      assertThat(get(port(), "/api/health").statusCode()).as("behind the token").isEqualTo(401);
      JsonNode before =
          JSON.readTree(get(port(), "/api/health", "Authorization", "Bearer " + TOKEN).body());
      assertThat(before.path("failed_last_24h").asInt())
          .as("the 30 h old failure is not counted")
          .isEqualTo(1);
      assertThat(before.path("queue").path("failed").asInt()).isEqualTo(2);
      assertThat(before.path("replica").path("started").asBoolean(true)).isFalse();
      assertThat(page("/").body())
          .contains(
              "<b id=\"failed-24h\" class=\"bad\">1</b>", "<b id=\"replica\">not started</b>");
      assertThat(replicas.started()).as("asking for the health started no cluster").isFalse();

      String version = replicas.get().serverVersion().toString();
      JsonNode after =
          JSON.readTree(get(port(), "/api/health", "Authorization", "Bearer " + TOKEN).body());
      assertThat(after.path("replica").path("started").asBoolean()).isTrue();
      assertThat(after.path("replica").path("server_version").asText()).isEqualTo(version);
      assertThat(page("/").body()).contains("started (server, PostgreSQL " + version + ")");
    }

    @Test
    void proposals_are_listed_newest_first_in_pages_with_agent_text_escaped() throws Exception {
      try (Connection c = DriverManager.getConnection(stateUrl);
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO agent_proposals (id, repository, agent, acts_for, path, sql_text, sql_sha256, outcome,"
                + " status, created_at, pull_request_number, pull_request) SELECT 'prop-' || lpad(i::text, 3, '0'),"
                + " 'acme/shop', CASE WHEN i = 55 THEN '<script>alert(3)</script>' ELSE 'agent-' || i END, 'alice',"
                + " 'db/V' || i || '.sql', 'SELECT 1', 'x', 'allow', 'proposed', timestamptz '2026-11-01' + i * interval"
                + " '1 minute', CASE WHEN i = 54 THEN 12 END, CASE WHEN i = 54 THEN 'github:acme/shop#12' END"
                + " FROM generate_series(1, 55) i");
      }
      assertThat(get(port(), "/proposals").statusCode()).as("no session").isEqualTo(303);
      assertThat(get(port(), "/api/proposals").statusCode()).isEqualTo(401);
      String first = page("/proposals").body();
      assertThat(first)
          .contains("&lt;script&gt;alert(3)&lt;/script&gt;", "github:acme/shop#12")
          .doesNotContain("<script>")
          .doesNotContain("SELECT 1");
      assertThat(first.indexOf("agent-54"))
          .as("newest first")
          .isLessThan(first.indexOf("agent-53"));
      Matcher next =
          Pattern.compile("href=\"(/proposals\\?before=[^\"]+)\" rel=\"next\"").matcher(first);
      assertThat(next.find()).as("50 of 55 on the first page").isTrue();
      String second = page(next.group(1).replace("&amp;", "&")).body();
      assertThat(second)
          .contains("agent-5<", "agent-1<")
          .doesNotContain("agent-6<")
          .doesNotContain("rel=\"next\"");
      HttpResponse<String> json =
          get(port(), "/api/proposals?limit=2", "Authorization", "Bearer " + TOKEN);
      JsonNode rows = JSON.readTree(json.body());
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).path("agent").asText()).isEqualTo("<script>alert(3)</script>");
      assertThat(rows.get(1).path("pull_request").asText()).isEqualTo("github:acme/shop#12");
      assertThat(json.headers().firstValue("X-Next-Before")).contains("prop-054");
      assertThat(
              get(
                      port(),
                      "/api/proposals?before=prop-052&limit=1",
                      "Authorization",
                      "Bearer " + TOKEN)
                  .body())
          .contains("\"id\":\"prop-051\"");
      HttpResponse<String> hostile =
          page("/proposals?before=" + URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8));
      assertThat(hostile.statusCode())
          .as("an unknown cursor is an empty page, not SQL")
          .isEqualTo(200);
      assertThat(hostile.body()).contains("No proposals.");
    }
  }

  @Nested
  class Sign_in_limit {
    /** A sign-in sent from {@code source}, a loopback address of its own, over a raw socket. */
    int signInFrom(String source, String token, StringBuilder headers) throws Exception {
      String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      return send(
          source,
          "POST /signin HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              + "Content-Length: "
              + form.length()
              + "\r\n",
          form,
          headers);
    }

    int bearerFrom(String source, String token) throws Exception {
      return send(
          source,
          "GET /api/health HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n",
          "",
          new StringBuilder());
    }

    private int send(String source, String head, String body, StringBuilder headers)
        throws Exception {
      try (Socket socket = new Socket()) {
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
        socket
            .getOutputStream()
            .write(
                (head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
        String response =
            new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        headers.append(response, 0, response.indexOf("\r\n\r\n"));
        return Integer.parseInt(response.substring(9, 12));
      }
    }

    @Test
    void five_failed_sign_ins_from_one_address_lock_it_out_with_retry_after_but_not_others()
        throws Exception {
      for (int i = 1; i <= SignInLimiter.MAX_FAILURES; i++) {
        assertThat(signInFrom("127.0.0.2", "guess-" + i, new StringBuilder()))
            .as("guess " + i)
            .isEqualTo(401);
      }
      StringBuilder headers = new StringBuilder();
      assertThat(signInFrom("127.0.0.2", "guess-6", headers))
          .as("the sixth within a minute")
          .isEqualTo(429);
      Matcher retry = Pattern.compile("(?i)Retry-After: (\\d+)").matcher(headers);
      assertThat(retry.find()).as("Retry-After given: " + headers).isTrue();
      assertThat(Integer.parseInt(retry.group(1))).isBetween(1, 60);
      assertThat(signInFrom("127.0.0.2", TOKEN, new StringBuilder()))
          .as("even the right token waits: a guess that hits must not get through")
          .isEqualTo(429);
      assertThat(signInFrom("127.0.0.3", TOKEN, new StringBuilder()))
          .as("another address")
          .isEqualTo(303);
      assertThat(bearerFrom("127.0.0.2", TOKEN)).as("nor through the API").isEqualTo(429);
      assertThat(
              postForm(port(), "/signin", "token=x", "X-Forwarded-For", "127.0.0.2").statusCode())
          .as("a forwarded-for header does not pick the address")
          .isEqualTo(401);
    }

    @Test
    void wrong_bearer_tokens_count_as_failed_sign_ins_so_the_api_is_no_faster_way_to_guess()
        throws Exception {
      for (int i = 1; i <= SignInLimiter.MAX_FAILURES; i++) {
        assertThat(bearerFrom("127.0.0.4", "guess-" + i)).as("guess " + i).isEqualTo(401);
      }
      assertThat(bearerFrom("127.0.0.4", "guess-6")).isEqualTo(429);
      assertThat(signInFrom("127.0.0.4", TOKEN, new StringBuilder()))
          .as("the form is locked too")
          .isEqualTo(429);
      assertThat(bearerFrom("127.0.0.5", TOKEN)).as("another address").isEqualTo(200);
    }

    @Test
    void the_lock_out_ends_when_the_oldest_failure_leaves_the_window() {
      SimulatedClock clock = new SimulatedClock(T0);
      SignInLimiter limiter = new SignInLimiter(clock);
      for (int i = 0; i < SignInLimiter.MAX_FAILURES; i++) {
        limiter.failed("10.0.0.1");
        clock.advance(Duration.ofSeconds(10));
      }
      assertThat(limiter.retryAfter("10.0.0.1"))
          .as("5 failures in 40 s")
          .contains(Duration.ofSeconds(10));
      assertThat(limiter.retryAfter("10.0.0.9")).isEmpty();
      clock.advance(Duration.ofSeconds(10));
      assertThat(limiter.retryAfter("10.0.0.1")).as("the first failure is a minute old").isEmpty();
    }
  }
}
