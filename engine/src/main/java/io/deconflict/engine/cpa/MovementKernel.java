package io.deconflict.engine.cpa;

import io.deconflict.engine.track.Track;

/**
 * The exact loss-of-separation intervals of two tracks, and of a track and a fixed point.
 *
 * <p>Within a window where both tracks are on one piece each, their relative position is linear in
 * time, so the squared chord distance is a quadratic; the sub-interval where it is below the
 * threshold and its minimum follow in closed form (closest point of approach for linear motion, as
 * in DAIDALUS). Roots use the cancellation-free quadratic formula. Cost: O(1) per piece pair,
 * O(pieces(a) + pieces(b)) per track pair.
 *
 * <p>Callers pass the two tracks in a fixed order (smaller id first) so results are bit-identical
 * however the pair was found.
 */
public final class MovementKernel {

  private MovementKernel() {}

  /**
   * Adds to {@code out} the sub-interval of the time overlap of piece {@code i} of {@code a} and
   * piece {@code j} of {@code b} in which their chord distance is below {@code chord}.
   */
  public static void piecePair(Track a, int i, Track b, int j, double chord, IntervalSink out) {
    piecePair(
        a.time(i),
        a.time(i + 1),
        a.originX(),
        a.originY(),
        a.originZ(),
        a.dx(i),
        a.dy(i),
        a.dz(i),
        a.dx(i + 1),
        a.dy(i + 1),
        a.dz(i + 1),
        b.time(j),
        b.time(j + 1),
        b.originX(),
        b.originY(),
        b.originZ(),
        b.dx(j),
        b.dy(j),
        b.dz(j),
        b.dx(j + 1),
        b.dy(j + 1),
        b.dz(j + 1),
        chord,
        out);
  }

  /**
   * {@link #piecePair(Track, int, Track, int, double, IntervalSink)} on values copied from the
   * tracks (so a caller that keeps them side by side reads no track): each piece as its start and
   * end time, its track's origin and its end points' offsets from that origin.
   */
  public static void piecePair(
      double ta0,
      double ta1,
      double aox,
      double aoy,
      double aoz,
      double ax0,
      double ay0,
      double az0,
      double ax1,
      double ay1,
      double az1,
      double tb0,
      double tb1,
      double box,
      double boy,
      double boz,
      double bx0,
      double by0,
      double bz0,
      double bx1,
      double by1,
      double bz1,
      double chord,
      IntervalSink out) {
    double w0 = Math.max(ta0, tb0);
    double w1 = Math.min(ta1, tb1);
    if (!(w1 > w0)) {
      return;
    }
    double ua = (w0 - ta0) / (ta1 - ta0);
    double ub = (w0 - tb0) / (tb1 - tb0);
    double ax = ax0 + ua * (ax1 - ax0);
    double ay = ay0 + ua * (ay1 - ay0);
    double az = az0 + ua * (az1 - az0);
    double bx = bx0 + ub * (bx1 - bx0);
    double by = by0 + ub * (by1 - by0);
    double bz = bz0 + ub * (bz1 - bz0);
    double rx = (aox - box) + (ax - bx);
    double ry = (aoy - boy) + (ay - by);
    double rz = (aoz - boz) + (az - bz);
    double vx = (ax1 - ax0) / (ta1 - ta0) - (bx1 - bx0) / (tb1 - tb0);
    double vy = (ay1 - ay0) / (ta1 - ta0) - (by1 - by0) / (tb1 - tb0);
    double vz = (az1 - az0) / (ta1 - ta0) - (bz1 - bz0) / (tb1 - tb0);
    solve(w0, w1, rx, ry, rz, vx, vy, vz, chord, out);
  }

  /**
   * Adds to {@code out} the sub-interval of piece {@code i} of {@code a}, within {@code [from,
   * until)}, in which it is closer than {@code chord} to the fixed ECEF point {@code (px, py, pz)}.
   */
  public static void pieceToPoint(
      Track a,
      int i,
      double px,
      double py,
      double pz,
      double from,
      double until,
      double chord,
      IntervalSink out) {
    double ta0 = a.time(i);
    double ta1 = a.time(i + 1);
    double w0 = Math.max(ta0, from);
    double w1 = Math.min(ta1, until);
    if (!(w1 > w0)) {
      return;
    }
    double ua = (w0 - ta0) / (ta1 - ta0);
    double ax = a.dx(i) + ua * (a.dx(i + 1) - a.dx(i));
    double ay = a.dy(i) + ua * (a.dy(i + 1) - a.dy(i));
    double az = a.dz(i) + ua * (a.dz(i + 1) - a.dz(i));
    double rx = (a.originX() - px) + ax;
    double ry = (a.originY() - py) + ay;
    double rz = (a.originZ() - pz) + az;
    double vx = (a.dx(i + 1) - a.dx(i)) / (ta1 - ta0);
    double vy = (a.dy(i + 1) - a.dy(i)) / (ta1 - ta0);
    double vz = (a.dz(i + 1) - a.dz(i)) / (ta1 - ta0);
    solve(w0, w1, rx, ry, rz, vx, vy, vz, chord, out);
  }

  /**
   * Every loss-of-separation sub-interval of two tracks, walking their pieces in time order: where
   * the chord distance is below {@code chord} and the pieces' bands are vertically close ({@link
   * Track#verticallyClose}; always for tracks on the ground band).
   */
  public static void tracks(Track a, Track b, double chord, IntervalSink out) {
    boolean vertical = a.isAirborne() && b.isAirborne();
    double s = Math.max(a.start(), b.start());
    double e = Math.min(a.end(), b.end());
    if (!(e > s)) {
      return;
    }
    int i = a.pieceAt(s);
    int j = b.pieceAt(s);
    while (i < a.pieces() && j < b.pieces() && Math.max(a.time(i), b.time(j)) < e) {
      if (!vertical || Track.verticallyClose(a, i, b, j)) {
        piecePair(a, i, b, j, chord, out);
      }
      double ea = a.time(i + 1);
      double eb = b.time(j + 1);
      if (ea <= eb) {
        i++;
      }
      if (eb <= ea) {
        j++;
      }
    }
  }

  /** Every sub-interval of a track within {@code [from, until)} closer than chord to a point. */
  public static void trackToPoint(
      Track a,
      double px,
      double py,
      double pz,
      double from,
      double until,
      double chord,
      IntervalSink out) {
    double s = Math.max(a.start(), from);
    double e = Math.min(a.end(), until);
    if (!(e > s)) {
      return;
    }
    for (int i = a.pieceAt(s); i < a.pieces() && a.time(i) < e; i++) {
      pieceToPoint(a, i, px, py, pz, from, until, chord, out);
    }
  }

  private static void solve(
      double w0,
      double w1,
      double rx,
      double ry,
      double rz,
      double vx,
      double vy,
      double vz,
      double chord,
      IntervalSink out) {
    double c2 = chord * chord;
    double width = w1 - w0;
    double vv = vx * vx + vy * vy + vz * vz;
    double rv = rx * vx + ry * vy + rz * vz;
    double rr = rx * rx + ry * ry + rz * rz;
    if (vv * width * width <= 1e-12 * Math.max(rr, 1)) {
      // No relative motion to speak of: constant distance over the window.
      if (rr < c2) {
        out.add(w0, w1, rr, w0);
      }
      return;
    }
    double tauMin = Math.max(0, Math.min(width, -rv / vv));
    double mx = rx + vx * tauMin;
    double my = ry + vy * tauMin;
    double mz = rz + vz * tauMin;
    double min2 = mx * mx + my * my + mz * mz;
    if (!(min2 < c2)) {
      return;
    }
    double k = rr - c2;
    double disc = Math.max(0, rv * rv - vv * k);
    double q = -(rv + Math.copySign(Math.sqrt(disc), rv));
    double r1;
    double r2;
    if (q == 0) {
      r1 = 0;
      r2 = 0;
    } else {
      r1 = q / vv;
      r2 = k / q;
    }
    double lo = Math.max(0, Math.min(r1, r2));
    double hi = Math.min(width, Math.max(r1, r2));
    if (k < 0) {
      // Inside at the window start: the interval begins there.
      lo = 0;
    }
    if (!(hi > lo)) {
      return;
    }
    out.add(w0 + lo, w0 + hi, min2, w0 + tauMin);
  }
}
