package dev.schemawarden.app.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may read the console: a caller presenting {@code Authorization: Bearer <WARDEN_API_TOKEN>} (scripts), or a
 * browser holding a session cookie from the sign-in form. The cookie is {@code <random id>.<expiry>.<HMAC>} signed
 * with a key derived from the token: it never carries the token, needs no server-side table (any instance of the
 * service accepts it, a restart keeps it) and dies with its expiry or a new token.
 */
final class ConsoleAccess {
  static final String COOKIE = "warden_session";
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final ApiToken token;
  private final Optional<byte[]> key;
  private final Clock clock;
  private final SignInLimiter failures;

  ConsoleAccess(ApiToken token, Clock clock) {
    this.token = token;
    this.key = token.derive("schema-warden console session v1");
    this.clock = clock;
    this.failures = new SignInLimiter(clock);
  }

  ApiToken token() {
    return token;
  }

  /** Failed sign-ins (form or bearer) per client address. */
  SignInLimiter failures() {
    return failures;
  }

  /**
   * Before every route but the webhooks (signed, no bearer): a wrong {@code Authorization: Bearer} counts as a
   * failed sign-in of the caller's address, as a wrong token in the form does, so the {@code /api/} routes are no
   * faster way to guess; a locked-out address gets 429 with {@code Retry-After} whatever it sends.
   */
  void limitBearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith("Bearer ") || ctx.path().startsWith("/webhooks/")) {
      return;
    }
    String address = ctx.req().getRemoteAddr();
    Optional<Duration> wait = failures.retryAfter(address);
    if (wait.isPresent()) {
      long seconds = retryAfterSeconds(wait.get());
      ctx.header("Retry-After", Long.toString(seconds));
      throw new HttpResponseException(
          429, "too many failed sign-ins from this address; retry in " + seconds + " s");
    }
    if (token.bearer(header)) {
      failures.succeeded(address);
    } else {
      failures.failed(address);
    }
  }

  /** {@code wait} in whole seconds for {@code Retry-After}, rounded up, at least 1. */
  static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  boolean allowed(Context ctx) {
    return token.bearer(ctx.header("Authorization")) || session(ctx.cookie(COOKIE));
  }

  /** For JSON endpoints: 401 unless allowed. */
  void requireApi(Context ctx) {
    if (!allowed(ctx)) {
      throw new UnauthorizedResponse(
          "missing or invalid bearer token (WARDEN_API_TOKEN) or console session");
    }
  }

  /** For pages: false (after a redirect to the sign-in form) unless allowed. */
  boolean page(Context ctx) {
    if (allowed(ctx)) {
      return true;
    }
    ctx.redirect("/signin", HttpStatus.SEE_OTHER);
    return false;
  }

  boolean session(String cookie) {
    if (key.isEmpty() || cookie == null) {
      return false;
    }
    String[] parts = cookie.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    long expiry;
    try {
      expiry = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] expected = sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))
        && clock.instant().getEpochSecond() < expiry;
  }

  /** Issues a new session cookie on {@code ctx}; {@code Secure} when the request came over TLS (or a TLS proxy). */
  void signIn(Context ctx) {
    byte[] id = new byte[24];
    RANDOM.nextBytes(id);
    String body = B64.encodeToString(id) + "." + clock.instant().plus(LIFETIME).getEpochSecond();
    setCookie(ctx, body + "." + sign(body), LIFETIME.toSeconds());
  }

  void signOut(Context ctx) {
    setCookie(ctx, "", 0);
  }

  private static void setCookie(Context ctx, String value, long maxAge) {
    boolean tls =
        "https".equalsIgnoreCase(ctx.scheme())
            || "https"
                .equalsIgnoreCase(
                    Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse("").trim());
    ctx.res()
        .addHeader(
            "Set-Cookie",
            COOKIE
                + "="
                + value
                + "; Path=/; Max-Age="
                + maxAge
                + "; HttpOnly; SameSite=Strict"
                + (tls ? "; Secure" : ""));
  }

  private String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.orElseThrow(), "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
