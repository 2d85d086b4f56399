package io.deconflict.service.access;

import java.time.Duration;
import java.time.Instant;

/**
 * How many refused sign-ins may be journaled: a token bucket of {@link #BURST} records, refilled by
 * one every {@link #REFILL}. A refusal that finds the bucket empty is counted instead, and the
 * count goes into the next record. So an attacker who floods the service with bad tokens adds at
 * most {@code BURST} records at once and 10 a minute after that, whatever the rate of the flood.
 *
 * <p>Thread-safe (synchronised); the time is given, never read.
 */
final class RefusalBudget {

  /** The most records journaled at once, after a quiet spell. */
  static final int BURST = 20;

  /** One more record may be journaled per this much time: 10 a minute. */
  static final Duration REFILL = Duration.ofSeconds(6);

  private static final long COST = REFILL.toMillis();
  private static final long CAPACITY = BURST * COST;

  /** The credit, in milliseconds of refill: one record costs {@link #COST}. Exact, no rounding. */
  private long credit = CAPACITY;

  private Instant last = Instant.EPOCH;
  private long suppressed;
  private boolean started;

  /**
   * Takes one record's worth from the bucket at {@code now}; returns how many refusals were left
   * out before it (to be journaled with it), or -1 if the bucket is empty (this refusal is counted
   * and left out).
   */
  synchronized long take(Instant now) {
    refill(now);
    if (credit < COST) {
      suppressed++;
      return -1;
    }
    credit -= COST;
    long before = suppressed;
    suppressed = 0;
    return before;
  }

  /**
   * If refusals were left out and the bucket has room at {@code now}, takes one record's worth and
   * returns how many were left out (to be journaled as a record of their own); else 0.
   */
  synchronized long flush(Instant now) {
    if (suppressed == 0) {
      return 0;
    }
    refill(now);
    if (credit < COST) {
      return 0;
    }
    credit -= COST;
    long before = suppressed;
    suppressed = 0;
    return before;
  }

  private void refill(Instant now) {
    if (!started) {
      started = true;
      last = now;
      return;
    }
    if (now.isAfter(last)) {
      credit = Math.min(CAPACITY, credit + Duration.between(last, now).toMillis());
      last = now;
    }
  }
}
