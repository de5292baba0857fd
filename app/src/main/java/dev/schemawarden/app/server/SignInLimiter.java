package dev.schemawarden.app.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed console sign-ins per client address, in memory: after {@code max} failures within {@code window}, every
 * sign-in from that address is refused (429) until the oldest failure leaves the window, so the token cannot be
 * guessed faster than {@code max} tries a window. Each instance of the service counts on its own, and a restart
 * forgets; the token's length is what keeps it safe, this only stops a script hammering the form.
 */
final class SignInLimiter {
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Addresses remembered at most; beyond it the ones whose failures all left the window are forgotten. */
  private static final int MAX_ADDRESSES = 10_000;

  private final Clock clock;
  private final int max;
  private final Duration window;
  private final Map<String, ArrayDeque<Instant>> failures = new HashMap<>();

  SignInLimiter(Clock clock) {
    this(clock, MAX_FAILURES, WINDOW);
  }

  SignInLimiter(Clock clock, int max, Duration window) {
    this.clock = clock;
    this.max = max;
    this.window = window;
  }

  /** How long {@code address} must wait before it may try again; empty when it may try now. */
  synchronized Optional<Duration> retryAfter(String address) {
    ArrayDeque<Instant> times = failures.get(address);
    if (times == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    expire(times, now);
    if (times.isEmpty()) {
      failures.remove(address);
      return Optional.empty();
    }
    return times.size() < max
        ? Optional.empty()
        : Optional.of(Duration.between(now, times.peekFirst().plus(window)));
  }

  synchronized void failed(String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
      failures.values().forEach(t -> expire(t, now));
      failures.values().removeIf(ArrayDeque::isEmpty);
    }
    ArrayDeque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    times.addLast(now);
    while (times.size() > max) {
      times.removeFirst(); // only the newest max count: the wait ends when the oldest of them
      // expires
    }
  }

  /** A correct token from {@code address}: its failures are forgotten. */
  synchronized void succeeded(String address) {
    failures.remove(address);
  }

  private void expire(ArrayDeque<Instant> times, Instant now) {
    while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
      times.removeFirst();
    }
  }
}
