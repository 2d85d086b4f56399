package io.deconflict.service.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * How long what is over stays in memory, in event time: a conflict whose alerts are all resolved
 * leaves memory once {@code keep} has passed since the last of them was resolved (it is then read
 * from the journal), and a unit that has not reported for {@code keep} leaves the live tracker.
 * Time is the time of the commands the state machine executes, never a clock, so a replay of the
 * same journal forgets the same things at the same records.
 *
 * @param keep how long, at least one second
 */
public record Retention(Duration keep) {

  /** The longest retention: ten years. */
  public static final Duration MAX_KEEP = Duration.ofDays(3650);

  /** A day. */
  public static final Retention DEFAULT = new Retention(Duration.ofHours(24));

  /**
   * Checks the value.
   *
   * @throws IllegalArgumentException if {@code keep} is shorter than a second or longer than {@link
   *     #MAX_KEEP}, quoting it
   */
  public Retention {
    if (keep.compareTo(Duration.ofSeconds(1)) < 0 || keep.compareTo(MAX_KEEP) > 0) {
      throw new IllegalArgumentException("it must be from PT1S to P3650D, got " + keep);
    }
  }

  /**
   * How often, in event time, the live tracker is swept for units gone silent: a 24th of {@code
   * keep}, at least a second (a sweep costs a pass over the units).
   */
  public Duration sweepEvery() {
    Duration d = keep.dividedBy(24);
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }

  /** Whether something over at {@code over} has been kept long enough at {@code now}. */
  public boolean expired(Instant over, Instant now) {
    return !over.plus(keep).isAfter(now);
  }
}
