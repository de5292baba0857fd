package dev.schemawarden.app.host.gitlab;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GitLab connection settings. {@code toString} hides the token and the webhook token.
 *
 * @param url the GitLab instance root without a trailing slash, e.g. {@code https://gitlab.com} (GitLab4J adds
 *     {@code /api/v4})
 * @param token a personal, group or project access token with the {@code api} scope (Developer role or higher on
 *     the project: it posts notes, discussions and commit statuses)
 * @param webhookToken the secret token configured on the project or group webhook, sent back in
 *     {@code X-Gitlab-Token}
 * @param statusName the name of the commit status the bot sets
 */
public record GitlabSettings(String url, String token, String webhookToken, String statusName) {
  public static final String DEFAULT_STATUS_NAME = "schema-warden";
  static final List<String> VARIABLES =
      List.of("WARDEN_GITLAB_URL", "WARDEN_GITLAB_TOKEN", "WARDEN_GITLAB_WEBHOOK_TOKEN");

  public GitlabSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(webhookToken, "webhookToken");
    Objects.requireNonNull(statusName, "statusName");
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
  }

  /**
   * Reads {@code WARDEN_GITLAB_URL}, {@code WARDEN_GITLAB_TOKEN} and {@code WARDEN_GITLAB_WEBHOOK_TOKEN}: empty when
   * none is set (GitLab is off), the settings when all are, and a configuration error naming the first missing
   * variable when only some are.
   */
  public static Optional<GitlabSettings> fromEnv(Map<String, String> env) {
    Map<String, Optional<String>> v = new java.util.LinkedHashMap<>();
    VARIABLES.forEach(
        name ->
            v.put(
                name,
                Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty())));
    if (v.values().stream().allMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    for (var e : v.entrySet()) {
      if (e.getValue().isEmpty()) {
        String set =
            v.entrySet().stream()
                .filter(x -> x.getValue().isPresent())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        throw invalid(
            e.getKey(),
            "is not set, but "
                + set
                + " is: GitLab needs all of "
                + String.join(", ", VARIABLES)
                + " (or none, to turn GitLab off)");
      }
    }
    String url = v.get("WARDEN_GITLAB_URL").orElseThrow();
    try {
      URI u = new URI(url);
      if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
        throw invalid(
            "WARDEN_GITLAB_URL", "must be the instance's http(s) root, such as https://gitlab.com");
      }
      if (u.getPath() != null && u.getPath().replaceAll("/+$", "").endsWith("/api/v4")) {
        throw invalid(
            "WARDEN_GITLAB_URL",
            "must be the instance root without /api/v4 (e.g. https://gitlab.com)");
      }
    } catch (URISyntaxException e) {
      throw invalid("WARDEN_GITLAB_URL", "is not a URL: " + e.getReason());
    }
    return Optional.of(
        new GitlabSettings(
            url,
            v.get("WARDEN_GITLAB_TOKEN").orElseThrow(),
            v.get("WARDEN_GITLAB_WEBHOOK_TOKEN").orElseThrow(),
            DEFAULT_STATUS_NAME));
  }

  private static WardenException invalid(String variable, String problem) {
    return new WardenException(
        ErrorCode.CONFIG, variable + " " + problem + " (see docs/configuration.md)");
  }

  @Override
  public String toString() {
    return "GitlabSettings[url="
        + url
        + ", token=***, webhookToken=***, statusName="
        + statusName
        + "]";
  }
}
