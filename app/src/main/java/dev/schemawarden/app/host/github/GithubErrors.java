package dev.schemawarden.app.host.github;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.jobs.RetryLater;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Turns hub4j failures into ours: rate limits and 5xx become {@link RetryLater} (the queue retries after the reset
 * or a backoff, instead of hub4j sleeping in a worker), anything else an infrastructure error naming the call.
 */
final class GithubErrors {
  private GithubErrors() {}

  /** Raised from inside hub4j when GitHub says the rate limit is spent; carries the reset time. */
  static final class RateLimited extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Optional<Instant> reset;
    private final transient Optional<Duration> after;

    RateLimited(String message, Optional<Instant> reset, Optional<Duration> after) {
      super(message);
      this.reset = reset;
      this.after = after;
    }
  }

  /** Primary rate limit (403/429 with {@code x-ratelimit-remaining: 0}): fail now, retry after {@code x-ratelimit-reset}. */
  static final GitHubRateLimitHandler RATE_LIMIT =
      new GitHubRateLimitHandler() {
        @Override
        public void onError(GitHubConnectorResponse response) throws IOException {
          Optional<Instant> reset =
              Optional.ofNullable(response.header("x-ratelimit-reset"))
                  .flatMap(GithubErrors::epochSeconds);
          throw new RateLimited(
              "GitHub rate limit exhausted (HTTP " + response.statusCode() + ")",
              reset,
              Optional.ofNullable(response.header("retry-after"))
                  .flatMap(GithubErrors::retryAfter));
        }
      };

  /** Secondary ("abuse") limit: fail now, retry after {@code retry-after} seconds. */
  static final GitHubAbuseLimitHandler ABUSE_LIMIT =
      new GitHubAbuseLimitHandler() {
        @Override
        public void onError(GitHubConnectorResponse response) throws IOException {
          // Relative: the queue adds it to its own clock.
          Optional<Duration> after =
              Optional.ofNullable(response.header("retry-after")).flatMap(GithubErrors::retryAfter);
          throw new RateLimited(
              "GitHub secondary rate limit (HTTP " + response.statusCode() + ")",
              Optional.empty(),
              after);
        }
      };

  /**
   * A {@code Retry-After} value in seconds (the form GitHub sends); an HTTP-date or garbage is ignored and the
   * queue's backoff applies. Capped at a day so a hostile or broken proxy cannot park a job forever.
   */
  static Optional<Duration> retryAfter(String s) {
    return seconds(s).filter(n -> n >= 0).map(n -> Duration.ofSeconds(Math.min(n, 86_400)));
  }

  private static Optional<Instant> epochSeconds(String s) {
    return seconds(s).map(Instant::ofEpochSecond);
  }

  private static Optional<Long> seconds(String s) {
    try {
      return Optional.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Maps a failed call; {@code what} names it ("list files of o/r#2"). */
  static RuntimeException map(String what, Exception failure) {
    // Paged iteration wraps the IOException in an unchecked GHException.
    IOException e =
        failure instanceof IOException io
            ? io
            : failure.getCause() instanceof IOException io
                ? io
                : new IOException(failure.getMessage(), failure);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RateLimited r) {
        return new RetryLater(
            "GitHub: " + what + ": " + r.getMessage(),
            RetryLater.Cause.RATE_LIMITED,
            r.reset,
            r.after,
            e);
      }
    }
    if (e instanceof java.io.FileNotFoundException) {
      return new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitHub: "
              + what
              + ": not found (HTTP 404): check that"
              + " the token or App installation can see the repository",
          e);
    }
    if (e instanceof HttpException h
        && (h.getResponseCode() >= 500 || h.getResponseCode() == 429)) {
      // 503 (and 429 without hub4j's rate-limit headers) may say when to come back in Retry-After.
      return new RetryLater(
          "GitHub: " + what + ": HTTP " + h.getResponseCode(),
          h.getResponseCode() == 429 ? RetryLater.Cause.RATE_LIMITED : RetryLater.Cause.HOST_DOWN,
          Optional.empty(),
          header(h, "retry-after").flatMap(GithubErrors::retryAfter),
          e);
    }
    if (e instanceof HttpException h && h.getResponseCode() > 0) {
      return new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitHub: "
              + what
              + ": HTTP "
              + h.getResponseCode()
              + ": check the token's permissions (contents: read, pull requests: write, checks: write)",
          e);
    }
    // Connection refused, reset, timeout: passing, retry.
    return new RetryLater(
        "GitHub: " + what + ": " + e,
        RetryLater.Cause.HOST_DOWN,
        Optional.empty(),
        Optional.empty(),
        e);
  }

  private static Optional<String> header(HttpException h, String name) {
    if (h.getResponseHeaderFields() == null) {
      return Optional.empty();
    }
    return h.getResponseHeaderFields().entrySet().stream()
        .filter(en -> en.getKey() != null && en.getKey().equalsIgnoreCase(name))
        .flatMap(
            en -> en.getValue() == null ? java.util.stream.Stream.empty() : en.getValue().stream())
        .findFirst();
  }
}
