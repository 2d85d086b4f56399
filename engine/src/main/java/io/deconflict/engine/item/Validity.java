package io.deconflict.engine.item;

import java.time.Instant;

/**
 * The half-open time span {@code [from, until)} in which a site or zone applies.
 *
 * <p>{@link #always()} has no bounds. A validity with a bound uses {@link Instant#MIN} or {@link
 * Instant#MAX} for the open side.
 *
 * @param from first instant the item applies
 * @param until first instant the item no longer applies
 */
public record Validity(Instant from, Instant until) {

  private static final Validity ALWAYS = new Validity(Instant.MIN, Instant.MAX);

  /** Checks that {@code from} is before {@code until}. */
  public Validity {
    if (!from.isBefore(until)) {
      throw new IllegalArgumentException(
          "validity must start before it ends, got from " + from + " until " + until);
    }
  }

  /** A validity without bounds. */
  public static Validity always() {
    return ALWAYS;
  }

  /** Whether {@code t} lies in {@code [from, until)}. */
  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(until);
  }

  /** Whether this validity has no bounds. */
  public boolean isAlways() {
    return from.equals(Instant.MIN) && until.equals(Instant.MAX);
  }
}
