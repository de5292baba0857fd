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
    if (!bearer(header)) {
      throw new UnauthorizedResponse("missing or invalid bearer token (WARDEN_API_TOKEN)");
    }
  }

  /** True when {@code header} is {@code Bearer <token>}. */
  boolean bearer(String header) {
    return header != null
        && header.startsWith("Bearer ")
        && matches(header.substring("Bearer ".length()).trim());
  }

  /** True when {@code given} is the token (the console's sign-in form); always false without a token. */
  boolean matches(String given) {
    return token.isPresent()
        && given != null
        && MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8));
  }

  boolean configured() {
    return token.isPresent();
  }

  /**
   * A key derived from the token for {@code purpose} (HMAC-SHA256 of the purpose under the token): signs the
   * console's session cookies, so a new token ends every session and the cookie never carries the token.
   */
  Optional<byte[]> derive(String purpose) {
    return token.map(
        t -> {
          try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(t, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
          } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
          }
        });
  }
}
