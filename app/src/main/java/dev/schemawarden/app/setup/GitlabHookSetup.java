package dev.schemawarden.app.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The project hook {@code warden serve} needs on GitLab ({@code POST /projects/:id/hooks}): merge request, note and
 * push events, with a generated secret token stored (mode 600) as {@code WARDEN_GITLAB_WEBHOOK_TOKEN}.
 */
public final class GitlabHookSetup {
  public static final String ENV_FILE = "gitlab-hook.env";

  /** A numeric id or a path of namespaces: no '..', no leading '/', nothing a URL would read as structure. */
  static final Pattern PROJECT =
      Pattern.compile("[0-9]+|[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");

  public record Created(long hookId, Path envFile) {}

  private GitlabHookSetup() {}

  /** Creates the hook with {@code apiToken} (scope api) and writes the env file; neither token is printed. */
  public static Created create(
      URI gitlabUrl, String project, URI webhookUrl, String apiToken, Path outputDir) {
    URI endpoint = endpoint(gitlabUrl, project);
    GithubAppSetup.httpUrl(webhookUrl, "--webhook-url");
    if (Files.exists(outputDir.resolve(ENV_FILE))) {
      throw new WardenException(
          ErrorCode.USAGE,
          outputDir.resolve(ENV_FILE)
              + " already exists: move it away or"
              + " choose another --output-dir");
    }
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    String secret = HexFormat.of().formatHex(b);
    HttpResponse<String> res;
    try {
      res =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  HttpRequest.newBuilder(endpoint)
                      .timeout(Duration.ofSeconds(30))
                      .header("PRIVATE-TOKEN", apiToken)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body(webhookUrl, secret)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitLab could not be reached at "
              + gitlabUrl
              + " ("
              + e.getMessage()
              + "): check --gitlab-url");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE, "interrupted while creating the GitLab hook");
    }
    if (res.statusCode() != 201) {
      throw new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitLab answered "
              + res.statusCode()
              + " to creating"
              + " the hook on "
              + project
              + ": WARDEN_GITLAB_TOKEN needs the api scope and the Maintainer role there");
    }
    long id;
    try {
      id = new ObjectMapper().readTree(res.body()).path("id").asLong(0);
    } catch (IOException e) {
      id = 0;
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WARDEN_GITLAB_URL", gitlabUrl.toString().replaceAll("/+$", ""));
    env.put("WARDEN_GITLAB_WEBHOOK_TOKEN", secret);
    return new Created(id, PrivateFiles.writeEnv(outputDir, ENV_FILE, env));
  }

  /** The same request as a shell command, with both tokens left as variables the operator sets. */
  public static String curl(URI gitlabUrl, String project, URI webhookUrl) {
    URI endpoint = endpoint(gitlabUrl, project);
    GithubAppSetup.httpUrl(webhookUrl, "--webhook-url");
    String json = body(webhookUrl, "@TOKEN@");
    String[] parts = json.split("@TOKEN@", -1);
    return "export WARDEN_GITLAB_WEBHOOK_TOKEN=\"$(openssl rand -hex 32)\"  # keep it: warden serve needs it too\n"
        + "curl --fail -X POST -H \"PRIVATE-TOKEN: $WARDEN_GITLAB_TOKEN\" -H 'Content-Type: application/json' \\\n"
        + "  --data "
        + quote(parts[0])
        + "\"$WARDEN_GITLAB_WEBHOOK_TOKEN\""
        + quote(parts[1])
        + " \\\n"
        + "  "
        + quote(endpoint.toString());
  }

  private static URI endpoint(URI gitlabUrl, String project) {
    GithubAppSetup.httpUrl(gitlabUrl, "--gitlab-url");
    if (!PROJECT.matcher(project).matches() || project.contains("..")) {
      throw new WardenException(
          ErrorCode.USAGE,
          "--project '"
              + project
              + "' is not a GitLab project path"
              + " (group/name) or numeric id");
    }
    return URI.create(
        gitlabUrl.toString().replaceAll("/+$", "")
            + "/api/v4/projects/"
            + URLEncoder.encode(project, StandardCharsets.UTF_8)
            + "/hooks");
  }

  private static String body(URI webhookUrl, String token) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", webhookUrl.toString());
    m.put("merge_requests_events", true);
    m.put("note_events", true);
    m.put("push_events", true);
    m.put("enable_ssl_verification", true);
    m.put("token", token);
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  /** POSIX single quotes: nothing inside is expanded. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
