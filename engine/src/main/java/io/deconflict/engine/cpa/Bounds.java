package io.deconflict.engine.cpa;

import io.deconflict.engine.item.Validity;
import java.time.Instant;

/** Conversions of validity bounds into seconds since the epoch, open sides as infinities. */
public final class Bounds {

  private Bounds() {}

  /** The first second of a validity, or negative infinity if it has no start. */
  public static double from(Validity v) {
    return v.from().equals(Instant.MIN) ? Double.NEGATIVE_INFINITY : seconds(v.from());
  }

  /** The end of a validity, or positive infinity if it has no end. */
  public static double until(Validity v) {
    return v.until().equals(Instant.MAX) ? Double.POSITIVE_INFINITY : seconds(v.until());
  }

  /** An instant as seconds since the epoch, at millisecond resolution. */
  public static double seconds(Instant t) {
    return t.toEpochMilli() * 1e-3;
  }
}
