package io.deconflict.engine.reference;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Waypoint;
import java.util.Arrays;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;

/**
 * A movement's exact position over time, straight from the contract: along the WGS84 geodesic
 * between consecutive waypoints (GeographicLib {@code InverseLine}), arc length linear in time.
 */
public final class Path implements Trajectory {

  private final double[] times;
  private final GeoPoint[] points;
  private final GeodesicLine[] lines;
  private final double[] lengths;

  private Path(Movement movement) {
    List<Waypoint> waypoints = movement.waypoints();
    int n = waypoints.size();
    times = new double[n];
    points = new GeoPoint[n];
    lines = new GeodesicLine[n - 1];
    lengths = new double[n - 1];
    for (int i = 0; i < n; i++) {
      times[i] = GeodesicReference.seconds(waypoints.get(i).time());
      points[i] = waypoints.get(i).point();
    }
    for (int i = 0; i < n - 1; i++) {
      GeoPoint p = points[i];
      GeoPoint q = points[i + 1];
      lines[i] = Geodesic.WGS84.InverseLine(p.lat(), p.lon(), q.lat(), q.lon());
      lengths[i] = lines[i].Distance();
    }
  }

  /** The exact path of a movement. */
  public static Path of(Movement movement) {
    return new Path(movement);
  }

  /** When the movement starts, in seconds since the epoch. */
  public double start() {
    return times[0];
  }

  /** When the movement ends, in seconds since the epoch. */
  public double end() {
    return times[times.length - 1];
  }

  @Override
  public double[] breakpoints() {
    return times.clone();
  }

  @Override
  public GeoPoint at(double t) {
    int i = segment(t);
    if (t <= times[i] || lengths[i] == 0) {
      return points[i];
    }
    if (t >= times[i + 1]) {
      return points[i + 1];
    }
    double fraction = (t - times[i]) / (times[i + 1] - times[i]);
    GeodesicData d = lines[i].Position(fraction * lengths[i]);
    return GeoPoint.of(d.lon2, Math.max(-90, Math.min(90, d.lat2)));
  }

  @Override
  public double speedBound(double t0, double t1) {
    int i = segment(0.5 * (t0 + t1));
    return lengths[i] / (times[i + 1] - times[i]);
  }

  /** The index of the segment holding {@code t}, clamped to the first and last segment. */
  private int segment(double t) {
    int k = Arrays.binarySearch(times, t);
    int i = k >= 0 ? k : -k - 2;
    return Math.max(0, Math.min(lines.length - 1, i));
  }
}
