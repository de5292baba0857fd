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
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
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

  @BeforeAll
  static void start() {
    stateUrl = ServiceHarness.freshDatabase();
    server = WardenServer.start(ServiceHarness.config(stateUrl, "http://127.0.0.1:9"), List.of(),
        (s, hosts) -> job -> { }, Optional.of(TOKEN));
    store = StateStore.open(new StateSettings(Optional.of(stateUrl), Path.of("unused"), 2));
    ReviewLog reviews = new ReviewLog(store);
    // 120 reviews, one an hour: acme/shop gets even numbers, acme/billing odd ones; every third is denied.
    for (int i = 1; i <= 120; i++) {
      String repo = i % 2 == 0 ? "acme/shop" : "acme/billing";
      String decision = i % 3 == 0 ? "deny" : "allow";
      reviews.insert(ConsoleFixtures.summary(repo, i, "change " + i, decision, T0.plus(Duration.ofHours(i))),
          ConsoleFixtures.report("public.orders", "ALTER TABLE orders ADD COLUMN c" + i + " int", decision));
    }
    hostileId = reviews.insert(ConsoleFixtures.summary("acme/<b>evil</b>", 999, HOSTILE_TITLE, "needs_approval",
        T0.minus(Duration.ofDays(30))), ConsoleFixtures.report("public.orders", HOSTILE_SQL, "needs_approval"));
    AuditLog audit = AuditLog.open(store);
    audit.append(AuditRecord.of(AuditEvent.REVIEWED, "acme/shop", "").withPr(7, "alice").withNote("reviewed"));
    audit.append(AuditRecord.of(AuditEvent.APPLIED, "acme/shop", "prod").withPr(7, "alice")
        .withNote("applied <script>alert(2)</script>"));
    audit.append(AuditRecord.of(AuditEvent.TOOL_CALLED, "acme/billing", "staging").withActor("agent:ci-bot"));
  }

  @AfterAll
  static void stop() {
    store.close();
    server.stop(Duration.ZERO);
  }

  static int port() {
    return server.port();
  }

  static String cookie() {
    HttpResponse<String> r = postForm(port(), "/signin", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
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
      assertThat(get(port(), "/api/reviews", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
      assertThat(get(port(), "/api/reviews", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
      assertThat(get(port(), "/", "Authorization", "Bearer " + TOKEN).statusCode())
          .as("scripts may read pages with the bearer token").isEqualTo(200);
    }

    @Test
    void signing_in_sets_an_http_only_strict_cookie_that_is_not_the_token_and_opens_every_page() {
      HttpResponse<String> wrong = postForm(port(), "/signin", "token=guess-123");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("Set-Cookie")).as("no session for a wrong token").isEmpty();
      assertThat(wrong.body()).as("the guess is not echoed").doesNotContain("guess-123");

      HttpResponse<String> ok = postForm(port(), "/signin", "token=" + TOKEN);
      assertThat(ok.statusCode()).isEqualTo(303);
      String set = ok.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(set).contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure")
          .doesNotContain(TOKEN);
      String cookie = set.substring(0, set.indexOf(';'));
      for (String path : List.of("/", "/reviews/" + hostileId, "/audit", "/audit/1", "/audit/verify")) {
        HttpResponse<String> r = get(port(), path, "Cookie", cookie);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.body()).as("no page renders the token: " + path).doesNotContain(TOKEN);
        assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
            .contains("default-src 'none'");
      }
      assertThat(get(port(), "/api/reviews", "Cookie", cookie).statusCode()).as("the JSON too").isEqualTo(200);
    }

    @Test
    void behind_a_tls_proxy_the_cookie_is_secure() {
      HttpResponse<String> ok = postForm(port(), "/signin", "token=" + TOKEN, "X-Forwarded-Proto", "https");
      assertThat(ok.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void a_forged_or_altered_cookie_is_refused() {
      String cookie = cookie();
      String[] parts = cookie.substring(cookie.indexOf('=') + 1).split("\\.");
      String longer = ConsoleAccess.COOKIE + "=" + parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "."
          + parts[2];
      assertThat(get(port(), "/", "Cookie", longer).statusCode()).as("expiry pushed out").isEqualTo(303);
      assertThat(get(port(), "/", "Cookie", ConsoleAccess.COOKIE + "=" + TOKEN).statusCode())
          .as("the token as a cookie is no session").isEqualTo(303);
      HttpResponse<String> out = postForm(port(), "/signout", "", "Cookie", cookie);
      assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    }
  }

  @Nested
  class Escaping {
    @Test
    void a_script_in_a_migration_title_or_repository_renders_as_text() {
      String html = page("/reviews/" + hostileId).body();
      assertThat(html).as("the statement is shown, escaped")
          .contains("&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
          .doesNotContain("<script>").doesNotContain("<img src=x")
          .contains("&lt;img src=x onerror=alert(1)&gt; faster orders")
          .contains("acme/&lt;b&gt;evil&lt;/b&gt;");
      String list = page("/?repository=" + URLEncoder.encode("acme/<b>evil</b>", StandardCharsets.UTF_8)).body();
      assertThat(list).contains("acme/&lt;b&gt;evil&lt;/b&gt;").doesNotContain("<b>evil")
          .as("the filter's value is echoed escaped in its input").contains("value=\"acme/&lt;b>evil&lt;/b>\"");
      assertThat(page("/audit").body()).contains("applied &lt;script&gt;alert(2)&lt;/script&gt;")
          .doesNotContain("<script>");
      assertThat(page("/?repository=%22%3E%3Cscript%3E").body()).as("attribute context")
          .doesNotContain("\"><script>");
    }

    @Test
    void the_detail_page_shows_the_lock_timeline_with_access_exclusive_until_commit() {
      String html = page("/reviews/" + hostileId).body();
      assertThat(html).contains("ACCESS EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "public.orders", "commit",
          "~4200 ms, blocks reads and writes", "LK101", "add the column without a default", "public.tmp_idx",
          "POL002", "org/dba", "href=\"https://github.com/acme/");
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
      JsonNode denied = JSON.readTree(get(port(), "/api/reviews?decision=deny&limit=1000", "Authorization",
          "Bearer " + TOKEN).body());
      assertThat(denied).hasSize(40);
      denied.forEach(r -> assertThat(r.path("decision").asText()).isEqualTo("deny"));
      // T0 + 1h .. T0 + 120h: the first day (2026-11-01) holds hours 1..13
      JsonNode day = JSON.readTree(get(port(), "/api/reviews?since=2026-11-01&until=2026-11-02", "Authorization",
          "Bearer " + TOKEN).body());
      assertThat(day).as("hours 1..13 of the first day").hasSize(13);
      HttpResponse<String> bad = page("/?since=yesterday");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("since must be a date");
      assertThat(page("/?decision=maybe").body()).contains("unknown decision");
      JsonNode one = JSON.readTree(get(port(), "/api/reviews/" + hostileId, "Authorization", "Bearer " + TOKEN)
          .body());
      assertThat(one.path("report").path("migrations").get(0).path("statements").get(0).path("sql").asText())
          .isEqualTo(HOSTILE_SQL);
    }

    @Test
    void audit_filters_by_actor_environment_object_and_outcome_and_verify_names_a_tampered_entry()
        throws Exception {
      assertThat(page("/audit?actor=agent:ci-bot").body())
          .contains("<td>tool_called</td>").doesNotContain("<td>applied</td>");
      assertThat(page("/audit?env=prod").body())
          .contains("<td>applied</td>").doesNotContain("<td>tool_called</td>");
      assertThat(page("/audit?object=acme/billing").body())
          .contains("<td>tool_called</td>").doesNotContain("<td>reviewed</td>");
      assertThat(page("/audit?outcome=reviewed").body())
          .contains("<td>reviewed</td>").doesNotContain("<td>applied</td>");
      assertThat(page("/audit/verify").body()).contains("Chain verified: 3 entries");
      try (Connection c = DriverManager.getConnection(stateUrl); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE warden_audit.audit_log DISABLE TRIGGER USER");
        s.execute("UPDATE warden_audit.audit_log SET body = replace(body, 'alice', 'mallory') WHERE seq = 2");
        s.execute("ALTER TABLE warden_audit.audit_log ENABLE TRIGGER USER");
      }
      assertThat(page("/audit/verify").body()).contains("Chain broken at entry", "href=\"/audit/2\"");
    }
  }
}
