package io.deconflict.engine.cpa;

import io.deconflict.engine.geo.Fdlibm;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.ZoneGeometry;
import io.deconflict.engine.track.Track;
import java.util.Arrays;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;

/**
 * The region of a line zone (a {@link ZoneGeometry.Buffer} or {@link ZoneGeometry.Side}) prepared
 * for detection: its segments as GeographicLib geodesic lines, their ECEF chords, and the outer
 * hand of the turn at each vertex.
 *
 * <p>Distance to a segment: the foot of the perpendicular is found by Newton steps along the
 * geodesic (Baselga and Martínez-Llario 2018, "Intersection and point-to-line solutions for
 * geodesics on the ellipsoid", with GeographicLib's {@code Inverse} and a spherical update of the
 * along-track distance), to 0.1 mm; segments whose chord is provably farther than the nearest are
 * skipped. Crossing times: each track piece is walked in steps no longer than a lower bound of the
 * distance to where membership can change (the distance to the line is 1-Lipschitz, so {@code |d -
 * reach|} and {@code d} bound it; for a side, so do half the gap to the nearest segment of another
 * hand and the distance past the perpendicular at an end), but never shorter than {@link
 * #MIN_STEP_METERS}; a change of membership between two steps is bisected to 0.1 ms. A visit
 * shorter than the shortest step can be missed: it lies within {@link #MIN_STEP_METERS} of the
 * boundary, inside the geometry contract's 1 m. Cost: a few GeographicLib calls per step and nearby
 * segment.
 *
 * <p>Immutable and safe to read from several threads.
 */
final class LineRegion {

  /** Shortest step along a track, metres. */
  static final double MIN_STEP_METERS = 0.5;

  private static final double ROOT_SECONDS = 1e-4;
  private static final double FOOT_METERS = 1e-4;
  private static final double MIN_CURVATURE_RADIUS = Wgs84.B * Wgs84.B / Wgs84.A;
  private static final int ALONG = 0;
  private static final int DIST = 1;
  private static final int SIGN = 2;

  private final int segments;
  private final GeodesicLine[] lines;
  private final double[] length;
  private final double[] chords; // per segment: ax, ay, az, bx, by, bz
  private final double[] sag;
  private final int[] outer; // per vertex: the outer hand of the turn (+1 right, -1 left), 0 none
  private final double reach;
  private final int hand; // 0 buffer, +1 right, -1 left
  private final double[] box = new double[6];

  LineRegion(ZoneGeometry geometry) {
    List<GeoPoint> line;
    if (geometry instanceof ZoneGeometry.Buffer b) {
      line = b.line();
      reach = b.bufferMeters();
      hand = 0;
    } else if (geometry instanceof ZoneGeometry.Side s) {
      line = s.line();
      reach = s.depthMeters();
      hand = s.hand() == ZoneGeometry.Hand.RIGHT ? 1 : -1;
    } else {
      throw new IllegalArgumentException("not a line zone: " + geometry);
    }
    segments = line.size() - 1;
    lines = new GeodesicLine[segments];
    length = new double[segments];
    chords = new double[6 * segments];
    sag = new double[segments];
    outer = new int[line.size()];
    double[] in = new double[segments];
    double[] out = new double[segments];
    Arrays.fill(box, 0, 3, Double.MAX_VALUE);
    Arrays.fill(box, 3, 6, -Double.MAX_VALUE);
    double maxSag = 0;
    for (int i = 0; i < segments; i++) {
      GeoPoint a = line.get(i);
      GeoPoint b = line.get(i + 1);
      lines[i] =
          Geodesic.WGS84.InverseLine(
              a.lat(), a.lon(), b.lat(), b.lon(), GeodesicMask.STANDARD | GeodesicMask.DISTANCE_IN);
      length[i] = lines[i].Distance();
      out[i] = lines[i].Azimuth();
      in[i] = lines[i].Position(length[i], GeodesicMask.AZIMUTH).azi2;
      Wgs84.toEcef(a.lon(), a.lat(), chords, 6 * i);
      Wgs84.toEcef(b.lon(), b.lat(), chords, 6 * i + 3);
      sag[i] = length[i] * length[i] / (8 * MIN_CURVATURE_RADIUS) + 0.01;
      maxSag = Math.max(maxSag, sag[i]);
      for (int k = 0; k < 6; k++) {
        box[k % 3] = Math.min(box[k % 3], chords[6 * i + k]);
        box[3 + k % 3] = Math.max(box[3 + k % 3], chords[6 * i + k]);
      }
    }
    for (int v = 1; v < segments; v++) {
      double turn = Math.IEEEremainder(out[v] - in[v - 1], 360);
      outer[v] = turn > 1e-9 ? -1 : turn < -1e-9 ? 1 : 0;
    }
    double pad = reach + maxSag + 10;
    for (int d = 0; d < 3; d++) {
      box[d] -= pad;
      box[3 + d] += pad;
    }
  }

  /** The ECEF bounding box: min x, y, z then max x, y, z. */
  double box(int i) {
    return box[i];
  }

  /** Whether a point is in the region. */
  boolean contains(GeoPoint p) {
    double[] e = new double[3];
    Wgs84.toEcef(p.lon(), p.lat(), e, 0);
    return state(p, e, new double[3]) > 0;
  }

  /**
   * Membership of a point: the result's sign says whether it is inside (positive) and its magnitude
   * is a lower bound on the distance in metres to a point whose membership differs (at least a tiny
   * positive value).
   */
  private double state(GeoPoint p, double[] e, double[] foot) {
    int n = segments;
    double[] lower = new double[n];
    double bestUpper = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      double c = chordDistance(e, i);
      lower[i] = Math.max(0, c - sag[i]);
      bestUpper = Math.min(bestUpper, Wgs84.arcOfChord(c + sag[i]) * 1.001 + 1);
    }
    double minLower = Double.MAX_VALUE;
    for (double l : lower) {
      minLower = Math.min(minLower, l);
    }
    if (minLower > reach) {
      return -(minLower - reach);
    }
    // The nearest segment, exactly, among those that could be.
    int best = -1;
    double bestDist = Double.MAX_VALUE;
    double[] dist = new double[n];
    int[] label = new int[n];
    double[] beyond = new double[n];
    Arrays.fill(dist, Double.NaN);
    for (int i = 0; i < n; i++) {
      if (lower[i] > bestUpper) {
        continue;
      }
      foot(p, i, foot);
      dist[i] = foot[DIST];
      double along = foot[ALONG];
      int lab;
      if (along <= 0 && i == 0) {
        lab = 0;
      } else if (along >= length[i] && i == n - 1) {
        lab = 0;
      } else if (along <= 0 && outer[i] != 0) {
        lab = outer[i];
      } else if (along >= length[i] && outer[i + 1] != 0) {
        lab = outer[i + 1];
      } else {
        lab = (int) foot[SIGN];
      }
      // How far the foot is from the perpendicular at the line's end(s) this segment has.
      beyond[i] = Double.MAX_VALUE;
      if (i == 0) {
        beyond[i] = Math.abs(along);
      }
      if (i == n - 1) {
        beyond[i] = Math.min(beyond[i], Math.abs(length[i] - along));
      }
      label[i] = lab;
      if (dist[i] < bestDist) {
        bestDist = dist[i];
        best = i;
      }
    }
    double d = bestDist;
    if (hand == 0) {
      double margin = Math.max(Math.abs(d - reach), 1e-9);
      return d < reach ? margin : -margin;
    }
    boolean inside = d > 0 && d < reach && label[best] == hand;
    double margin = Math.min(d, Math.abs(reach - d));
    int lab = label[best];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(dist[i])) {
        margin = Math.min(margin, Math.max(0, (lower[i] - d) / 2));
        continue;
      }
      boolean end = i == 0 || i == n - 1;
      double gap = (dist[i] - d) / 2;
      if (label[i] != lab) {
        margin = Math.min(margin, gap);
      } else if (end) {
        margin = Math.min(margin, Math.max(gap, 0.9 * beyond[i]));
      }
    }
    margin = Math.max(margin, 1e-9);
    return inside ? margin : -margin;
  }

  private double chordDistance(double[] e, int i) {
    int o = 6 * i;
    double abx = chords[o + 3] - chords[o];
    double aby = chords[o + 4] - chords[o + 1];
    double abz = chords[o + 5] - chords[o + 2];
    double apx = e[0] - chords[o];
    double apy = e[1] - chords[o + 1];
    double apz = e[2] - chords[o + 2];
    double ab2 = abx * abx + aby * aby + abz * abz;
    double f = ab2 == 0 ? 0 : Math.max(0, Math.min(1, (apx * abx + apy * aby + apz * abz) / ab2));
    double x = apx - f * abx;
    double y = apy - f * aby;
    double z = apz - f * abz;
    return Math.sqrt(x * x + y * y + z * z);
  }

  /**
   * The foot of {@code p} on segment {@code i}: writes the unclamped along-track distance of the
   * perpendicular's foot from the segment's start (outside [0, length] past an end), the geodesic
   * distance to the segment's nearest point, and the hand of {@code p} (+1 right, -1 left, 0 on).
   */
  private void foot(GeoPoint p, int i, double[] out) {
    int o = 6 * i;
    double[] e = new double[3];
    Wgs84.toEcef(p.lon(), p.lat(), e, 0);
    double abx = chords[o + 3] - chords[o];
    double aby = chords[o + 4] - chords[o + 1];
    double abz = chords[o + 5] - chords[o + 2];
    double ab2 = abx * abx + aby * aby + abz * abz;
    double f =
        ((e[0] - chords[o]) * abx + (e[1] - chords[o + 1]) * aby + (e[2] - chords[o + 2]) * abz)
            / ab2;
    double s = Math.max(0, Math.min(length[i], f * length[i]));
    double r = Wgs84.MEAN_RADIUS;
    double along = s;
    double dist = 0;
    double sign = 0;
    for (int iter = 0; iter < 30; iter++) {
      GeodesicData q =
          lines[i].Position(
              s, GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE | GeodesicMask.AZIMUTH);
      GeodesicData inv =
          Geodesic.WGS84.Inverse(
              q.lat2, q.lon2, p.lat(), p.lon(), GeodesicMask.DISTANCE | GeodesicMask.AZIMUTH);
      dist = inv.s12;
      double theta = Math.toRadians(inv.azi1 - q.azi2);
      double sigma = dist / r;
      double ds = r * Fdlibm.atan2(Math.sin(sigma) * Math.cos(theta), Math.cos(sigma));
      sign = dist == 0 ? 0 : Math.signum(Math.sin(theta));
      along = s + ds;
      double next = Math.max(0, Math.min(length[i], along));
      if (Math.abs(next - s) < FOOT_METERS) {
        break;
      }
      s = next;
    }
    out[ALONG] = along;
    out[DIST] = dist;
    out[SIGN] = sign;
  }

  /** Adds to {@code out} every sub-interval of {@code [from, until)} the track spends inside. */
  void intervals(Track track, double from, double until, IntervalSink out) {
    double s = Math.max(track.start(), from);
    double e = Math.min(track.end(), until);
    if (!(e > s)) {
      return;
    }
    for (int i = track.pieceAt(s); i < track.pieces() && track.time(i) < e; i++) {
      piece(track, i, s, e, out);
    }
  }

  private void piece(Track track, int i, double s, double e, IntervalSink out) {
    double t0 = track.time(i);
    double t1 = track.time(i + 1);
    double w0 = Math.max(t0, s);
    double w1 = Math.min(t1, e);
    if (!(w1 > w0) || !nearBox(track, i)) {
      return;
    }
    double length =
        Math.sqrt(
            sq(track.x(i + 1) - track.x(i))
                + sq(track.y(i + 1) - track.y(i))
                + sq(track.z(i + 1) - track.z(i)));
    double u0 = (w0 - t0) / (t1 - t0);
    double u1 = (w1 - t0) / (t1 - t0);
    double[] ecef = new double[3];
    double[] foot = new double[3];
    if (length < 1e-6) {
      if (state(track, i, u0, ecef, foot) > 0) {
        out.add(w0, w1, 0, w0);
      }
      return;
    }
    double u = u0;
    double st = state(track, i, u, ecef, foot);
    boolean in = st > 0;
    double opened = w0;
    while (u < u1) {
      double stepMeters = Math.max(MIN_STEP_METERS, 0.95 * Math.abs(st));
      double next = Math.min(u1, u + stepMeters / length);
      double sn = state(track, i, next, ecef, foot);
      boolean nextIn = sn > 0;
      if (nextIn != in) {
        double lo = u;
        double hi = next;
        double maxIter = Math.ceil(Math.log((hi - lo) * (t1 - t0) / ROOT_SECONDS) / Math.log(2));
        for (int k = 0; k < maxIter && hi > lo; k++) {
          double mid = 0.5 * (lo + hi);
          if ((state(track, i, mid, ecef, foot) > 0) == in) {
            lo = mid;
          } else {
            hi = mid;
          }
        }
        double x = t0 + 0.5 * (lo + hi) * (t1 - t0);
        if (nextIn) {
          opened = x;
        } else if (x > opened) {
          out.add(opened, x, 0, opened);
        }
        in = nextIn;
      }
      u = next;
      st = sn;
    }
    if (in && w1 > opened) {
      out.add(opened, w1, 0, opened);
    }
  }

  private double state(Track track, int i, double u, double[] ecef, double[] foot) {
    double x = track.x(i) + u * (track.x(i + 1) - track.x(i));
    double y = track.y(i) + u * (track.y(i + 1) - track.y(i));
    double z = track.z(i) + u * (track.z(i + 1) - track.z(i));
    GeoPoint g = Wgs84.toGeo(x, y, z, ecef, 0);
    return state(g, ecef, foot);
  }

  private boolean nearBox(Track track, int i) {
    for (int d = 0; d < 3; d++) {
      double a = d == 0 ? track.x(i) : d == 1 ? track.y(i) : track.z(i);
      double b = d == 0 ? track.x(i + 1) : d == 1 ? track.y(i + 1) : track.z(i + 1);
      if (Math.max(a, b) + 5 < box[d] || Math.min(a, b) - 5 > box[3 + d]) {
        return false;
      }
    }
    return true;
  }

  private static double sq(double v) {
    return v * v;
  }
}
