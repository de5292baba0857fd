package dev.schemawarden.app.git;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the service fetches a repository from: an http(s) URL without credentials, and the credentials apart.
 *
 * @param host which kind of host serves it (decides the pull request refs tried when fetching a SHA fails)
 * @param repository {@code owner/name} (GitLab: {@code path_with_namespace}); with the URL's host, the cache key
 * @param url {@code https://HOST/PATH.git}, never with a user or password in it
 */
public record GitRemote(
    Host host, String repository, String url, Optional<GitCredentials> credentials) {
  /** The code host kinds, each with the ref under which it keeps a pull (merge) request's head. */
  public enum Host {
    GITHUB("refs/pull/%d/head"),
    GITLAB("refs/merge-requests/%d/head");

    private final String pullRequestRef;

    Host(String pullRequestRef) {
      this.pullRequestRef = pullRequestRef;
    }

    public String pullRequestRef(int number) {
      return String.format(Locale.ROOT, pullRequestRef, number);
    }
  }

  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

  public GitRemote {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    URI u = parse(url);
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "a git URL with credentials in it: use GitRemote.of, which moves them out");
    }
  }

  /**
   * GitHub: {@code {WARDEN_GITHUB_GIT_URL}/{owner}/{repo}.git} when that variable is set (GitHub Enterprise, tests),
   * else the payload's {@code repository.clone_url}. The token authenticates as {@code x-access-token}.
   */
  public static GitRemote github(
      String ownerRepo,
      Optional<String> payloadCloneUrl,
      Optional<String> gitUrl,
      Optional<String> token) {
    requirePath(ownerRepo, "GitHub repository");
    String url =
        gitUrl
            .filter(s -> !s.isBlank())
            .map(base -> trimSlash(base) + "/" + ownerRepo + ".git")
            .or(() -> payloadCloneUrl.filter(s -> !s.isBlank()))
            .orElseGet(() -> "https://github.com/" + ownerRepo + ".git");
    return of(Host.GITHUB, ownerRepo, url, token.map(GitCredentials::github));
  }

  /** GitLab: {@code {WARDEN_GITLAB_URL}/{path_with_namespace}.git}, the token as {@code oauth2}. */
  public static GitRemote gitlab(
      String pathWithNamespace, String gitlabUrl, Optional<String> token) {
    requirePath(pathWithNamespace, "GitLab project path");
    return of(
        Host.GITLAB,
        pathWithNamespace,
        trimSlash(gitlabUrl) + "/" + pathWithNamespace + ".git",
        token.map(GitCredentials::gitlab));
  }

  /**
   * A remote for {@code url}: credentials written into the URL ({@code https://user:token@host/...}) are moved out
   * of it and used when {@code credentials} is empty, so a token in a clone URL authenticates but is never stored or
   * shown. Only {@code https} and {@code http} are accepted (no {@code file://}, {@code ext::} or ssh).
   */
  public static GitRemote of(
      Host host, String repository, String url, Optional<GitCredentials> credentials) {
    URI u = parse(url);
    Optional<GitCredentials> fromUrl =
        Optional.ofNullable(u.getRawUserInfo())
            .filter(s -> s.contains(":"))
            .map(
                info ->
                    new GitCredentials(
                        decode(info.substring(0, info.indexOf(':'))),
                        decode(info.substring(info.indexOf(':') + 1))));
    try {
      URI clean = new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null);
      return new GitRemote(host, repository, clean.toString(), credentials.or(() -> fromUrl));
    } catch (URISyntaxException e) {
      throw bad("is not a URL");
    }
  }

  /** The cache key: the URL's host and port with the repository, e.g. {@code github.com/acme/shop}. */
  public String key() {
    URI u = parse(url);
    return u.getHost().toLowerCase(Locale.ROOT)
        + (u.getPort() > 0 ? ":" + u.getPort() : "")
        + "/"
        + repository;
  }

  private static URI parse(String url) {
    try {
      URI u = new URI(url);
      String scheme = Optional.ofNullable(u.getScheme()).orElse("").toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http"))
          || u.getHost() == null
          || u.getRawQuery() != null
          || u.getRawFragment() != null) {
        throw bad(
            "must be an http(s) URL such as https://github.com/OWNER/REPO.git, without query or fragment");
      }
      return u;
    } catch (URISyntaxException e) {
      throw bad("is not a URL (" + e.getReason() + ")");
    }
  }

  private static void requirePath(String path, String what) {
    if (!PATH.matcher(path).matches() || path.contains("..")) {
      // not quoted: whatever stands there could be a URL with a token in it
      throw new WardenException(
          ErrorCode.INPUT,
          "the "
              + what
              + " in the webhook payload is not OWNER/NAME"
              + " (letters, digits, '_', '.', '-' separated by '/'): check the delivery");
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String trimSlash(String s) {
    String t = s.strip();
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  // The URL itself is not quoted: it may carry a token.
  private static WardenException bad(String problem) {
    return new WardenException(
        ErrorCode.CONFIG,
        "the git URL of the repository "
            + problem
            + ": set WARDEN_GITHUB_GIT_URL or WARDEN_GITLAB_URL to the host's http(s) root (see docs/webhooks.md)");
  }

  @Override
  public String toString() {
    return "GitRemote["
        + host
        + " "
        + repository
        + " "
        + url
        + ", credentials="
        + credentials.map(c -> "***").orElse("none")
        + "]";
  }
}
