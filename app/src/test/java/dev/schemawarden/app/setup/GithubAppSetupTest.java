package dev.schemawarden.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.schemawarden.app.Main;
import dev.schemawarden.app.host.github.GithubAuth;
import dev.schemawarden.app.server.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden setup github} end to end: the real command serves its page, a fake GitHub answers the code exchange
 * with the documented answer, and the files it writes are what {@code warden serve} reads.
 */
class GithubAppSetupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String WEBHOOK = "https://warden.example.com/webhooks/github";

  private HttpServer github;
  private final List<String> exchanges = new CopyOnWriteArrayList<>();
  private String pem;

  @BeforeEach
  void fake_github() throws Exception {
    var pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    ObjectNode answer;
    try (InputStream in =
        getClass().getResourceAsStream("/fixtures/github/rest/app-manifest-conversion.json")) {
      answer = (ObjectNode) JSON.readTree(in);
    }
    answer.put("pem", pem);
    byte[] body = JSON.writeValueAsBytes(answer);
    github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    github.createContext(
        "/",
        ex -> {
          exchanges.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
          ex.sendResponseHeaders(201, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    github.start();
  }

  @AfterEach
  void stop() {
    github.stop(0);
  }

  private String githubUrl() {
    return "http://127.0.0.1:" + github.getAddress().getPort();
  }

  @Test
  void the_manifest_flow_stores_the_app_id_secret_and_key_where_serve_reads_them_and_prints_neither(
      @TempDir Path dir) throws Exception {
    Path out = dir.resolve("secrets");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    // port 0: the command picks a free port and prints the page's address, as it does for a person
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    new String[] {
                      "setup",
                      "github",
                      "--webhook-url",
                      WEBHOOK,
                      "--github-url",
                      githubUrl(),
                      "--api-url",
                      githubUrl() + "/api/v3",
                      "--output-dir",
                      out.toString(),
                      "--timeout-minutes",
                      "1"
                    },
                    new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8),
                    false));
    String base = waitForAddress(stdout, run);

    String page = waitForPage(base + "/");
    Matcher form = Pattern.compile("action=\"([^\"]*)\"").matcher(page);
    assertThat(form.find()).as(page).isTrue();
    String action = unescape(form.group(1));
    assertThat(action)
        .as("the form posts to GitHub's new-App page")
        .startsWith(githubUrl() + "/settings/apps/new?state=");
    String state = action.substring(action.indexOf("state=") + 6);
    Matcher value = Pattern.compile("name=\"manifest\" value=\"([^\"]*)\"").matcher(page);
    assertThat(value.find()).as(page).isTrue();
    JsonNode manifest = JSON.readTree(unescape(value.group(1)));
    assertThat(manifest.path("hook_attributes").path("url").asText())
        .as("deliveries go to the service")
        .isEqualTo(WEBHOOK);
    assertThat(manifest.path("redirect_url").asText())
        .as("GitHub sends the browser back here")
        .isEqualTo(base + "/callback");
    assertThat(manifest.path("public").asBoolean(true)).as("a private App").isFalse();
    assertThat(JSON.convertValue(manifest.path("default_permissions"), Map.class))
        .as("what the bot needs")
        .isEqualTo(
            Map.of(
                "checks",
                "write",
                "pull_requests",
                "write",
                "contents",
                "read",
                "issues",
                "write",
                "metadata",
                "read",
                "members",
                "read"));
    assertThat(JSON.convertValue(manifest.path("default_events"), List.class))
        .containsExactlyInAnyOrder(
            "pull_request",
            "pull_request_review",
            "issue_comment",
            "check_run",
            "check_suite",
            "push");

    assertThat(run).as(() -> "still waiting: " + run.getNow(null)).isNotDone();
    HttpResponse<String> done;
    try {
      done = get(base + "/callback?code=a1b2c3d4&state=" + state);
    } catch (Exception e) {
      throw new AssertionError("exit " + run.get(30, TimeUnit.SECONDS) + ": " + stdout + stderr, e);
    }
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    int exit = run.get(20, TimeUnit.SECONDS);
    String printed =
        stdout.toString(StandardCharsets.UTF_8)
            + stderr.toString(StandardCharsets.UTF_8)
            + done.body();

    assertThat(exit).as(printed).isZero();
    assertThat(exchanges)
        .as("the code is exchanged once, at the API")
        .containsExactly("POST /api/v3/app-manifests/a1b2c3d4/conversions");
    Path env = out.resolve(GithubAppSetup.ENV_FILE);
    Path key = out.resolve(GithubAppSetup.KEY_FILE);
    for (Path f : List.of(env, key)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .as("%s holds a secret", f)
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(key)).as("the key as GitHub gave it").isEqualTo(pem);
    Map<String, String> vars = new HashMap<>();
    Files.readAllLines(env)
        .forEach(l -> vars.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    assertThat(vars)
        .containsEntry("WARDEN_GITHUB_APP_ID", "1424")
        .containsEntry("WARDEN_GITHUB_WEBHOOK_SECRET", "e340154128314309424b7c8e90325147d99fdafa")
        .containsEntry("WARDEN_GITHUB_API_URL", githubUrl() + "/api/v3");
    ServiceConfig config = ServiceConfig.fromEnv(vars);
    assertThat(((GithubAuth.App) config.github().orElseThrow().auth()).appId())
        .as("warden serve starts as this App from the env file alone")
        .isEqualTo(1424);
    assertThat(printed)
        .as("printed: the App and where its files are")
        .contains("schema-warden", "1424", env.toString());
    assertThat(printed)
        .as("never the secret or the key")
        .doesNotContain(
            "e340154128314309424b7c8e90325147d99fdafa",
            "PRIVATE KEY",
            pem.lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void
      a_callback_without_our_state_or_with_a_code_holding_path_characters_is_refused_and_nothing_is_exchanged(
          @TempDir Path dir) throws Exception {
    try (GithubAppSetup flow =
        GithubAppSetup.start(
            new GithubAppSetup.Options(
                "Schema Warden",
                URI.create(WEBHOOK),
                URI.create(githubUrl()),
                URI.create(githubUrl()),
                Optional.of("acme"),
                dir,
                0))) {
      String page = get(flow.pageUrl().toString()).body();
      String action = unescape(page.replaceAll("(?s).*action=\"([^\"]*)\".*", "$1"));
      assertThat(action)
          .as("the organisation's form")
          .startsWith(githubUrl() + "/organizations/acme/settings/apps/new?state=");
      String state = action.substring(action.indexOf("state=") + 6);
      String callback = flow.pageUrl().resolve("/callback") + "?code=";

      assertThat(
              get(callback + "a1b2&state=" + state.replace(state.charAt(0), 'z') + "x")
                  .statusCode())
          .as("CSRF: another state")
          .isEqualTo(403);
      assertThat(get(callback + "a1b2").statusCode()).as("CSRF: no state").isEqualTo(403);
      for (String code : List.of("..%2F..%2Fuser", "a%2Fb", "a%3Fb", "", "a%0Ab")) {
        assertThat(get(callback + code + "&state=" + state).statusCode())
            .as("code %s", code)
            .isEqualTo(400);
      }
      assertThat(
              rawStatus(flow.pageUrl().getPort(), "/", "evil.example:" + flow.pageUrl().getPort()))
          .as("DNS rebinding: a foreign Host never sees the page (and its state)")
          .isEqualTo(421);
      assertThat(exchanges).as("no code reached GitHub").isEmpty();
      try (var files = Files.list(dir)) {
        assertThat(files).as("nothing written").isEmpty();
      }
    }
  }

  private static String waitForPage(String url) throws Exception {
    HttpResponse<String> r = get(url);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** The address the command prints once its page is served. */
  private static String waitForAddress(ByteArrayOutputStream stdout, CompletableFuture<Integer> run)
      throws Exception {
    Pattern open = Pattern.compile("Open (http://127\\.0\\.0\\.1:\\d+)/ ");
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < until && !run.isDone()) {
      Matcher m = open.matcher(stdout.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the command printed no address: " + stdout);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** java.net.http will not send a Host header of our choosing: a socket does. */
  private static int rawStatus(int port, String path, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
