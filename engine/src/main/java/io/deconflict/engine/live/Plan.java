package io.deconflict.engine.live;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.Movement;
import java.util.ArrayList;
import java.util.List;

/**
 * A notified movement that a unit follows, with its route as earth-centred knots ({@link
 * io.deconflict.engine.track.Track}: pieces of at most 10 km along the geodesic, constant speed).
 *
 * <p>Conformance finds the point of the route nearest to a report. For each piece, the nearest
 * point of its chord is found in the horizontal plane at the report (the chord's 2 m sag is
 * vertical and drops out); that distance is the geodesic distance to within centimetres for the
 * distances that matter (up to tens of kilometres). Before its start the plan waits at its first
 * waypoint, after its end at its last. Among the pieces within the conformance distance the one
 * whose time is nearest the report's wins (a route that passes one place twice is judged against
 * the pass that is due); if none is within, the nearest piece wins. Cost: O(pieces) per report.
 *
 * <p>Immutable.
 */
final class Plan {

  private static final double TIE_METERS = 1e-3;

  final Movement movement;
  final io.deconflict.engine.track.Track route;

  Plan(Movement movement) {
    this.movement = movement;
    this.route = io.deconflict.engine.track.Track.of(movement);
  }

  /**
   * Measures a unit at ECEF {@code (px, py, pz)} at {@code t} seconds against the route: writes the
   * off-track distance in metres to {@code out[0]} and the plan time at the chosen nearest point
   * minus {@code t}, in seconds, to {@code out[1]}.
   */
  void measure(double px, double py, double pz, double t, double within, double[] out) {
    double nx = px;
    double ny = py;
    double nz = pz / (1 - Wgs84.E2);
    double norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
    nx /= norm;
    ny /= norm;
    nz /= norm;
    double bestDist = Double.POSITIVE_INFINITY;
    double bestEarly = 0;
    double inDist = Double.POSITIVE_INFINITY;
    double inEarly = Double.POSITIVE_INFINITY;
    int knots = route.knots();
    for (int k = -1; k < knots; k++) {
      int i = Math.max(0, k);
      int j = Math.min(knots - 1, k + 1);
      double ax = route.x(i) - px;
      double ay = route.y(i) - py;
      double az = route.z(i) - pz;
      double an = ax * nx + ay * ny + az * nz;
      ax -= an * nx;
      ay -= an * ny;
      az -= an * nz;
      double dx = route.x(j) - route.x(i);
      double dy = route.y(j) - route.y(i);
      double dz = route.z(j) - route.z(i);
      double dn = dx * nx + dy * ny + dz * nz;
      dx -= dn * nx;
      dy -= dn * ny;
      dz -= dn * nz;
      double dd = dx * dx + dy * dy + dz * dz;
      double planTime;
      double s;
      if (k < 0) {
        // Waiting at the first waypoint before the start.
        s = 0;
        planTime = Math.min(t, route.start());
      } else if (k == knots - 1) {
        // Waiting at the last waypoint after the end.
        s = 0;
        planTime = Math.max(t, route.end());
      } else {
        double t0 = route.time(i);
        double t1 = route.time(j);
        if (dd < 1e-6) {
          // A halt: every instant of it is at this point; take the one nearest the report.
          s = Math.max(0, Math.min(1, (t - t0) / (t1 - t0)));
        } else {
          s = Math.max(0, Math.min(1, -(ax * dx + ay * dy + az * dz) / dd));
        }
        planTime = t0 + s * (t1 - t0);
      }
      double qx = ax + s * dx;
      double qy = ay + s * dy;
      double qz = az + s * dz;
      double dist = Math.sqrt(qx * qx + qy * qy + qz * qz);
      double early = planTime - t;
      // Distances within a millimetre are a tie (a knot shared by two pieces, a halt), which the
      // time nearest the report's breaks.
      if (dist < bestDist - TIE_METERS
          || (dist <= bestDist + TIE_METERS && Math.abs(early) < Math.abs(bestEarly))) {
        bestDist = dist;
        bestEarly = early;
      }
      if (dist <= within
          && (Math.abs(early) < Math.abs(inEarly)
              || (Math.abs(early) == Math.abs(inEarly) && dist < inDist))) {
        inDist = dist;
        inEarly = early;
      }
    }
    if (inDist <= within) {
      out[0] = inDist;
      out[1] = inEarly;
    } else {
      out[0] = bestDist;
      out[1] = bestEarly;
    }
  }

  /**
   * The route's positions between {@code from} and {@code until} (seconds, clamped to the plan:
   * before its start it waits at the first waypoint, after its end at the last): the two ends and
   * every knot between.
   */
  List<GeoPoint> between(double from, double until) {
    List<GeoPoint> points = new ArrayList<>();
    double[] p = new double[3];
    double a = Math.max(route.start(), Math.min(route.end(), from));
    double b = Math.max(route.start(), Math.min(route.end(), until));
    route.positionAt(a, p);
    points.add(Wgs84.toGeo(p[0], p[1], p[2]));
    for (int k = route.pieceAt(a) + 1; k < route.knots() && route.time(k) < b; k++) {
      if (route.time(k) > a) {
        points.add(Wgs84.toGeo(route.x(k), route.y(k), route.z(k)));
      }
    }
    route.positionAt(b, p);
    points.add(Wgs84.toGeo(p[0], p[1], p[2]));
    return points;
  }
}
