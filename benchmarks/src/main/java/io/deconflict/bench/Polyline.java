package io.deconflict.bench;

import java.util.Arrays;

/**
 * An immutable polyline in local metres, parameterised by arc length.
 *
 * <p>{@link #append} and {@link #pointAt} are linear in the number of vertices; routes have at most
 * a few hundred. Thread-safe.
 */
final class Polyline {

  private final double[] xs;
  private final double[] ys;

  /** cumulative[i] is the arc length from vertex 0 to vertex i. */
  private final double[] cumulative;

  Polyline(double[] xs, double[] ys) {
    if (xs.length != ys.length || xs.length < 2) {
      throw new IllegalArgumentException(
          "a polyline needs at least two vertices, got " + xs.length + " and " + ys.length);
    }
    this.xs = xs.clone();
    this.ys = ys.clone();
    this.cumulative = new double[xs.length];
    for (int i = 1; i < xs.length; i++) {
      cumulative[i] = cumulative[i - 1] + Math.sqrt(sq(xs[i] - xs[i - 1]) + sq(ys[i] - ys[i - 1]));
    }
  }

  double length() {
    return cumulative[cumulative.length - 1];
  }

  /** The point at arc length {@code s}, clamped to the ends, as {x, y}. */
  double[] pointAt(double s) {
    if (s <= 0) {
      return new double[] {xs[0], ys[0]};
    }
    int last = xs.length - 1;
    if (s >= length()) {
      return new double[] {xs[last], ys[last]};
    }
    int i = Arrays.binarySearch(cumulative, s);
    if (i >= 0) {
      return new double[] {xs[i], ys[i]};
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double f = (s - cumulative[lo]) / (cumulative[hi] - cumulative[lo]);
    return new double[] {xs[lo] + f * (xs[hi] - xs[lo]), ys[lo] + f * (ys[hi] - ys[lo])};
  }

  /** The part of this polyline from arc length {@code s} to its end. */
  Polyline from(double s) {
    int i = 0;
    while (i < xs.length - 1 && cumulative[i + 1] <= s) {
      i++;
    }
    if (i == xs.length - 1) {
      i = xs.length - 2;
    }
    double[] start = pointAt(s);
    int n = xs.length - i;
    double[] nx = new double[n];
    double[] ny = new double[n];
    nx[0] = start[0];
    ny[0] = start[1];
    System.arraycopy(xs, i + 1, nx, 1, n - 1);
    System.arraycopy(ys, i + 1, ny, 1, n - 1);
    return new Polyline(nx, ny);
  }

  /** This polyline followed by {@code next}, whose first vertex must be this one's last. */
  Polyline append(Polyline next) {
    int n = xs.length + next.xs.length - 1;
    double[] nx = Arrays.copyOf(xs, n);
    double[] ny = Arrays.copyOf(ys, n);
    System.arraycopy(next.xs, 1, nx, xs.length, next.xs.length - 1);
    System.arraycopy(next.ys, 1, ny, ys.length, next.ys.length - 1);
    return new Polyline(nx, ny);
  }

  /** The same polyline walked the other way. */
  Polyline reversed() {
    double[] nx = new double[xs.length];
    double[] ny = new double[ys.length];
    for (int i = 0; i < xs.length; i++) {
      nx[i] = xs[xs.length - 1 - i];
      ny[i] = ys[ys.length - 1 - i];
    }
    return new Polyline(nx, ny);
  }

  private static double sq(double v) {
    return v * v;
  }
}
