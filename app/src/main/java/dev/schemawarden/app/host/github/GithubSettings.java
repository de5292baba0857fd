package dev.schemawarden.app.host.github;

import java.util.Objects;

/**
 * GitHub connection settings. {@code toString} hides the webhook secret and the credentials.
 *
 * @param apiUrl the REST API root without a trailing slash: {@code https://api.github.com}, or
 *     {@code https://HOST/api/v3} for GitHub Enterprise Server
 * @param checkName the name of the check run the bot publishes
 */
public record GithubSettings(String apiUrl, String webhookSecret, GithubAuth auth, String checkName) {
  public static final String PUBLIC_API = "https://api.github.com";
  public static final String DEFAULT_CHECK_NAME = "Schema Warden";

  public GithubSettings {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(webhookSecret, "webhookSecret");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(checkName, "checkName");
    apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
  }

  @Override
  public String toString() {
    return "GithubSettings[apiUrl=" + apiUrl + ", webhookSecret=***, auth=" + auth + ", checkName=" + checkName + "]";
  }
}
