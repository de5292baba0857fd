package dev.schemawarden.app.host.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemawarden.app.jobs.RetryLater;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub App authentication: a JWT (RS256, signed with the App's private key, valid 9 minutes, issued a minute in
 * the past for clock skew) is exchanged for an installation token, cached until five minutes before it expires.
 * See https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app.
 */
final class InstallationTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

  private record Cached(String token, Instant expiresAt) {}

  private final GithubAuth.App app;
  private final String apiUrl;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  InstallationTokens(GithubAuth.App app, String apiUrl, Clock clock) {
    this.app = app;
    this.apiUrl = apiUrl;
    this.clock = clock;
  }

  /** A valid token for the installation, from the cache or freshly minted. */
  String token(long installation) throws IOException {
    Cached c = cache.get(installation);
    if (c != null && clock.instant().isBefore(c.expiresAt().minus(REFRESH_BEFORE))) {
      return c.token();
    }
    Cached fresh = mint(installation);
    cache.put(installation, fresh);
    return fresh.token();
  }

  private Cached mint(long installation) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(apiUrl + "/app/installations/" + installation + "/access_tokens"))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/vnd.github+json")
            .header("Authorization", "Bearer " + jwt())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching an installation token", e);
    }
    if (response.statusCode() >= 500 || response.statusCode() == 429) {
      throw new RetryLater(
          "GitHub answered "
              + response.statusCode()
              + " for an installation token of "
              + installation,
          response.statusCode() == 429 ? RetryLater.Cause.RATE_LIMITED : RetryLater.Cause.HOST_DOWN,
          Optional.empty(),
          response.headers().firstValue("retry-after").flatMap(GithubErrors::retryAfter),
          null);
    }
    if (response.statusCode() != 201) {
      throw new IOException(
          "GitHub refused an installation token for installation "
              + installation
              + " (HTTP "
              + response.statusCode()
              + "): check WARDEN_GITHUB_APP_ID, the private key, and that the App is"
              + " installed on the repository");
    }
    JsonNode body = JSON.readTree(response.body());
    return new Cached(body.path("token").asText(), Instant.parse(body.path("expires_at").asText()));
  }

  String jwt() {
    long now = clock.instant().getEpochSecond();
    String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    String payload =
        b64(
            "{\"iat\":"
                + (now - 60)
                + ",\"exp\":"
                + (now + 540)
                + ",\"iss\":\""
                + app.appId()
                + "\"}");
    String signingInput = header + "." + payload;
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(app.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the GitHub App JWT: " + e.getMessage(), e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
