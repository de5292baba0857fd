package dev.schemawarden.app.server;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.git.RepositoryCacheSettings;
import dev.schemawarden.app.host.github.GithubAuth;
import dev.schemawarden.app.host.github.GithubSettings;
import dev.schemawarden.app.host.github.PemKeys;
import dev.schemawarden.app.host.gitlab.GitlabSettings;
import dev.schemawarden.app.jobs.QueueSettings;
import dev.schemawarden.app.mcp.McpSettings;
import dev.schemawarden.app.state.RetentionSettings;
import dev.schemawarden.app.state.StateSettings;
import dev.schemawarden.app.state.StateStore;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code warden serve} needs, read from environment variables and validated at start-up: a missing or
 * invalid setting fails with a message naming the variable and the fix. {@code toString} never shows secrets.
 */
public record ServiceConfig(
    int port,
    StateSettings state,
    Optional<GithubSettings> github,
    long maxBodyBytes,
    int workers,
    QueueSettings queue,
    Optional<GitlabSettings> gitlab,
    RepositoryCacheSettings repositories,
    Duration shutdownGrace,
    RetentionSettings retention,
    Optional<McpSettings> mcp) {

  public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_WORKERS = 2;

  /** How long a stopping instance lets running jobs finish before it releases them (WARDEN_SHUTDOWN_GRACE). */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

  public ServiceConfig {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(github, "github");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(gitlab, "gitlab");
    Objects.requireNonNull(repositories, "repositories");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(mcp, "mcp");
  }

  /** Without {@code /mcp}. */
  public ServiceConfig(
      int port,
      StateSettings state,
      Optional<GithubSettings> github,
      long maxBodyBytes,
      int workers,
      QueueSettings queue,
      Optional<GitlabSettings> gitlab,
      RepositoryCacheSettings repositories,
      Duration shutdownGrace,
      RetentionSettings retention) {
    this(
        port,
        state,
        github,
        maxBodyBytes,
        workers,
        queue,
        gitlab,
        repositories,
        shutdownGrace,
        retention,
        Optional.empty());
  }

  /** GitHub only. */
  public ServiceConfig(
      int port,
      StateSettings state,
      GithubSettings github,
      long maxBodyBytes,
      int workers,
      QueueSettings queue) {
    this(
        port,
        state,
        Optional.of(github),
        maxBodyBytes,
        workers,
        queue,
        Optional.empty(),
        RepositoryCacheSettings.fromEnv(Map.of()),
        DEFAULT_SHUTDOWN_GRACE,
        RetentionSettings.defaults());
  }

  /** The GitHub and GitLab variables, in the order the "no host configured" message names them. */
  static final java.util.List<String> GITHUB_VARIABLES =
      java.util.List.of(
          "WARDEN_GITHUB_WEBHOOK_SECRET",
          "WARDEN_GITHUB_TOKEN",
          "WARDEN_GITHUB_APP_ID",
          "WARDEN_GITHUB_PRIVATE_KEY");

  /** Reads the configuration from {@code env} (the process environment in production). */
  public static ServiceConfig fromEnv(Map<String, String> env) {
    int port = integer(env, "WARDEN_PORT", DEFAULT_PORT, 0, 65_535);
    int workers = integer(env, "WARDEN_WORKERS", DEFAULT_WORKERS, 1, 64);
    long maxBody =
        integer(
            env, "WARDEN_MAX_BODY_BYTES", (int) DEFAULT_MAX_BODY_BYTES, 1_024, Integer.MAX_VALUE);
    Optional<String> stateUrl = value(env, "WARDEN_STATE_URL");
    stateUrl
        .filter(u -> !u.startsWith("jdbc:postgresql:"))
        .ifPresent(
            u -> {
              throw invalid(
                  "WARDEN_STATE_URL",
                  "must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB?user=...)");
            });
    Path stateDir =
        value(env, "WARDEN_STATE_DIR").map(Path::of).orElseGet(StateStore::defaultDirectory);
    Optional<GitlabSettings> gitlab = GitlabSettings.fromEnv(env);
    boolean githubWanted = GITHUB_VARIABLES.stream().anyMatch(v -> value(env, v).isPresent());
    if (!githubWanted && gitlab.isEmpty()) {
      throw invalid(
          "WARDEN_GITHUB_WEBHOOK_SECRET",
          "is not set and no code host is configured: set"
              + " WARDEN_GITHUB_WEBHOOK_SECRET with WARDEN_GITHUB_TOKEN (or WARDEN_GITHUB_APP_ID and"
              + " WARDEN_GITHUB_PRIVATE_KEY) for GitHub, and/or WARDEN_GITLAB_URL, WARDEN_GITLAB_TOKEN and"
              + " WARDEN_GITLAB_WEBHOOK_TOKEN for GitLab");
    }
    Optional<GithubSettings> github = githubWanted ? Optional.of(github(env)) : Optional.empty();
    return new ServiceConfig(
        port,
        new StateSettings(stateUrl, stateDir, workers + 16),
        github,
        maxBody,
        workers,
        queue(env),
        gitlab,
        RepositoryCacheSettings.fromEnv(env),
        duration(env, "WARDEN_SHUTDOWN_GRACE", DEFAULT_SHUTDOWN_GRACE),
        retention(env),
        McpSettings.fromEnv(env));
  }

  /** Ages after which the service's own rows are pruned (docs/deployment.md, "Retention"). */
  static RetentionSettings retention(Map<String, String> env) {
    RetentionSettings d = RetentionSettings.defaults();
    return new RetentionSettings(
        duration(env, "WARDEN_RETENTION_JOBS", d.jobs()),
        duration(env, "WARDEN_RETENTION_DELIVERIES", d.deliveries()),
        duration(env, "WARDEN_RETENTION_REVIEWS", d.reviews()),
        duration(env, "WARDEN_RETENTION_EVERY", d.every()));
  }

  /** The retry horizon, backoff and host circuit breaker, each with its default. */
  static QueueSettings queue(Map<String, String> env) {
    QueueSettings d = QueueSettings.defaults();
    Duration horizon = duration(env, "WARDEN_JOB_RETRY_HORIZON", d.horizon());
    Duration base = duration(env, "WARDEN_JOB_BACKOFF_BASE", d.baseBackoff());
    Duration max = duration(env, "WARDEN_JOB_BACKOFF_MAX", d.maxBackoff());
    if (max.compareTo(base) < 0) {
      throw invalid(
          "WARDEN_JOB_BACKOFF_MAX", "must be at least WARDEN_JOB_BACKOFF_BASE (" + base + ")");
    }
    int threshold = integer(env, "WARDEN_HOST_BREAKER_THRESHOLD", d.breakerThreshold(), 1, 1_000);
    Duration coolDown = duration(env, "WARDEN_HOST_BREAKER_COOLDOWN", d.breakerCoolDown());
    // How soon a dead instance's job is claimed by another; a live worker extends it every third of
    // it.
    Duration lease = duration(env, "WARDEN_JOB_LEASE", d.lease());
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw invalid(
          "WARDEN_JOB_LEASE", "must be at least 1s (the lease is extended every third of it)");
    }
    // How often an idle worker looks for jobs another instance enqueued (its own deliveries wake it
    // at once).
    Duration poll = duration(env, "WARDEN_JOB_POLL", d.poll());
    return d.withHorizon(horizon)
        .withBackoff(base, max)
        .withBreaker(threshold, coolDown)
        .withLease(lease)
        .withPoll(poll);
  }

  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 6h}, {@code 2d}; positive. */
  static Duration duration(Map<String, String> env, String name, Duration fallback) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return fallback;
    }
    java.util.regex.Matcher m = DURATION.matcher(v.get().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw invalid(
          name, "must be a positive duration such as 30s, 10m or 6h, got '" + v.get() + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** GitHub's settings, once any GitHub variable is set: then the secret and a credential are required. */
  private static GithubSettings github(Map<String, String> env) {
    String secret =
        value(env, "WARDEN_GITHUB_WEBHOOK_SECRET")
            .orElseThrow(
                () ->
                    invalid(
                        "WARDEN_GITHUB_WEBHOOK_SECRET",
                        "is not set: set it to the secret configured on the GitHub webhook/App"));
    String apiUrl = value(env, "WARDEN_GITHUB_API_URL").orElse(GithubSettings.PUBLIC_API);
    try {
      URI u = new URI(apiUrl);
      if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
        throw invalid(
            "WARDEN_GITHUB_API_URL",
            "must be an http(s) URL such as https://github.example.com/api/v3");
      }
    } catch (URISyntaxException e) {
      throw invalid("WARDEN_GITHUB_API_URL", "is not a URL: " + e.getReason());
    }
    Optional<String> gitUrl = value(env, "WARDEN_GITHUB_GIT_URL");
    gitUrl.ifPresent(
        u -> {
          // checked now, not on the first delivery: GitRemote names the variable and refuses
          // anything but http(s)
          dev.schemawarden.app.git.GitRemote.github(
              "owner/repo", Optional.empty(), Optional.of(u), Optional.empty());
        });
    return new GithubSettings(apiUrl, secret, auth(env), GithubSettings.DEFAULT_CHECK_NAME, gitUrl);
  }

  private static GithubAuth auth(Map<String, String> env) {
    Optional<String> token = value(env, "WARDEN_GITHUB_TOKEN");
    Optional<String> appId = value(env, "WARDEN_GITHUB_APP_ID");
    Optional<String> key = value(env, "WARDEN_GITHUB_PRIVATE_KEY");
    if (token.isPresent() && appId.isPresent()) {
      throw invalid(
          "WARDEN_GITHUB_TOKEN",
          "and WARDEN_GITHUB_APP_ID are both set: set one (a token, or an App id"
              + " with WARDEN_GITHUB_PRIVATE_KEY)");
    }
    if (token.isPresent()) {
      return new GithubAuth.Token(token.get());
    }
    if (appId.isEmpty()) {
      throw invalid(
          "WARDEN_GITHUB_TOKEN",
          "is not set: set WARDEN_GITHUB_TOKEN, or WARDEN_GITHUB_APP_ID and"
              + " WARDEN_GITHUB_PRIVATE_KEY for a GitHub App");
    }
    long id;
    try {
      id = Long.parseLong(appId.get());
    } catch (NumberFormatException e) {
      throw invalid(
          "WARDEN_GITHUB_APP_ID", "must be the App's numeric id (App settings, \"App ID\")");
    }
    String pem =
        key.orElseThrow(
            () ->
                invalid(
                    "WARDEN_GITHUB_PRIVATE_KEY",
                    "is not set: with WARDEN_GITHUB_APP_ID set it to the App's private key (PEM text or a path to the .pem)"));
    if (!pem.contains("-----BEGIN")) {
      Path path = Path.of(pem);
      try {
        pem = Files.readString(path);
      } catch (IOException e) {
        throw invalid(
            "WARDEN_GITHUB_PRIVATE_KEY", "is neither PEM text nor a readable file (" + path + ")");
      }
    }
    try {
      PrivateKey pk = PemKeys.parse(pem);
      return new GithubAuth.App(id, pk);
    } catch (GeneralSecurityException e) {
      throw invalid(
          "WARDEN_GITHUB_PRIVATE_KEY", "is not a usable RSA private key: " + e.getMessage());
    }
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min || n > max) {
        throw invalid(name, "must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(name, "must be a whole number, got '" + v.get() + "'");
    }
  }

  private static WardenException invalid(String variable, String problem) {
    return new WardenException(
        ErrorCode.CONFIG, variable + " " + problem + " (see docs/configuration.md)");
  }

  public ServiceConfig withPort(int newPort) {
    return new ServiceConfig(
        newPort,
        state,
        github,
        maxBodyBytes,
        workers,
        queue,
        gitlab,
        repositories,
        shutdownGrace,
        retention,
        mcp);
  }

  public ServiceConfig withQueue(QueueSettings newQueue) {
    return new ServiceConfig(
        port,
        state,
        github,
        maxBodyBytes,
        workers,
        newQueue,
        gitlab,
        repositories,
        shutdownGrace,
        retention,
        mcp);
  }

  public ServiceConfig withState(StateSettings newState) {
    return new ServiceConfig(
        port,
        newState,
        github,
        maxBodyBytes,
        workers,
        queue,
        gitlab,
        repositories,
        shutdownGrace,
        retention,
        mcp);
  }

  public ServiceConfig withRepositories(RepositoryCacheSettings newRepositories) {
    return new ServiceConfig(
        port,
        state,
        github,
        maxBodyBytes,
        workers,
        queue,
        gitlab,
        newRepositories,
        shutdownGrace,
        retention,
        mcp);
  }

  public ServiceConfig withGithub(Optional<GithubSettings> newGithub) {
    return new ServiceConfig(
        port,
        state,
        newGithub,
        maxBodyBytes,
        workers,
        queue,
        gitlab,
        repositories,
        shutdownGrace,
        retention,
        mcp);
  }

  public ServiceConfig withMcp(Optional<McpSettings> newMcp) {
    return new ServiceConfig(
        port,
        state,
        github,
        maxBodyBytes,
        workers,
        queue,
        gitlab,
        repositories,
        shutdownGrace,
        retention,
        newMcp);
  }

  public ServiceConfig withGitlab(Optional<GitlabSettings> newGitlab) {
    return new ServiceConfig(
        port,
        state,
        github,
        maxBodyBytes,
        workers,
        queue,
        newGitlab,
        repositories,
        shutdownGrace,
        retention,
        mcp);
  }

  public ServiceConfig withShutdownGrace(Duration newGrace) {
    return new ServiceConfig(
        port,
        state,
        github,
        maxBodyBytes,
        workers,
        queue,
        gitlab,
        repositories,
        newGrace,
        retention,
        mcp);
  }

  public ServiceConfig withRetention(RetentionSettings newRetention) {
    return new ServiceConfig(
        port,
        state,
        github,
        maxBodyBytes,
        workers,
        queue,
        gitlab,
        repositories,
        shutdownGrace,
        newRetention,
        mcp);
  }

  @Override
  public String toString() {
    return "ServiceConfig[port="
        + port
        + ", state="
        + state.url().map(StateSettings::redact).orElse("embedded " + state.dir())
        + ", github="
        + github.map(GithubSettings::toString).orElse("off")
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", workers="
        + workers
        + ", retryHorizon="
        + queue.horizon()
        + ", gitlab="
        + gitlab.map(GitlabSettings::toString).orElse("off")
        + ", repositoryCache="
        + repositories.dir()
        + ", lease="
        + queue.lease()
        + ", shutdownGrace="
        + shutdownGrace
        + ", retention="
        + retention
        + ", "
        + mcp.map(McpSettings::toString).orElse("mcp=off")
        + "]";
  }
}
