package dev.schemawarden.app.host.github;

import java.util.Objects;
import java.util.Optional;

/**
 * GitHub connection settings. {@code toString} hides the webhook secret and the credentials.
 *
 * @param apiUrl the REST API root without a trailing slash: {@code https://api.github.com}, or
 *     {@code https://HOST/api/v3} for GitHub Enterprise Server
 * @param checkName the name of the check run the bot publishes
 */
public record GithubSettings(
    String apiUrl,
    String webhookSecret,
    GithubAuth auth,
    String checkName,
    Optional<String> gitUrl) {
  public static final String PUBLIC_API = "https://api.github.com";
  public static final String DEFAULT_CHECK_NAME = "Schema Warden";

  /** Repositories cloned from the API's {@code clone_url} (github.com, or what GitHub Enterprise reports). */
  public GithubSettings(String apiUrl, String webhookSecret, GithubAuth auth, String checkName) {
    this(apiUrl, webhookSecret, auth, checkName, Optional.empty());
  }

  /** The same settings, cloning from {@code {gitUrl}/{owner}/{repo}.git} ({@code WARDEN_GITHUB_GIT_URL}). */
  public GithubSettings withGitUrl(String url) {
    return new GithubSettings(apiUrl, webhookSecret, auth, checkName, Optional.of(url));
  }

  public GithubSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(webhookSecret, "webhookSecret");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(checkName, "checkName");
    Objects.requireNonNull(gitUrl, "gitUrl");
    apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
  }

  @Override
  public String toString() {
    return "GithubSettings[apiUrl="
        + apiUrl
        + ", webhookSecret=***, auth="
        + auth
        + ", checkName="
        + checkName
        + ", gitUrl="
        + gitUrl.orElse("(clone_url)")
        + "]";
  }
}
