package io.deconflict.engine.geo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;

/**
 * Exact WGS84 geodesics (GeographicLib, Karney 2013, "Algorithms for geodesics"): the distance
 * between two points and the position at a time along a timed path, for the service's read-back
 * check and alert locations. Accurate to nanometres; a few microseconds a call.
 *
 * <p>Stateless and thread-safe.
 */
public final class Geodesics {

  private Geodesics() {}

  /** The ellipsoidal geodesic distance between two points, in metres. */
  public static double distanceMeters(GeoPoint a, GeoPoint b) {
    return Geodesic.WGS84.Inverse(a.lat(), a.lon(), b.lat(), b.lon()).s12;
  }

  /**
   * Where a path that travels along the geodesic between consecutive points at constant speed
   * between their times is at {@code t}: the first point before the first time, the last after the
   * last.
   *
   * @param points the path's points, at least one
   * @param times one time per point, not decreasing
   * @throws IllegalArgumentException if the lists are empty or differ in length
   */
  public static GeoPoint positionAt(List<GeoPoint> points, List<Instant> times, Instant t) {
    if (points.isEmpty() || points.size() != times.size()) {
      throw new IllegalArgumentException(
          "a timed path needs one time per point and at least one point, got "
              + points.size()
              + " points and "
              + times.size()
              + " times");
    }
    if (!t.isAfter(times.get(0))) {
      return points.get(0);
    }
    for (int i = 1; i < points.size(); i++) {
      GeoPoint p = points.get(i - 1);
      GeoPoint q = points.get(i);
      Instant pt = times.get(i - 1);
      Instant qt = times.get(i);
      if (!t.isAfter(qt)) {
        double f = (double) Duration.between(pt, t).toNanos() / Duration.between(pt, qt).toNanos();
        GeodesicLine line = Geodesic.WGS84.InverseLine(p.lat(), p.lon(), q.lat(), q.lon());
        GeodesicData at = line.Position(f * line.Distance());
        return GeoPoint.of(normalizeLon(at.lon2), at.lat2);
      }
    }
    return points.get(points.size() - 1);
  }

  private static double normalizeLon(double lon) {
    double x = Math.IEEEremainder(lon, 360);
    return x == -180 ? 180 : x;
  }
}
