package io.deconflict.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A clock that shows scenario time: it starts at a chosen instant and runs {@code speed} times as
 * fast as real time; it can be paused, resumed, sped up or slowed down, and set forward.
 *
 * <p>It never runs backwards: every reading is at or after the one before, whatever is changed in
 * between (the service's journal expects that). A hold ({@link #holdAt}) stops it at an instant
 * until the hold is moved: the demo uses one so that a notification due at a time is made at
 * exactly that time, however fast the clock runs. Thread-safe: all state is guarded by the
 * instance.
 */
public final class SimulatedClock extends Clock {

  /** The fastest speed allowed: a day passes in under nine seconds. */
  public static final double MAX_SPEED = 10_000;

  private final LongSupplier nanoTime;
  private Instant anchor;
  private long anchorNanos;
  private double speed;
  private boolean paused;
  private @Nullable Instant hold;

  /**
   * A clock at {@code start}.
   *
   * @param start the scenario time it shows first
   * @param speed scenario seconds per real second, in (0, {@link #MAX_SPEED}]
   * @param paused whether it starts paused
   * @param nanoTime the real time source, like {@link System#nanoTime()}
   */
  public SimulatedClock(Instant start, double speed, boolean paused, LongSupplier nanoTime) {
    checkSpeed(speed);
    this.nanoTime = nanoTime;
    this.anchor = start;
    this.anchorNanos = nanoTime.getAsLong();
    this.speed = speed;
    this.paused = paused;
  }

  /** A clock at {@code start} running at {@code speed} on {@link System#nanoTime()}. */
  public static SimulatedClock startingAt(Instant start, double speed, boolean paused) {
    return new SimulatedClock(start, speed, paused, System::nanoTime);
  }

  private static void checkSpeed(double speed) {
    if (!(speed > 0) || speed > MAX_SPEED) {
      throw new IllegalArgumentException(
          "speed must be in (0, " + (long) MAX_SPEED + "], got " + speed);
    }
  }

  @Override
  public synchronized Instant instant() {
    Instant running = running();
    Instant h = hold;
    return h != null && running.isAfter(h) ? h : running;
  }

  /** The reading without the hold. */
  private Instant running() {
    if (paused) {
      return anchor;
    }
    long elapsed = nanoTime.getAsLong() - anchorNanos;
    return anchor.plusNanos(Math.round(elapsed * speed));
  }

  /**
   * Holds the clock at {@code time}: it runs up to it and waits there until the hold is moved, then
   * carries on from where it waited. {@code null} lifts the hold.
   */
  public synchronized void holdAt(@Nullable Instant time) {
    reanchor(); // at the held reading, if it is held: the wait is not made up
    hold = time;
  }

  /** Where the clock is held, if it is. */
  public synchronized @Nullable Instant hold() {
    return hold;
  }

  /** Re-anchors at the current reading, so a change applies from now on. */
  private void reanchor() {
    anchor = instant();
    anchorNanos = nanoTime.getAsLong();
  }

  /** Stops the clock where it is. */
  public synchronized void pause() {
    reanchor();
    paused = true;
  }

  /** Lets it run again from where it stopped. */
  public synchronized void resume() {
    reanchor();
    paused = false;
  }

  /** Whether it is paused. */
  public synchronized boolean paused() {
    return paused;
  }

  /** Scenario seconds per real second. */
  public synchronized double speed() {
    return speed;
  }

  /** Changes the speed from now on. */
  public synchronized void setSpeed(double newSpeed) {
    checkSpeed(newSpeed);
    reanchor();
    speed = newSpeed;
  }

  /**
   * Sets the clock to {@code time}, which must not be before its reading; paused or running, it
   * carries on from there.
   *
   * @throws IllegalArgumentException if {@code time} is before the clock's reading
   */
  public synchronized void setTo(Instant time) {
    reanchor();
    Instant h = hold;
    if (h != null && time.isAfter(h)) {
      hold = null; // set past the hold: it no longer applies
    }
    if (time.isBefore(anchor)) {
      throw new IllegalArgumentException(
          "the clock does not run backwards: it shows " + anchor + ", asked for " + time);
    }
    anchor = time;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    SimulatedClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }
}
