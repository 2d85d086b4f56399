package io.deconflict.engine.live;

/**
 * The urgency of a tactical encounter or an incursion, from the time left before separation is
 * lost. Ordered: a later constant is more urgent.
 */
public enum TacticalLevel {
  /** Nothing to tell. */
  NONE,
  /** Loss of separation within the advisory time, or inside a notice zone or a site radius. */
  ADVISORY,
  /** Loss of separation within the caution time. */
  CAUTION,
  /** Loss of separation within the warning time, separation already lost, or a forbidden zone. */
  WARNING;

  /** Whether this level is more urgent than {@code other}. */
  public boolean above(TacticalLevel other) {
    return compareTo(other) > 0;
  }
}
