package dev.schemawarden.app.host.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import dev.schemawarden.app.jobs.RetryLater;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paginated GETs of the few endpoints whose fields hub4j drops or fetches one extra request per item for: the
 * logins on a pull request's commits ({@code author.login}), reviews without a user look-up each, and team members
 * by organisation and slug. Failures map as {@link GithubErrors} does: 5xx and rate limits retry later.
 */
final class GithubRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** The {@code Authorization} header value for a request. */
  interface Authorization {
    String header() throws IOException;
  }

  private final String apiUrl;

  GithubRest(String apiUrl) {
    this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
  }

  /** Every item of every page of {@code path}; empty when GitHub answers 404 (or 403 without a rate limit). */
  Optional<List<JsonNode>> all(String path, Authorization auth, String what) {
    List<JsonNode> items = new ArrayList<>();
    String url = apiUrl + path + (path.contains("?") ? "&" : "?") + "per_page=100";
    try {
      while (url != null) {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/vnd.github+json")
                    .header("Authorization", auth.header())
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        boolean limited =
            r.headers().firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent();
        if (status == 429 || (status == 403 && limited) || status >= 500) {
          Optional<Instant> reset =
              r.headers().firstValue("x-ratelimit-reset").flatMap(GithubRest::epoch);
          throw new RetryLater(
              "GitHub: " + what + ": HTTP " + status,
              status >= 500 ? RetryLater.Cause.HOST_DOWN : RetryLater.Cause.RATE_LIMITED,
              reset,
              r.headers().firstValue("retry-after").flatMap(GithubErrors::retryAfter),
              null);
        }
        if (status == 404 || status == 403) {
          return Optional.empty();
        }
        if (status != 200) {
          throw new WardenException(
              ErrorCode.INFRASTRUCTURE,
              "GitHub: " + what + ": HTTP " + status + ": check the token's permissions");
        }
        JSON.readTree(r.body()).forEach(items::add);
        url =
            r.headers()
                .firstValue("link")
                .map(NEXT::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .orElse(null);
      }
      return Optional.of(List.copyOf(items));
    } catch (IOException e) {
      throw new RetryLater("GitHub: " + what + ": " + e, Optional.empty(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryLater("GitHub: " + what + ": interrupted", Optional.empty(), e);
    }
  }

  private static Optional<Instant> epoch(String s) {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(s.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
