package dev.schemawarden.app.host.github;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.jobs.RetryLater;
import java.io.IOException;
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

    RateLimited(String message, Optional<Instant> reset) {
      super(message);
      this.reset = reset;
    }
  }

  /** Primary rate limit (403/429 with {@code x-ratelimit-remaining: 0}): fail now, retry after {@code x-ratelimit-reset}. */
  static final GitHubRateLimitHandler RATE_LIMIT = new GitHubRateLimitHandler() {
    @Override
    public void onError(GitHubConnectorResponse response) throws IOException {
      Optional<Instant> reset = Optional.ofNullable(response.header("x-ratelimit-reset"))
          .flatMap(GithubErrors::epochSeconds);
      throw new RateLimited("GitHub rate limit exhausted (HTTP " + response.statusCode() + ")", reset);
    }
  };

  /** Secondary ("abuse") limit: fail now, retry after {@code retry-after} seconds. */
  static final GitHubAbuseLimitHandler ABUSE_LIMIT = new GitHubAbuseLimitHandler() {
    @Override
    public void onError(GitHubConnectorResponse response) throws IOException {
      Optional<Instant> after = Optional.ofNullable(response.header("retry-after"))
          .flatMap(GithubErrors::seconds)
          .map(s -> Instant.now().plusSeconds(s));
      throw new RateLimited("GitHub secondary rate limit (HTTP " + response.statusCode() + ")", after);
    }
  };

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
    IOException e = failure instanceof IOException io ? io
        : failure.getCause() instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RateLimited r) {
        return new RetryLater("GitHub: " + what + ": " + r.getMessage(), r.reset, e);
      }
    }
    if (e instanceof java.io.FileNotFoundException) {
      return new WardenException(ErrorCode.INFRASTRUCTURE, "GitHub: " + what + ": not found (HTTP 404): check that"
          + " the token or App installation can see the repository", e);
    }
    if (e instanceof HttpException h && h.getResponseCode() >= 500) {
      return new RetryLater("GitHub: " + what + ": HTTP " + h.getResponseCode(), Optional.empty(), e);
    }
    if (e instanceof HttpException h && h.getResponseCode() > 0) {
      return new WardenException(ErrorCode.INFRASTRUCTURE, "GitHub: " + what + ": HTTP " + h.getResponseCode()
          + ": check the token's permissions (contents: read, pull requests: write, checks: write)", e);
    }
    // Connection refused, reset, timeout: passing, retry.
    return new RetryLater("GitHub: " + what + ": " + e, Optional.empty(), e);
  }
}
