package dev.schemawarden.app.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when a test advances it: simulated minutes cost no real time. */
public final class SimulatedClock extends Clock {
  private final AtomicReference<Instant> now;

  public SimulatedClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Starts at the real time (to the millisecond, which the database keeps exactly), so rows the database stamps itself ({@code created_at}) read sensibly. */
  public static SimulatedClock startingNow() {
    return new SimulatedClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  public Instant advance(Duration d) {
    return now.updateAndGet(t -> t.plus(d));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
