package dev.schemawarden.app.jobs;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.time.Instant;
import java.util.Optional;

/**
 * A job failed for a reason that passes (host 5xx, rate limit): retry with backoff, and not before
 * {@code notBefore} when the host said when it resets.
 */
public class RetryLater extends WardenException {
  private static final long serialVersionUID = 1L;
  private final transient Optional<Instant> notBefore;

  public RetryLater(String message, Optional<Instant> notBefore, Throwable cause) {
    super(ErrorCode.INFRASTRUCTURE, message, cause);
    this.notBefore = notBefore;
  }

  public Optional<Instant> notBefore() {
    return notBefore;
  }
}
