package dev.schemawarden.app.host.gitlab;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.jobs.RetryLater;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApiException;

/**
 * Turns GitLab4J failures into ours: rate limits (429, with {@code RateLimit-Reset} or {@code Retry-After}), 5xx
 * and connection failures become {@link RetryLater}; anything else an infrastructure error naming the call and
 * the likely fix.
 */
final class GitlabErrors {
  private GitlabErrors() {}

  /** Maps a failed call; {@code what} names it ("list diffs of group/proj#3"). */
  static RuntimeException map(String what, Exception failure) {
    GitLabApiException e =
        failure instanceof GitLabApiException g
            ? g
            : failure.getCause() instanceof GitLabApiException g ? g : null;
    if (e == null) {
      // Connection refused, reset, timeout (Jersey's ProcessingException): passing, retry.
      return new RetryLater(
          "GitLab: " + what + ": " + failure,
          RetryLater.Cause.HOST_DOWN,
          Optional.empty(),
          Optional.empty(),
          failure);
    }
    int status = e.getHttpStatus();
    if (status == 429) {
      return new RetryLater(
          "GitLab: " + what + ": rate limited (HTTP 429)",
          RetryLater.Cause.RATE_LIMITED,
          header(e, "RateLimit-Reset").flatMap(GitlabErrors::number).map(Instant::ofEpochSecond),
          retryAfter(e),
          e);
    }
    if (status >= 500 || status == 0) {
      return new RetryLater(
          "GitLab: " + what + ": HTTP " + status + " " + e.getMessage(),
          RetryLater.Cause.HOST_DOWN,
          Optional.empty(),
          retryAfter(e),
          e);
    }
    if (status == 401 || status == 403) {
      return new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitLab: "
              + what
              + ": HTTP "
              + status
              + ": check that"
              + " WARDEN_GITLAB_TOKEN is valid, has the api scope and at least the Developer role on the project",
          e);
    }
    if (status == 404) {
      return new WardenException(
          ErrorCode.INFRASTRUCTURE,
          "GitLab: "
              + what
              + ": not found (HTTP 404): check that"
              + " the token's user can see the project",
          e);
    }
    return new WardenException(
        ErrorCode.INFRASTRUCTURE, "GitLab: " + what + ": HTTP " + status + " " + e.getMessage(), e);
  }

  /** {@code Retry-After} seconds (429 and 503 send it), relative: the queue adds it to its own clock. */
  private static Optional<Duration> retryAfter(GitLabApiException e) {
    return header(e, "Retry-After")
        .flatMap(GitlabErrors::number)
        .filter(n -> n >= 0)
        .map(n -> Duration.ofSeconds(Math.min(n, 86_400)));
  }

  private static Optional<String> header(GitLabApiException e, String name) {
    if (e.getHeaders() == null) {
      return Optional.empty();
    }
    for (var entry : e.getHeaders().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        List<String> values = entry.getValue();
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
      }
    }
    return Optional.empty();
  }

  private static Optional<Long> number(String s) {
    try {
      return Optional.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException ex) {
      return Optional.empty();
    }
  }

  static boolean isStatus(Exception e, int status) {
    return e instanceof GitLabApiException g && g.getHttpStatus() == status;
  }
}
