package dev.schemawarden.app.git;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What authenticates git over HTTPS to a host. It travels only in the child's environment, as an
 * {@code http.extraHeader} set through {@code GIT_CONFIG_COUNT}/{@code GIT_CONFIG_KEY_n}/{@code GIT_CONFIG_VALUE_n}:
 * never in a URL, a command line, {@code .git/config}, a log line or a message ({@code toString} hides the token).
 *
 * @param username {@code x-access-token} for GitHub (installation token or PAT), {@code oauth2} for GitLab
 */
public record GitCredentials(String username, String token) {
  public GitCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(token, "token");
  }

  /** A GitHub installation token or personal access token. */
  public static GitCredentials github(String token) {
    return new GitCredentials("x-access-token", token);
  }

  /** A GitLab personal, group or project access token. */
  public static GitCredentials gitlab(String token) {
    return new GitCredentials("oauth2", token);
  }

  /** The {@code Authorization} header value git sends. */
  String headerValue() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code -c}-equivalent settings, as {@code name → value} in order; {@link GitEnvironment} turns them into
   * {@code GIT_CONFIG_*} variables.
   */
  Map<String, String> config() {
    return Map.of("http.extraHeader", "Authorization: " + headerValue());
  }

  /** Every form in which the token could show up in git's output, for scrubbing. */
  List<String> secrets() {
    return List.of(token, headerValue().substring("Basic ".length()), username + ":" + token);
  }

  @Override
  public String toString() {
    return "GitCredentials[username=" + username + ", token=***]";
  }
}
