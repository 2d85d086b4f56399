package io.deconflict.engine.item;

import io.deconflict.engine.geo.GeoPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The outline of a line zone as a longitude/latitude polygon: the union of, per segment, the strip
 * between the line and its offsets at the buffer or depth (points every {@link #STEP_FRACTION} of
 * the reach, at most 2 km, placed with GeographicLib {@code Direct} perpendicular to the geodesic),
 * and, per vertex, a disc (buffer) or the wedge on the outer hand of the turn (side).
 *
 * <p>For drawing and the live tracker: between its points the outline's edges are straight in
 * longitude/latitude, so it differs from the exact region by up to the sagitta of an edge (under 2
 * % of the reach). A side zone's outline also keeps points nearer another part of the line on its
 * other hand, which the exact region (D34) leaves out.
 */
final class LineOutline {

  private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);
  private static final double STEP_FRACTION = 0.25;
  private static final double MAX_STEP_METERS = 2_000;
  private static final int DISC_POINTS = 48;
  private static final double OVERLAP_DEGREES = 1e-7;

  /** The last outlines built, by geometry: callers such as the live tracker ask per report. */
  private static final int CACHED = 64;

  private static final Map<ZoneGeometry, Polygon> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ZoneGeometry, Polygon> eldest) {
          return size() > CACHED;
        }
      };

  private LineOutline() {}

  /**
   * The outline of a line zone, a copy the caller may keep; the last {@value #CACHED} are kept (a
   * pure function of the geometry, so keeping them changes no answer). Thread-safe.
   */
  static Polygon of(ZoneGeometry geometry) {
    synchronized (CACHE) {
      Polygon cached = CACHE.get(geometry);
      if (cached != null) {
        return (Polygon) cached.copy();
      }
    }
    Polygon built = build(geometry);
    synchronized (CACHE) {
      CACHE.put(geometry, built);
    }
    return (Polygon) built.copy();
  }

  private static Polygon build(ZoneGeometry geometry) {
    List<GeoPoint> line;
    double reach;
    int hand; // 0: both (buffer), +1: right, -1: left
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
    List<Geometry> parts = new ArrayList<>();
    double step = Math.min(MAX_STEP_METERS, STEP_FRACTION * reach);
    for (int i = 0; i + 1 < line.size(); i++) {
      GeoPoint a = line.get(i);
      GeoPoint b = line.get(i + 1);
      GeodesicLine g = Geodesic.WGS84.InverseLine(a.lat(), a.lon(), b.lat(), b.lon());
      int n = Math.max(1, (int) Math.ceil(g.Distance() / step));
      List<Coordinate> left = new ArrayList<>();
      List<Coordinate> right = new ArrayList<>();
      for (int k = 0; k <= n; k++) {
        GeodesicData at = g.Position(g.Distance() * k / n);
        Coordinate on = new Coordinate(at.lon2, at.lat2);
        left.add(hand > 0 ? on : offset(at.lat2, at.lon2, at.azi2 - 90, reach));
        right.add(hand < 0 ? on : offset(at.lat2, at.lon2, at.azi2 + 90, reach));
      }
      List<Coordinate> ring = new ArrayList<>(left);
      for (int k = right.size() - 1; k >= 0; k--) {
        ring.add(right.get(k));
      }
      ring.add(ring.get(0));
      parts.add(GEOMETRY.createPolygon(ring.toArray(new Coordinate[0])).buffer(0));
    }
    for (int i = 0; i < line.size(); i++) {
      GeoPoint v = line.get(i);
      if (hand == 0) {
        parts.add(disc(v, reach));
      } else if (i > 0 && i + 1 < line.size()) {
        wedge(line.get(i - 1), v, line.get(i + 1), hand, reach, parts);
      }
    }
    // Neighbouring pieces share edges only up to rounding (a strip's end and the next wedge's
    // side are computed apart): grown by 1e-7 degrees (about a centimetre) they overlap, so the
    // union is one polygon, not pieces with hairline gaps between them.
    List<Geometry> grown = new ArrayList<>(parts.size());
    for (Geometry part : parts) {
      grown.add(part.buffer(OVERLAP_DEGREES, 1));
    }
    Geometry union = UnaryUnionOp.union(grown);
    if (union instanceof Polygon p) {
      return p;
    }
    // Pieces that touch only at a point: keep the largest (drawing only).
    Polygon largest = (Polygon) union.getGeometryN(0);
    for (int k = 1; k < union.getNumGeometries(); k++) {
      if (union.getGeometryN(k).getArea() > largest.getArea()) {
        largest = (Polygon) union.getGeometryN(k);
      }
    }
    return largest;
  }

  private static Geometry disc(GeoPoint v, double reach) {
    Coordinate[] ring = new Coordinate[DISC_POINTS + 1];
    for (int k = 0; k < DISC_POINTS; k++) {
      ring[k] = offset(v.lat(), v.lon(), 360.0 * k / DISC_POINTS, reach);
    }
    ring[DISC_POINTS] = ring[0];
    return GEOMETRY.createPolygon(ring).buffer(0);
  }

  private static void wedge(
      GeoPoint p, GeoPoint v, GeoPoint q, int hand, double reach, List<Geometry> parts) {
    double in =
        Geodesic.WGS84.Inverse(p.lat(), p.lon(), v.lat(), v.lon(), GeodesicMask.AZIMUTH).azi2;
    double out =
        Geodesic.WGS84.Inverse(v.lat(), v.lon(), q.lat(), q.lon(), GeodesicMask.AZIMUTH).azi1;
    double turn = Math.IEEEremainder(out - in, 360); // > 0: turns right
    if (turn * hand >= 0) {
      return; // turns towards the hand: no wedge on it
    }
    double from = in + 90 * hand;
    int n = Math.max(2, (int) Math.ceil(Math.abs(turn) / 7.5));
    List<Coordinate> ring = new ArrayList<>();
    ring.add(new Coordinate(v.lon(), v.lat()));
    for (int k = 0; k <= n; k++) {
      ring.add(offset(v.lat(), v.lon(), from + turn * k / n, reach));
    }
    ring.add(ring.get(0));
    parts.add(GEOMETRY.createPolygon(ring.toArray(new Coordinate[0])).buffer(0));
  }

  private static Coordinate offset(double lat, double lon, double azimuth, double meters) {
    GeodesicData d =
        Geodesic.WGS84.Direct(
            lat, lon, azimuth, meters, GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
    return new Coordinate(d.lon2, d.lat2);
  }
}
