package dev.schemawarden.app.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The GitHub App manifest flow on a page served at {@code 127.0.0.1}: the page posts the manifest to GitHub, GitHub
 * sends the browser back to {@code /callback?code=…&state=…}, and the code is exchanged at
 * {@code POST {api}/app-manifests/{code}/conversions} for the App's id, webhook secret and private key, which are
 * written (mode 600) where {@code warden serve} reads them. Neither the secret nor the key is ever shown.
 */
public final class GithubAppSetup implements AutoCloseable {
  public static final String ENV_FILE = "github-app.env";
  public static final String KEY_FILE = "github-app.pem";
  public static final String PUBLIC_GITHUB = "https://github.com";
  public static final String PUBLIC_API = "https://api.github.com";

  /** GitHub's codes are short hex/base62 strings: anything else (a '/', '..', '?') never reaches the API path. */
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  static final Pattern ORG = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");

  public record Options(
      String name,
      URI webhookUrl,
      URI githubUrl,
      URI apiUrl,
      Optional<String> org,
      Path outputDir,
      int port) {
    public Options {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(webhookUrl, "webhookUrl");
      Objects.requireNonNull(githubUrl, "githubUrl");
      Objects.requireNonNull(apiUrl, "apiUrl");
      Objects.requireNonNull(org, "org");
      Objects.requireNonNull(outputDir, "outputDir");
    }
  }

  /** What was created; the files hold the secrets, this record does not. */
  public record Result(long appId, String slug, String htmlUrl, Path envFile, Path keyFile) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(GithubAppSetup.class);
  private final Options options;
  private final String state;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final CompletableFuture<Result> done = new CompletableFuture<>();
  private final Javalin app;

  private GithubAppSetup(Options options) {
    this.options = options;
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    this.state = HexFormat.of().formatHex(b);
    this.app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.startup.showOldJavalinVersionWarning = false;
              c.jetty.host = "127.0.0.1"; // never reachable from another machine
              c.jetty.port = options.port();
              c.routes.get("/", this::page);
              c.routes.get("/callback", this::callback);
            });
  }

  /** Checks the options and the output directory, then serves the page. */
  public static GithubAppSetup start(Options options) {
    httpUrl(options.webhookUrl(), "--webhook-url");
    httpUrl(options.githubUrl(), "--github-url");
    httpUrl(options.apiUrl(), "--api-url");
    options
        .org()
        .filter(o -> !ORG.matcher(o).matches())
        .ifPresent(
            o -> {
              throw new WardenException(
                  ErrorCode.USAGE,
                  "--org '"
                      + o
                      + "' is not a GitHub organisation name (letters,"
                      + " digits and '-', at most 39)");
            });
    for (String f : new String[] {ENV_FILE, KEY_FILE}) {
      if (Files.exists(options.outputDir().resolve(f))) {
        throw new WardenException(
            ErrorCode.USAGE,
            options.outputDir().resolve(f)
                + " already exists: move it away"
                + " or choose another --output-dir (an App's key is never overwritten)");
      }
    }
    GithubAppSetup s = new GithubAppSetup(options);
    s.app.start();
    return s;
  }

  public URI pageUrl() {
    return URI.create("http://127.0.0.1:" + app.port() + "/");
  }

  /** Waits for the callback to complete the flow. */
  public Result await(Duration timeout) throws InterruptedException {
    try {
      return done.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new WardenException(
          ErrorCode.USAGE,
          "no App was created within "
              + timeout.toMinutes()
              + " min: run"
              + " warden setup github again and open the page it prints");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    app.stop();
  }

  private void page(Context ctx) {
    if (!localHost(ctx)) {
      return;
    }
    String base = options.githubUrl().toString().replaceAll("/+$", "");
    String action =
        base
            + options.org().map(o -> "/organizations/" + o).orElse("")
            + "/settings/apps/new?state="
            + state;
    String manifest =
        new GithubAppManifest(
                options.name(),
                origin(options.webhookUrl()),
                options.webhookUrl(),
                pageUrl().resolve("/callback"))
            .json();
    secureHeaders(ctx, origin(options.githubUrl()).toString());
    ctx.html(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Create the Schema Warden GitHub App</title>"
            + "</head><body><h1>Create the Schema Warden GitHub App</h1>"
            + "<p>GitHub will ask you to confirm the App <b>"
            + escape(options.name())
            + "</b>"
            + options.org().map(o -> " for the organisation <b>" + escape(o) + "</b>").orElse("")
            + ", with webhooks to <code>"
            + escape(options.webhookUrl().toString())
            + "</code>.</p>"
            + "<form method=\"post\" action=\""
            + escape(action)
            + "\">"
            + "<input type=\"hidden\" name=\"manifest\" value=\""
            + escape(manifest)
            + "\">"
            + "<button type=\"submit\">Create the App on GitHub</button></form></body></html>");
  }

  private void callback(Context ctx) {
    if (!localHost(ctx)) {
      return;
    }
    secureHeaders(ctx, "'none'");
    String got = Optional.ofNullable(ctx.queryParam("state")).orElse("");
    // CSRF: only the browser that opened our page carries our state back
    if (!MessageDigest.isEqual(
        got.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
      ctx.status(403)
          .html(message("The state does not match this setup: start again from " + pageUrl()));
      return;
    }
    String code = Optional.ofNullable(ctx.queryParam("code")).orElse("");
    if (!CODE.matcher(code).matches()) {
      ctx.status(400)
          .html(message("GitHub's code is missing or malformed: start again from " + pageUrl()));
      return;
    }
    if (done.isDone()) {
      ctx.status(409).html(message("The App was already created; this setup is finished."));
      return;
    }
    try {
      Result r = exchange(code);
      byte[] page =
          message(
                  "Created the GitHub App "
                      + r.slug()
                      + " (id "
                      + r.appId()
                      + "). Install it on your"
                      + " repositories: "
                      + r.htmlUrl()
                      + "/installations/new. You can close this page.")
              .getBytes(StandardCharsets.UTF_8);
      // sent in full before the command may stop the server: completing first would cut this answer
      // off
      try {
        ctx.res().setContentType("text/html; charset=utf-8");
        ctx.res().setContentLength(page.length);
        ctx.res().getOutputStream().write(page);
        ctx.res().flushBuffer();
      } finally {
        done.complete(r);
      }
    } catch (WardenException e) {
      ctx.status(502).html(message(e.getMessage()));
    } catch (IOException e) {
      LOG.debug(
          "the browser left before the answer",
          e); // the files are written; the command reports them
    }
  }

  private Result exchange(String code) {
    URI uri =
        URI.create(
            options.apiUrl().toString().replaceAll("/+$", "")
                + "/app-manifests/"
                + code
                + "/conversions");
    HttpResponse<String> res;
    try {
      res =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(30))
                  .header("Accept", "application/vnd.github+json")
                  .header("X-GitHub-Api-Version", "2022-11-28")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitHub could not be reached at "
              + options.apiUrl()
              + " ("
              + e.getMessage()
              + "): check --api-url, then start again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE, "interrupted while exchanging GitHub's code");
    }
    if (res.statusCode() != 201) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitHub answered "
              + res.statusCode()
              + " to the code"
              + " exchange (a code is valid once, for one hour): start again from "
              + pageUrl());
    }
    JsonNode app;
    try {
      app = JSON.readTree(res.body());
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE, "GitHub's answer to the code exchange is not JSON");
    }
    long id = app.path("id").asLong(0);
    String secret = app.path("webhook_secret").asText("");
    String pem = app.path("pem").asText("");
    if (id <= 0 || secret.isEmpty() || !pem.contains("-----BEGIN")) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitHub's answer lacks the App id, webhook secret or"
              + " private key: start again from "
              + pageUrl());
    }
    Path key =
        PrivateFiles.write(options.outputDir(), KEY_FILE, pem.endsWith("\n") ? pem : pem + "\n");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WARDEN_GITHUB_APP_ID", Long.toString(id));
    env.put("WARDEN_GITHUB_PRIVATE_KEY", key.toString());
    env.put("WARDEN_GITHUB_WEBHOOK_SECRET", secret);
    if (!options.apiUrl().toString().replaceAll("/+$", "").equals(PUBLIC_API)) {
      env.put("WARDEN_GITHUB_API_URL", options.apiUrl().toString());
    }
    Path envFile = PrivateFiles.writeEnv(options.outputDir(), ENV_FILE, env);
    return new Result(
        id, app.path("slug").asText(""), app.path("html_url").asText(""), envFile, key);
  }

  /** DNS rebinding: a page on another site must not read our state through a name pointing at 127.0.0.1. */
  private boolean localHost(Context ctx) {
    String host = Optional.ofNullable(ctx.header("Host")).orElse("");
    if (Set.of("127.0.0.1:" + app.port(), "localhost:" + app.port()).contains(host)) {
      return true;
    }
    ctx.status(421).result("open " + pageUrl());
    return false;
  }

  private static void secureHeaders(Context ctx, String formAction) {
    ctx.header(
        "Content-Security-Policy",
        "default-src 'none'; form-action "
            + formAction
            + "; frame-ancestors 'none'; base-uri 'none'");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }

  private static String message(String text) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Schema Warden setup</title></head><body><p>"
        + escape(text)
        + "</p></body></html>";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static URI origin(URI u) {
    return URI.create(u.getScheme() + "://" + u.getRawAuthority());
  }

  static URI httpUrl(URI u, String option) {
    if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
      throw new WardenException(
          ErrorCode.USAGE,
          option
              + " '"
              + u
              + "' must be an http(s) URL such as"
              + " https://warden.example.com/webhooks/github");
    }
    return u;
  }
}
