package io.deconflict.engine.reference;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.ZoneGeometry;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;

/**
 * Line zones (D34) computed plainly: the distance from a point to each geodesic segment by
 * golden-section search over the arc length (GeographicLib {@code Position} and {@code Inverse}, to
 * 0.1 mm), the nearest segment's foot and the hand of the point there. No pruning, no Newton steps,
 * no turn table: slow and obviously the definition.
 */
public final class LineReference {

  private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;
  private static final double FOOT_METERS = 1e-4;
  private static final double END_METERS = 1e-3;

  private LineReference() {}

  /** The nearest point of one segment. */
  record Foot(double along, double length, double distance, int hand) {}

  /** The nearest point of the segment from {@code a} to {@code b} to {@code p}. */
  static Foot foot(GeoPoint a, GeoPoint b, GeoPoint p) {
    GeodesicLine line = Geodesic.WGS84.InverseLine(a.lat(), a.lon(), b.lat(), b.lon());
    double lo = 0;
    double hi = line.Distance();
    while (hi - lo > FOOT_METERS) {
      double x1 = hi - GOLDEN * (hi - lo);
      double x2 = lo + GOLDEN * (hi - lo);
      if (distance(line, x1, p) <= distance(line, x2, p)) {
        hi = x2;
      } else {
        lo = x1;
      }
    }
    double s = 0.5 * (lo + hi);
    double[] ends = {0, line.Distance()};
    for (double end : ends) {
      if (distance(line, end, p) < distance(line, s, p)) {
        s = end;
      }
    }
    GeodesicData q = line.Position(s);
    GeodesicData inv = Geodesic.WGS84.Inverse(q.lat2, q.lon2, p.lat(), p.lon());
    double sin = Math.sin(Math.toRadians(inv.azi1 - q.azi2));
    int hand = inv.s12 == 0 ? 0 : sin > 0 ? 1 : -1;
    return new Foot(s, line.Distance(), inv.s12, hand);
  }

  private static double distance(GeodesicLine line, double s, GeoPoint p) {
    GeodesicData q = line.Position(s, GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
    return Geodesic.WGS84.Inverse(q.lat2, q.lon2, p.lat(), p.lon(), GeodesicMask.DISTANCE).s12;
  }

  /** The geodesic distance from {@code p} to the line. */
  public static double distance(List<GeoPoint> line, GeoPoint p) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i + 1 < line.size(); i++) {
      best = Math.min(best, foot(line.get(i), line.get(i + 1), p).distance());
    }
    return best;
  }

  /**
   * The hand of {@code p} as seen from segment {@code i}'s nearest point: at an interior vertex the
   * outer hand of the turn there (right for a left turn), else the hand against the segment; 0 at
   * an end of the line.
   */
  static int hand(List<GeoPoint> line, int i, Foot f) {
    int n = line.size() - 1;
    boolean atStart = f.along() < END_METERS;
    boolean atEnd = f.along() > f.length() - END_METERS;
    if ((i == 0 && atStart) || (i == n - 1 && atEnd)) {
      return 0;
    }
    int vertex = atStart ? i : atEnd ? i + 1 : -1;
    if (vertex < 0) {
      return f.hand();
    }
    GeoPoint prev = line.get(vertex - 1);
    GeoPoint v = line.get(vertex);
    GeoPoint next = line.get(vertex + 1);
    double in = Geodesic.WGS84.Inverse(prev.lat(), prev.lon(), v.lat(), v.lon()).azi2;
    double out = Geodesic.WGS84.Inverse(v.lat(), v.lon(), next.lat(), next.lon()).azi1;
    double turn = Math.IEEEremainder(out - in, 360);
    return turn > 0 ? -1 : turn < 0 ? 1 : f.hand();
  }

  /** Whether {@code p} is in the region of a line zone. */
  public static boolean inside(ZoneGeometry geometry, GeoPoint p) {
    if (geometry instanceof ZoneGeometry.Buffer b) {
      return distance(b.line(), p) < b.bufferMeters();
    }
    ZoneGeometry.Side side = (ZoneGeometry.Side) geometry;
    List<GeoPoint> line = side.line();
    int n = line.size() - 1;
    Foot best = null;
    int bestIndex = -1;
    for (int i = 0; i < n; i++) {
      Foot f = foot(line.get(i), line.get(i + 1), p);
      if (best == null || f.distance() < best.distance()) {
        best = f;
        bestIndex = i;
      }
    }
    if (best == null || !(best.distance() > 0) || !(best.distance() < side.depthMeters())) {
      return false;
    }
    int want = side.hand() == ZoneGeometry.Hand.RIGHT ? 1 : -1;
    return hand(line, bestIndex, best) == want; // 0 (an end of the line) is never wanted
  }

  /**
   * A distance in metres within which {@code p}'s membership may change, used to excuse
   * disagreements near the boundary: for a buffer {@code |d - buffer|}; for a side the least of
   * {@code d}, {@code |d - depth|}, the distance past the perpendicular at an end of the line
   * (spherical along-track distance) and half the gap to the nearest segment of the other hand.
   */
  public static double boundaryDistance(ZoneGeometry geometry, GeoPoint p) {
    if (geometry instanceof ZoneGeometry.Buffer b) {
      return Math.abs(distance(b.line(), p) - b.bufferMeters());
    }
    ZoneGeometry.Side side = (ZoneGeometry.Side) geometry;
    List<GeoPoint> line = side.line();
    int n = line.size() - 1;
    Foot[] feet = new Foot[n];
    int best = 0;
    for (int i = 0; i < n; i++) {
      feet[i] = foot(line.get(i), line.get(i + 1), p);
      if (feet[i].distance() < feet[best].distance()) {
        best = i;
      }
    }
    double d = feet[best].distance();
    double out = Math.min(d, Math.abs(side.depthMeters() - d));
    out = Math.min(out, alongFromEnd(line.get(0), line.get(1), p));
    out = Math.min(out, alongFromEnd(line.get(n), line.get(n - 1), p));
    int bestHand = hand(line, best, feet[best]);
    for (int i = 0; i < n; i++) {
      if (hand(line, i, feet[i]) != bestHand) {
        out = Math.min(out, (feet[i].distance() - d) / 2);
      }
    }
    return out;
  }

  private static double alongFromEnd(GeoPoint end, GeoPoint next, GeoPoint p) {
    GeodesicData toNext = Geodesic.WGS84.Inverse(end.lat(), end.lon(), next.lat(), next.lon());
    GeodesicData toP = Geodesic.WGS84.Inverse(end.lat(), end.lon(), p.lat(), p.lon());
    double r = 6_371_008.8;
    double sigma = toP.s12 / r;
    double theta = Math.toRadians(toP.azi1 - toNext.azi1);
    return Math.abs(r * Math.atan2(Math.sin(sigma) * Math.cos(theta), Math.cos(sigma)));
  }
}
