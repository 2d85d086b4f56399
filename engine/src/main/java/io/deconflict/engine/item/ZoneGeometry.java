package io.deconflict.engine.item;

import io.deconflict.engine.geo.GeoPoint;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.geom.Polygon;

/**
 * What region a {@link Zone} covers: a polygon ({@link Area}), the region within a distance of a
 * line ({@link Buffer}), or the region on one side of a line ({@link Side}).
 *
 * <p>A line is a polyline of WGS84 geodesics between consecutive vertices (unlike a polygon's
 * edges, which are straight in longitude and latitude). Distances to a line are ellipsoidal
 * geodesic distances to its nearest point. See {@code docs/design-decisions.md}, D34.
 */
public sealed interface ZoneGeometry
    permits ZoneGeometry.Area, ZoneGeometry.Buffer, ZoneGeometry.Side {

  /** Most vertices a line may have. */
  int MAX_LINE_VERTICES = 10_000;

  /** Longest segment of a line, metres: longer geodesics are ill-conditioned; add vertices. */
  double MAX_SEGMENT_METERS = 1_000_000;

  /** Shortest segment of a line, metres: consecutive vertices closer than this are degenerate. */
  double MIN_SEGMENT_METERS = 0.01;

  /** Largest buffer or side depth, metres. */
  double MAX_REACH_METERS = 100_000;

  /** Which hand of a line, looking along it from its first vertex to its last. */
  enum Hand {
    /** The left-hand side. */
    LEFT,
    /** The right-hand side. */
    RIGHT
  }

  /**
   * A polygon, edges straight in longitude/latitude, holes allowed; validated by {@link Zone}.
   *
   * @param polygon the polygon
   */
  record Area(Polygon polygon) implements ZoneGeometry {}

  /**
   * The points strictly closer than {@code bufferMeters} to a line (round at its ends).
   *
   * @param line the line's vertices, 2 to {@link #MAX_LINE_VERTICES}
   * @param bufferMeters in (0, {@link #MAX_REACH_METERS}]
   */
  record Buffer(List<GeoPoint> line, double bufferMeters) implements ZoneGeometry {
    /** Validates the line and the buffer. */
    public Buffer {
      line = List.copyOf(line);
      requireLine(line);
      requireReach(bufferMeters, "bufferMeters");
    }
  }

  /**
   * The points on one hand of a line, strictly closer than {@code depthMeters} to it, whose nearest
   * point on the line is not one of its two ends: the strip bounded by the line, the geodesics
   * perpendicular to it at its ends and the curve at {@code depthMeters}. A point is on the hand of
   * the segment its nearest point lies on (beyond a vertex, on the outer hand of the turn there).
   *
   * @param line the line's vertices, 2 to {@link #MAX_LINE_VERTICES}
   * @param hand which side
   * @param depthMeters in (0, {@link #MAX_REACH_METERS}]
   */
  record Side(List<GeoPoint> line, Hand hand, double depthMeters) implements ZoneGeometry {
    /** Validates the line and the depth. */
    public Side {
      line = List.copyOf(line);
      requireLine(line);
      requireReach(depthMeters, "depthMeters");
    }
  }

  private static void requireReach(double meters, String what) {
    if (!(meters > 0) || meters > MAX_REACH_METERS) {
      throw new IllegalArgumentException(
          what + " must be in (0, " + (long) MAX_REACH_METERS + "], got " + meters);
    }
  }

  private static void requireLine(List<GeoPoint> line) {
    if (line.size() < 2 || line.size() > MAX_LINE_VERTICES) {
      throw new IllegalArgumentException(
          "a line needs 2 to " + MAX_LINE_VERTICES + " vertices, got " + line.size());
    }
    for (int i = 0; i < line.size(); i++) {
      GeoPoint p = line.get(i);
      if (Math.abs(p.lat()) > Zone.MAX_ABS_LATITUDE) {
        throw new IllegalArgumentException(
            "line vertex "
                + i
                + " is at latitude "
                + p.lat()
                + ", beyond the supported "
                + Zone.MAX_ABS_LATITUDE
                + " degrees");
      }
      if (i > 0) {
        GeoPoint q = line.get(i - 1);
        double s =
            Geodesic.WGS84.Inverse(q.lat(), q.lon(), p.lat(), p.lon(), GeodesicMask.DISTANCE).s12;
        if (!(s >= MIN_SEGMENT_METERS)) {
          throw new IllegalArgumentException(
              "line vertices " + (i - 1) + " and " + i + " coincide: a segment needs a length");
        }
        if (s > MAX_SEGMENT_METERS) {
          throw new IllegalArgumentException(
              "line segment "
                  + (i - 1)
                  + " is "
                  + Math.round(s)
                  + " m long, more than "
                  + (long) MAX_SEGMENT_METERS
                  + "; add vertices");
        }
      }
    }
  }
}
