package io.deconflict.engine.reference;

import io.deconflict.engine.geo.GeoPoint;

/**
 * Where something is over time, exactly, for the reference.
 *
 * <p>Times are seconds since the epoch as {@code double} (resolution about 0.25 µs at present-day
 * epochs, far finer than the 1 ms the engine works at).
 */
interface Trajectory {

  /** The position at time {@code t}; {@code t} is clamped to the trajectory's span. */
  GeoPoint at(double t);

  /**
   * An upper bound on the speed, in metres per second, over {@code [t0, t1]}; the interval must lie
   * between two consecutive {@link #breakpoints()}.
   */
  double speedBound(double t0, double t1);

  /** The times at which the speed may change, ascending. */
  double[] breakpoints();
}
