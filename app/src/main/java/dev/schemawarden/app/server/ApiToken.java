package dev.schemawarden.app.server;

import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer token of the service's {@code /api/} routes ({@code WARDEN_API_TOKEN}). Without a configured token
 * every call is refused.
 */
final class ApiToken {
  private final Optional<byte[]> token;

  ApiToken(Optional<String> token) {
    this.token = token.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /** Constant-time comparison: the response time says nothing about how much of a guess was right. */
  void check(String header) {
    if (token.isEmpty() || header == null || !header.startsWith("Bearer ")) {
      throw new UnauthorizedResponse("missing or invalid bearer token (WARDEN_API_TOKEN)");
    }
    byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(token.get(), given)) {
      throw new UnauthorizedResponse("missing or invalid bearer token (WARDEN_API_TOKEN)");
    }
  }
}
