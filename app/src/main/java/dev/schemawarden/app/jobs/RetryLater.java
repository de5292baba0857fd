package dev.schemawarden.app.jobs;

import dev.schemawarden.analyzers.api.ErrorCode;
import dev.schemawarden.analyzers.api.WardenException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job failed for a reason that passes: retry with backoff, and not before the host said (a rate-limit reset at
 * {@code notBefore}, or {@code Retry-After} seconds from the failure in {@code after}). {@link Cause#HOST_DOWN}
 * failures (5xx, connection refused, timeouts) count towards the host's circuit breaker; the others do not.
 */
public class RetryLater extends WardenException {
  private static final long serialVersionUID = 1L;

  /** Why the host did not do the work. */
  public enum Cause {
    /** 5xx, connection refused or reset, timeout: the host is (partly) down. */
    HOST_DOWN,
    /** The host answered but limits us (rate limit, secondary limit): it is up. */
    RATE_LIMITED,
    /** The host is up but the object is not ready yet (e.g. a merge request still computing its diff). */
    NOT_READY
  }

  private final Cause why;
  private final transient Optional<Instant> notBefore;
  private final transient Optional<Duration> after;

  public RetryLater(
      String message,
      Cause why,
      Optional<Instant> notBefore,
      Optional<Duration> after,
      Throwable cause) {
    super(ErrorCode.INFRASTRUCTURE, message, cause);
    this.why = why;
    this.notBefore = notBefore;
    this.after = after.filter(d -> !d.isNegative());
  }

  /** A host failure without a hint when to come back; {@code notBefore} present means a rate-limit reset. */
  public RetryLater(String message, Optional<Instant> notBefore, Throwable cause) {
    this(
        message,
        notBefore.isPresent() ? Cause.RATE_LIMITED : Cause.HOST_DOWN,
        notBefore,
        Optional.empty(),
        cause);
  }

  public Cause why() {
    return why;
  }

  /** An absolute time before which the host will not serve us (a rate limit's reset). */
  public Optional<Instant> notBefore() {
    return notBefore;
  }

  /** How long to wait from now ({@code Retry-After}); the queue adds it to its own clock. */
  public Optional<Duration> after() {
    return after;
  }
}
