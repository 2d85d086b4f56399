package io.deconflict.testkit.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until it is set or advanced: the service's clock in tests and
 * benchmarks, moved by the test (past a deadline) or by the load (to the newest report's time).
 *
 * <p>Thread-safe: readers see every change at once without a lock; changes are serialized, so
 * {@link #advanceTo} from several threads keeps the latest instant. Its zone is UTC; {@link
 * #withZone} gives a view in another zone that reads the same instant.
 */
public final class SettableClock extends Clock {

  private volatile Instant now;

  private SettableClock(Instant start) {
    this.now = start;
  }

  /** A clock standing at {@code start}. */
  public static SettableClock at(Instant start) {
    return new SettableClock(start);
  }

  /** Sets the clock to {@code time}, earlier or later than it shows. */
  public synchronized void set(Instant time) {
    now = time;
  }

  /**
   * Moves the clock forward by {@code duration}.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock advances by zero or more, got " + duration);
    }
    now = now.plus(duration);
  }

  /** Moves the clock to {@code time} if that is later than it shows; never moves it back. */
  public synchronized void advanceTo(Instant time) {
    if (time.isAfter(now)) {
      now = time;
    }
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public long millis() {
    return now.toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) ? this : new Zoned(this, zone);
  }

  @Override
  public String toString() {
    return "SettableClock[" + now + "]";
  }

  /** This clock's instant in another zone. */
  private static final class Zoned extends Clock {
    private final SettableClock clock;
    private final ZoneId zone;

    Zoned(SettableClock clock, ZoneId zone) {
      this.clock = clock;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return clock.withZone(other);
    }

    @Override
    public Instant instant() {
      return clock.instant();
    }
  }
}
