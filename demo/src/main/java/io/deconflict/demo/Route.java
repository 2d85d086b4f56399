package io.deconflict.demo;

import io.deconflict.engine.geo.GeoPoint;
import java.util.ArrayList;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;

/**
 * A polyline on the WGS84 ellipsoid whose segments are geodesics, with the distance along it.
 *
 * <p>Positions along a segment come from GeographicLib's geodesic line (exact to the nanometre).
 * Immutable and thread-safe.
 */
final class Route {

  private final List<GeoPoint> points;
  private final double[] along;

  private Route(List<GeoPoint> points) {
    if (points.size() < 2) {
      throw new IllegalArgumentException("a route needs 2 points, got " + points.size());
    }
    this.points = List.copyOf(points);
    this.along = new double[points.size()];
    for (int i = 1; i < points.size(); i++) {
      along[i] = along[i - 1] + distance(points.get(i - 1), points.get(i));
    }
  }

  /** A route through these points. */
  static Route of(List<GeoPoint> points) {
    return new Route(points);
  }

  /** The geodesic distance in metres. */
  static double distance(GeoPoint a, GeoPoint b) {
    return Geodesic.WGS84.Inverse(a.lat(), a.lon(), b.lat(), b.lon(), GeodesicMask.DISTANCE).s12;
  }

  /** The azimuth in degrees from true north, in [0, 360), of the geodesic from a to b at a. */
  static double azimuth(GeoPoint a, GeoPoint b) {
    double azi = Geodesic.WGS84.Inverse(a.lat(), a.lon(), b.lat(), b.lon()).azi1;
    return azi < 0 ? azi + 360 : azi;
  }

  /** The point {@code meters} from {@code from} along the azimuth. */
  static GeoPoint destination(GeoPoint from, double azimuthDegrees, double meters) {
    GeodesicData d = Geodesic.WGS84.Direct(from.lat(), from.lon(), azimuthDegrees, meters);
    return GeoPoint.of(d.lon2, d.lat2);
  }

  /** The point at a fraction in [0, 1] of the geodesic from a to b. */
  static GeoPoint between(GeoPoint a, GeoPoint b, double fraction) {
    if (fraction <= 0) {
      return a;
    }
    if (fraction >= 1) {
      return b;
    }
    GeodesicLine line = Geodesic.WGS84.InverseLine(a.lat(), a.lon(), b.lat(), b.lon());
    GeodesicData d = line.Position(fraction * line.Distance());
    return GeoPoint.of(d.lon2, d.lat2);
  }

  /** The vertices. */
  List<GeoPoint> points() {
    return points;
  }

  /** The length in metres. */
  double length() {
    return along[along.length - 1];
  }

  /** The distance along the route of vertex {@code i}. */
  double along(int i) {
    return along[i];
  }

  /** The first vertex. */
  GeoPoint first() {
    return points.get(0);
  }

  /** The last vertex. */
  GeoPoint last() {
    return points.get(points.size() - 1);
  }

  /** The point {@code meters} along the route, clamped to its ends. */
  GeoPoint pointAt(double meters) {
    if (meters <= 0) {
      return first();
    }
    for (int i = 1; i < points.size(); i++) {
      if (meters <= along[i]) {
        double span = along[i] - along[i - 1];
        return between(
            points.get(i - 1), points.get(i), span == 0 ? 1 : (meters - along[i - 1]) / span);
      }
    }
    return last();
  }

  /**
   * The part of the route from {@code fromMeters} to {@code toMeters} along it; reversed if {@code
   * toMeters} is the smaller.
   */
  Route slice(double fromMeters, double toMeters) {
    double lo = Math.max(0, Math.min(fromMeters, toMeters));
    double hi = Math.min(length(), Math.max(fromMeters, toMeters));
    List<GeoPoint> out = new ArrayList<>();
    out.add(pointAt(lo));
    for (int i = 0; i < points.size(); i++) {
      if (along[i] > lo + 1 && along[i] < hi - 1) {
        out.add(points.get(i));
      }
    }
    out.add(pointAt(hi));
    Route sliced = new Route(out);
    return fromMeters <= toMeters ? sliced : sliced.reversed();
  }

  /** The distance along the route of the vertex nearest to {@code p}. */
  double alongNearestVertex(GeoPoint p) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < points.size(); i++) {
      double d = distance(points.get(i), p);
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return along[best];
  }

  /** The part of the route between the vertices nearest to {@code from} and {@code to}. */
  Route between(GeoPoint from, GeoPoint to) {
    return slice(alongNearestVertex(from), alongNearestVertex(to));
  }

  /** The same points in the opposite order. */
  Route reversed() {
    List<GeoPoint> copy = new ArrayList<>(points);
    java.util.Collections.reverse(copy);
    return new Route(copy);
  }

  /** This route, then {@code next}; a shared end point is kept once. */
  Route then(Route next) {
    List<GeoPoint> out = new ArrayList<>(points);
    List<GeoPoint> more = next.points;
    int skip = distance(last(), next.first()) < 1 ? 1 : 0;
    out.addAll(more.subList(skip, more.size()));
    return new Route(out);
  }

  /** This route, then straight (along the geodesic) to {@code p}. */
  Route then(GeoPoint p) {
    return then(new Route(List.of(last(), p)));
  }

  /** The smallest distance from {@code p} to any point of the route, sampled every ~100 m. */
  double distanceTo(GeoPoint p) {
    double best = Double.POSITIVE_INFINITY;
    int steps = (int) Math.ceil(length() / 100);
    for (int i = 0; i <= steps; i++) {
      best = Math.min(best, distance(pointAt(length() * i / Math.max(1, steps)), p));
    }
    return best;
  }
}
