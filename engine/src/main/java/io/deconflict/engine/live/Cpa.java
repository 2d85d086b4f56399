package io.deconflict.engine.live;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;

/**
 * The closest point of approach of two tracks under constant velocity, in the local east-north
 * tangent plane centred between them.
 *
 * <p>Each track moves along the straight line tangent to the ellipsoid at its reported position, at
 * its reported velocity (ECEF). Both are first extrapolated to the later of their two report times;
 * their relative position {@code r} and velocity {@code v} are then projected onto the plane
 * tangent to the ellipsoid at their midpoint, which removes the vertical that the tangent lines
 * gain ({@code d²/2R}, 25 m after 18 km). In that plane, as in DAIDALUS for linear motion: the
 * closest approach is at {@code τ = max(0, -r·v/|v|²)}; separation {@code S} is lost at the smaller
 * root of {@code |r + v t|² = S²}, computed without cancellation. The error against positions
 * propagated along geodesics by GeographicLib and distances measured on the ellipsoid is bounded
 * and measured in {@code docs/design-decisions.md} (D12).
 *
 * <p><b>Vertical (D37).</b> When both units give their height ({@code hae}), each moves at its
 * vertical rate; as in DAIDALUS, the vertical loss is where the height difference {@code |dh + w
 * t|} is below the larger vertical separation {@code V} (a closed interval of t from a linear
 * inequality), and separation is lost only where the horizontal and vertical losses overlap: the
 * time to loss is the start of that overlap. A unit without a height is on the ground band, which
 * is every height: the vertical test then always holds and the answer is the horizontal one.
 *
 * <p>Cost: a few dozen flops and two square roots; no allocation. A mutable result holder: not
 * thread-safe.
 */
final class Cpa {

  /** Relative speeds below this (metres per second) count as no relative motion. */
  static final double STILL_MPS = 1e-6;

  long timeMillis;
  double separation;
  double ax;
  double ay;
  double az;
  double bx;
  double by;
  double bz;

  /** Distance at {@link #timeMillis}, metres. */
  double distanceNow;

  /** Seconds from {@link #timeMillis} to the closest approach, at least 0. */
  double timeToClosest;

  /** Distance at the closest approach, metres. */
  double distanceAtClosest;

  /** Seconds from {@link #timeMillis} to loss of separation: 0 if lost, NaN if never. */
  double timeToLoss;

  /** Height difference (B above A) at {@link #timeMillis}, metres; NaN when either has none. */
  double heightDifference = Double.NaN;

  /** In the tangent plane: |r|², r·v and |v|² of the relative position r and velocity v. */
  double rr;

  double rv;
  double vv;

  /** Evaluates units {@code a} and {@code b} (in that order) at their pair separation. */
  void compute(Unit a, Unit b, double separationMeters) {
    compute(
        a.millis,
        a.x,
        a.y,
        a.z,
        a.vx,
        a.vy,
        a.vz,
        b.millis,
        b.x,
        b.y,
        b.z,
        b.vx,
        b.vy,
        b.vz,
        separationMeters,
        Long.MIN_VALUE);
    vertical(
        a.millis,
        a.h,
        a.vh,
        b.millis,
        b.h,
        b.vh,
        Math.max(a.verticalSeparation, b.verticalSeparation));
  }

  /**
   * Evaluates the units in slots {@code i} and {@code j} (in that order) of a state array: {@link
   * #STRIDE} doubles per slot, ECEF x, y, z, vx, vy, vz, report time in milliseconds, separation,
   * height (NaN if none), vertical rate, vertical separation.
   */
  void compute(double[] state, int i, int j, double separationMeters) {
    compute(state, i, j, separationMeters, Long.MIN_VALUE);
  }

  /**
   * As {@link #compute(double[], int, int, double)}, with both tracks extrapolated to {@code
   * atMillis} if that is later than both report times.
   */
  void compute(double[] state, int i, int j, double separationMeters, long atMillis) {
    int a = i * STRIDE;
    int b = j * STRIDE;
    compute(
        (long) state[a + 6],
        state[a],
        state[a + 1],
        state[a + 2],
        state[a + 3],
        state[a + 4],
        state[a + 5],
        (long) state[b + 6],
        state[b],
        state[b + 1],
        state[b + 2],
        state[b + 3],
        state[b + 4],
        state[b + 5],
        separationMeters,
        atMillis);
    vertical(
        (long) state[a + 6],
        state[a + 8],
        state[a + 9],
        (long) state[b + 6],
        state[b + 8],
        state[b + 9],
        Math.max(state[a + 10], state[b + 10]));
  }

  /** Doubles per slot in a state array. */
  static final int STRIDE = 11;

  /**
   * Applies the vertical test to the horizontal answer just computed (D37): units at heights {@code
   * ha}, {@code hb} (NaN: on the ground band) climbing at {@code vha}, {@code vhb} from their
   * report times, vertical separation {@code verticalSeparation}. Leaves {@link #timeToLoss} the
   * start of the time where both separations are lost (NaN if none).
   */
  void vertical(
      long ta, double ha, double vha, long tb, double hb, double vhb, double verticalSeparation) {
    if (Double.isNaN(ha) || Double.isNaN(hb)) {
      heightDifference = Double.NaN;
      return;
    }
    double da = (timeMillis - ta) * 1e-3;
    double db = (timeMillis - tb) * 1e-3;
    double dh = (hb - ha) + (vhb * db - vha * da);
    double w = vhb - vha;
    heightDifference = dh;
    if (Double.isNaN(timeToLoss)) {
      return;
    }
    double from;
    double until;
    if (Math.abs(w) <= STILL_MPS) {
      if (!(Math.abs(dh) < verticalSeparation)) {
        timeToLoss = Double.NaN;
        return;
      }
      from = 0;
      until = Double.POSITIVE_INFINITY;
    } else {
      double t1 = (-verticalSeparation - dh) / w;
      double t2 = (verticalSeparation - dh) / w;
      from = Math.max(0, Math.min(t1, t2));
      until = Math.max(t1, t2);
    }
    double exit = secondsToExit(separation);
    double horizontalUntil = Double.isNaN(exit) ? Double.POSITIVE_INFINITY : exit;
    double start = Math.max(timeToLoss, from);
    timeToLoss = start < Math.min(until, horizontalUntil) ? start : Double.NaN;
  }

  /** Evaluates two tracks, {@code a} first, at a separation (for tests and callers outside). */
  static Cpa between(Track a, Track b, double separationMeters) {
    double[] sa = new double[6];
    double[] sb = new double[6];
    Unit.ecef(
        a.position().lon(), a.position().lat(), a.velocityEastMps(), a.velocityNorthMps(), sa);
    Unit.ecef(
        b.position().lon(), b.position().lat(), b.velocityEastMps(), b.velocityNorthMps(), sb);
    Cpa cpa = new Cpa();
    cpa.compute(
        a.time().toEpochMilli(),
        sa[0],
        sa[1],
        sa[2],
        sa[3],
        sa[4],
        sa[5],
        b.time().toEpochMilli(),
        sb[0],
        sb[1],
        sb[2],
        sb[3],
        sb[4],
        sb[5],
        separationMeters,
        Long.MIN_VALUE);
    return cpa;
  }

  /**
   * Seconds from {@link #timeMillis} until the distance leaves the circle of {@code radius} for
   * good (the larger root of {@code |r + v t|² = radius²}); NaN if there is no relative motion, the
   * closest approach does not come within it, or it has already left it.
   */
  double secondsToExit(double radius) {
    if (vv <= STILL_MPS * STILL_MPS) {
      return Double.NaN;
    }
    double c = rr - radius * radius;
    double disc = rv * rv - vv * c;
    if (disc <= 0) {
      return Double.NaN;
    }
    double root = Math.sqrt(disc);
    if (rv > 0) {
      // Diverging: a root ahead only while inside (c < 0); this form has no cancellation.
      return c < 0 ? c / (-rv - root) : Double.NaN;
    }
    return (-rv + root) / vv;
  }

  void compute(
      long ta,
      double pax,
      double pay,
      double paz,
      double vax,
      double vay,
      double vaz,
      long tb,
      double pbx,
      double pby,
      double pbz,
      double vbx,
      double vby,
      double vbz,
      double separationMeters,
      long atMillis) {
    long tc = Math.max(Math.max(ta, tb), atMillis);
    double da = (tc - ta) * 1e-3;
    double db = (tc - tb) * 1e-3;
    timeMillis = tc;
    separation = separationMeters;
    ax = pax + vax * da;
    ay = pay + vay * da;
    az = paz + vaz * da;
    bx = pbx + vbx * db;
    by = pby + vby * db;
    bz = pbz + vbz * db;
    // Relative position from differences first: exact to the nanometre at earth radius.
    double rx = (pbx - pax) + (vbx * db - vax * da);
    double ry = (pby - pay) + (vby * db - vay * da);
    double rz = (pbz - paz) + (vbz * db - vaz * da);
    double vx = vbx - vax;
    double vy = vby - vay;
    double vz = vbz - vaz;
    // Normal of the ellipsoid under the midpoint: the gradient (x, y, z / (1 - e²)).
    double mx = 0.5 * (ax + bx);
    double my = 0.5 * (ay + by);
    double mz = 0.5 * (az + bz) / (1 - Wgs84.E2);
    double mn = Math.sqrt(mx * mx + my * my + mz * mz);
    double ux = mx / mn;
    double uy = my / mn;
    double uz = mz / mn;
    double rn = rx * ux + ry * uy + rz * uz;
    double vn = vx * ux + vy * uy + vz * uz;
    rx -= rn * ux;
    ry -= rn * uy;
    rz -= rn * uz;
    vx -= vn * ux;
    vy -= vn * uy;
    vz -= vn * uz;
    double rr = rx * rx + ry * ry + rz * rz;
    double rv = rx * vx + ry * vy + rz * vz;
    double vv = vx * vx + vy * vy + vz * vz;
    this.rr = rr;
    this.rv = rv;
    this.vv = vv;
    distanceNow = Math.sqrt(rr);
    if (vv <= STILL_MPS * STILL_MPS) {
      timeToClosest = 0;
      distanceAtClosest = distanceNow;
    } else {
      double t = Math.max(0, -rv / vv);
      timeToClosest = t;
      double cx = rx + vx * t;
      double cy = ry + vy * t;
      double cz = rz + vz * t;
      distanceAtClosest = Math.sqrt(cx * cx + cy * cy + cz * cz);
    }
    double c = rr - separationMeters * separationMeters;
    if (c < 0) {
      timeToLoss = 0;
    } else if (rv >= 0 || vv <= STILL_MPS * STILL_MPS) {
      timeToLoss = Double.NaN;
    } else {
      double disc = rv * rv - vv * c;
      if (disc <= 0) {
        timeToLoss = Double.NaN;
      } else {
        // rv < 0, so q > 0 and the smaller root c / q has no cancellation.
        double q = -rv + Math.sqrt(disc);
        timeToLoss = c / q;
      }
    }
  }

  /** Unit A's position at {@link #timeMillis}. */
  GeoPoint positionA() {
    return Wgs84.toGeo(ax, ay, az);
  }

  /** Unit B's position at {@link #timeMillis}. */
  GeoPoint positionB() {
    return Wgs84.toGeo(bx, by, bz);
  }
}
