package dev.schemawarden.app.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per code host (its id, e.g. {@code github}, which this service maps to one API base URL).
 * After {@code threshold} consecutive host-down failures the breaker opens: jobs of that host are not attempted
 * but pushed to its next probe time. After the cool-down one probe job is let through (half-open); its success
 * closes the breaker, its failure opens it for another cool-down. Each change is logged once, not once per job.
 * State lives in this process: each instance sharing a queue learns of an outage by itself.
 */
public final class CircuitBreakers {
  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakers.class);

  /** What a breaker is; the metrics gauge reports the ordinal (0 closed, 1 open, 2 half-open). */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** The answer to "may this job call its host now?": yes, or not before {@code until}. */
  public sealed interface Admission {
    record Go() implements Admission {}

    record Wait(Instant until, String why) implements Admission {}
  }

  private final int threshold;
  private final Duration coolDown;
  private final Clock clock;
  private final Map<String, String> apis;
  private final Consumer<String> onClose;
  private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

  /**
   * @param apis the API base URL of each host id, for logs and metrics
   * @param onClose told the host id when its breaker closes (the queue releases the jobs it pushed back)
   */
  public CircuitBreakers(
      QueueSettings settings, Clock clock, Map<String, String> apis, Consumer<String> onClose) {
    this.threshold = settings.breakerThreshold();
    this.coolDown = settings.breakerCoolDown();
    this.clock = clock;
    this.apis = Map.copyOf(apis);
    this.onClose = onClose;
  }

  /** The hosts this service knows, with their API base URL. */
  public Map<String, String> apis() {
    return apis;
  }

  public State state(String host) {
    Breaker b = breakers.get(host);
    return b == null ? State.CLOSED : b.state();
  }

  public Admission admit(String host) {
    return breaker(host).admit(clock.instant());
  }

  /** The host answered (whatever the job's outcome, unless it was a host-down failure). */
  public void success(String host) {
    if (breaker(host).success()) {
      LOG.warn("host {} ({}) is answering again: circuit breaker closed", host, api(host));
      onClose.accept(host);
    }
  }

  /** The host was down for this attempt (5xx, refused, timeout). */
  public void failure(String host, String error) {
    Optional<Instant> opened = breaker(host).failure(clock.instant());
    opened.ifPresent(
        probe ->
            LOG.warn(
                "host {} ({}) is failing ({} consecutive failures, last: {}): circuit breaker"
                    + " open, its jobs wait; next probe at {}",
                host,
                api(host),
                threshold,
                error,
                probe));
  }

  private String api(String host) {
    return apis.getOrDefault(host, "unknown API");
  }

  private Breaker breaker(String host) {
    return breakers.computeIfAbsent(host, h -> new Breaker());
  }

  /** One host's breaker; its methods are synchronized, which is cheap next to a host call. */
  private final class Breaker {
    private State state = State.CLOSED;
    private int failures;
    private Instant probeAt = Instant.EPOCH;
    private Instant probeStarted = Instant.EPOCH;

    synchronized State state() {
      return state;
    }

    synchronized Admission admit(Instant now) {
      switch (state) {
        case CLOSED:
          return new Admission.Go();
        case OPEN:
          if (now.isBefore(probeAt)) {
            return new Admission.Wait(probeAt, "the host's circuit breaker is open");
          }
          state = State.HALF_OPEN;
          probeStarted = now;
          return new Admission.Go();
        default:
          // One probe at a time; a probe that never reports (its worker died) is replaced after a
          // cool-down.
          if (!now.isBefore(probeStarted.plus(coolDown))) {
            probeStarted = now;
            return new Admission.Go();
          }
          return new Admission.Wait(
              probeStarted.plus(coolDown), "the host's circuit breaker is probing");
      }
    }

    /** True when this closed an open or half-open breaker. */
    synchronized boolean success() {
      failures = 0;
      if (state == State.CLOSED) {
        return false;
      }
      state = State.CLOSED;
      return true;
    }

    /** The next probe time when this failure opened the breaker (not when it was open already). */
    synchronized Optional<Instant> failure(Instant now) {
      failures++;
      if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= threshold)) {
        boolean wasClosed = state == State.CLOSED;
        state = State.OPEN;
        probeAt = now.plus(coolDown);
        return wasClosed ? Optional.of(probeAt) : Optional.empty();
      }
      return Optional.empty();
    }
  }
}
