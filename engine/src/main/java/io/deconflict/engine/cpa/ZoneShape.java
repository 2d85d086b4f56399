package io.deconflict.engine.cpa;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.item.ZoneGeometry;
import io.deconflict.engine.track.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.algorithm.LineIntersector;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A zone prepared for detection: an index of its edges, a point locator, its ECEF bounding box and
 * its validity in seconds; a line zone's region is a {@link LineRegion} instead.
 *
 * <p>A track is inside the zone where its position, in longitude and latitude, lies in the
 * polygon's interior (the boundary counts as outside). Each track piece is cut into steps of at
 * most {@link #STEP_METERS}, which in longitude/latitude are straight to within a centimetre; their
 * crossings with the polygon's edges (JTS {@link RobustLineIntersector}) split the piece, and a
 * point-in-polygon test at the middle of each part says whether it is inside. Cost per track:
 * O(steps near the zone × log edges).
 *
 * <p>Immutable once built and safe to read from several threads: the edge index is built in the
 * constructor, and JTS's point locator builds its own index once, synchronized.
 */
public final class ZoneShape {

  private static final Polygon EMPTY = new GeometryFactory().createPolygon();

  /** Longest straight step in longitude/latitude when crossing a zone, metres. */
  public static final double STEP_METERS = 1_000;

  private final Zone zone;
  private final double from;
  private final double until;
  private final Envelope envelope;
  private final double[] box = new double[6];
  private final IndexedPointInAreaLocator locator;
  private final STRtree edges = new STRtree();
  private final @Nullable LineRegion line;

  /** Prepares a zone. */
  public ZoneShape(Zone zone) {
    this.zone = zone;
    this.from = Bounds.from(zone.validity());
    this.until = Bounds.until(zone.validity());
    if (!(zone.geometry() instanceof ZoneGeometry.Area area)) {
      LineRegion region = new LineRegion(zone.geometry());
      this.line = region;
      this.envelope = new Envelope();
      this.locator = new IndexedPointInAreaLocator(EMPTY);
      for (int i = 0; i < 6; i++) {
        box[i] = region.box(i);
      }
      return;
    }
    this.line = null;
    Polygon polygon = area.polygon();
    this.envelope = polygon.getEnvelopeInternal();
    this.locator = new IndexedPointInAreaLocator(polygon);
    addRing(polygon.getExteriorRing());
    for (int r = 0; r < polygon.getNumInteriorRing(); r++) {
      addRing(polygon.getInteriorRingN(r));
    }
    edges.build();
    ecefBox();
  }

  private void addRing(LineString ring) {
    Coordinate[] c = ring.getCoordinates();
    for (int i = 0; i + 1 < c.length; i++) {
      Coordinate[] edge = {c[i], c[i + 1]};
      edges.insert(new Envelope(c[i], c[i + 1]), edge);
    }
  }

  private void ecefBox() {
    Arrays.fill(box, 0, 3, Double.MAX_VALUE);
    Arrays.fill(box, 3, 6, -Double.MAX_VALUE);
    int n = 16;
    double[] p = new double[3];
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= n; j++) {
        double lon = envelope.getMinX() + envelope.getWidth() * i / n;
        double lat = envelope.getMinY() + envelope.getHeight() * j / n;
        Wgs84.toEcef(lon, lat, p, 0);
        for (int d = 0; d < 3; d++) {
          box[d] = Math.min(box[d], p[d]);
          box[3 + d] = Math.max(box[3 + d], p[d]);
        }
      }
    }
    // Between samples the surface bulges out by at most (cell diagonal)² / 8R.
    double cellLon = Math.toRadians(envelope.getWidth() / n) * Wgs84.A;
    double cellLat = Math.toRadians(envelope.getHeight() / n) * Wgs84.A;
    double diag2 = cellLon * cellLon + cellLat * cellLat;
    double pad = diag2 / (8 * Wgs84.B) + 10;
    for (int d = 0; d < 3; d++) {
      box[d] -= pad;
      box[3 + d] += pad;
    }
  }

  /** The zone. */
  public Zone zone() {
    return zone;
  }

  /** Start of validity, seconds (may be negative infinity). */
  public double from() {
    return from;
  }

  /** End of validity, seconds (may be positive infinity). */
  public double until() {
    return until;
  }

  /** The ECEF bounding box: min x, y, z then max x, y, z. */
  public double box(int i) {
    return box[i];
  }

  /** Adds to {@code out} every sub-interval in which the track is inside the zone while valid. */
  public void intervals(Track track, IntervalSink out) {
    LineRegion region = line;
    if (region != null) {
      region.intervals(track, from, until, out);
      return;
    }
    double s = Math.max(track.start(), from);
    double e = Math.min(track.end(), until);
    if (!(e > s)) {
      return;
    }
    GeoPoint[] knots = new GeoPoint[track.knots()];
    for (int i = track.pieceAt(s); i < track.pieces() && track.time(i) < e; i++) {
      piece(track, i, knots, s, e, out);
    }
  }

  private GeoPoint knot(Track track, int k, GeoPoint[] cache) {
    GeoPoint g = cache[k];
    if (g == null) {
      g = Wgs84.toGeo(track.x(k), track.y(k), track.z(k));
      cache[k] = g;
    }
    return g;
  }

  private void piece(Track track, int i, GeoPoint[] cache, double s, double e, IntervalSink out) {
    double t0 = track.time(i);
    double t1 = track.time(i + 1);
    double w0 = Math.max(t0, s);
    double w1 = Math.min(t1, e);
    if (!(w1 > w0)) {
      return;
    }
    double length =
        Math.sqrt(
            sq(track.x(i + 1) - track.x(i))
                + sq(track.y(i + 1) - track.y(i))
                + sq(track.z(i + 1) - track.z(i)));
    if (!nearBox(track, i, length)) {
      return;
    }
    GeoPoint g0 = knot(track, i, cache);
    GeoPoint g1 = knot(track, i + 1, cache);
    if (!nearEnvelope(g0, g1, length)) {
      return;
    }
    int steps = Math.max(1, (int) Math.ceil(length / STEP_METERS));
    List<Double> cuts = new ArrayList<>();
    cuts.add(0.0);
    cuts.add(1.0);
    LineIntersector li = new RobustLineIntersector();
    GeoPoint prev = g0;
    for (int k = 1; k <= steps; k++) {
      GeoPoint next = k == steps ? g1 : at(track, i, (double) k / steps);
      double u0 = (double) (k - 1) / steps;
      double u1 = (double) k / steps;
      step(prev, next, u0, u1, li, cuts);
      prev = next;
    }
    cuts.sort(null);
    for (int k = 0; k + 1 < cuts.size(); k++) {
      double ua = cuts.get(k);
      double ub = cuts.get(k + 1);
      if (!(ub > ua)) {
        continue;
      }
      double ta = Math.max(w0, t0 + ua * (t1 - t0));
      double tb = Math.min(w1, t0 + ub * (t1 - t0));
      if (!(tb > ta)) {
        continue;
      }
      if (inside(at(track, i, (ua + ub) / 2))) {
        out.add(ta, tb, 0, ta);
      }
    }
  }

  private void step(
      GeoPoint p, GeoPoint q, double u0, double u1, LineIntersector li, List<Double> cuts) {
    double dLon = q.lon() - p.lon();
    if (Math.abs(dLon) > 180) {
      // Crossing the antimeridian: split at lon ±180. Zones never cross it.
      double qLon = q.lon() + (dLon > 0 ? -360 : 360);
      double edge = dLon > 0 ? -180 : 180;
      double f = (edge - p.lon()) / (qLon - p.lon());
      double lat = p.lat() + f * (q.lat() - p.lat());
      double uMid = u0 + f * (u1 - u0);
      cuts.add(uMid);
      segment(p.lon(), p.lat(), edge, lat, u0, uMid, li, cuts);
      segment(-edge, lat, q.lon(), q.lat(), uMid, u1, li, cuts);
    } else {
      segment(p.lon(), p.lat(), q.lon(), q.lat(), u0, u1, li, cuts);
    }
  }

  private void segment(
      double x0,
      double y0,
      double x1,
      double y1,
      double u0,
      double u1,
      LineIntersector li,
      List<Double> cuts) {
    Envelope env = new Envelope(x0, x1, y0, y1);
    if (!env.intersects(envelope)) {
      return;
    }
    Coordinate p0 = new Coordinate(x0, y0);
    Coordinate p1 = new Coordinate(x1, y1);
    double len2 = sq(x1 - x0) + sq(y1 - y0);
    for (Object o : edges.query(env)) {
      Coordinate[] edge = (Coordinate[]) o;
      li.computeIntersection(p0, p1, edge[0], edge[1]);
      for (int n = 0; n < li.getIntersectionNum(); n++) {
        Coordinate c = li.getIntersection(n);
        double f = len2 == 0 ? 0 : ((c.x - x0) * (x1 - x0) + (c.y - y0) * (y1 - y0)) / len2;
        f = Math.max(0, Math.min(1, f));
        cuts.add(u0 + f * (u1 - u0));
      }
    }
  }

  /**
   * Whether piece {@code i}'s chord, grown by its sag below the surface and {@link
   * #BOX_SLACK_METERS}, meets the zone's ECEF box. The surface point of each chord point lies on
   * its normal within the sag, so a piece whose grown box misses the zone's (a conservative box of
   * the zone's surface) never enters it: the test spares such a piece its knots' conversions, which
   * the envelope test needs.
   */
  private boolean nearBox(Track track, int i, double length) {
    double g = length * length / (8 * Wgs84.B) + BOX_SLACK_METERS;
    return Math.min(track.x(i), track.x(i + 1)) - g <= box[3]
        && Math.max(track.x(i), track.x(i + 1)) + g >= box[0]
        && Math.min(track.y(i), track.y(i + 1)) - g <= box[4]
        && Math.max(track.y(i), track.y(i + 1)) + g >= box[1]
        && Math.min(track.z(i), track.z(i + 1)) - g <= box[5]
        && Math.max(track.z(i), track.z(i + 1)) + g >= box[2];
  }

  /** Added to a piece's sag in {@link #nearBox}, metres: the tracks' float offsets and more. */
  private static final double BOX_SLACK_METERS = 10;

  private boolean nearEnvelope(GeoPoint g0, GeoPoint g1, double length) {
    // Every point of a piece is within its length of both ends; a degree of latitude is more
    // than 110 km, and of longitude more than 110 km × cos(latitude). Antimeridian pieces and
    // pieces reaching the polar caps are checked in full.
    double maxLat = Math.max(Math.abs(g0.lat()), Math.abs(g1.lat())) + length / 110_000;
    if (Math.abs(g1.lon() - g0.lon()) > 180 || maxLat >= 89) {
      return true;
    }
    double marginLat = length / 110_000;
    double marginLon = marginLat / Math.cos(Math.toRadians(maxLat));
    Envelope env = new Envelope(g0.lon(), g1.lon(), g0.lat(), g1.lat());
    env.expandBy(marginLon, marginLat);
    return env.intersects(envelope);
  }

  private boolean inside(GeoPoint g) {
    return locator.locate(new Coordinate(g.lon(), g.lat())) == Location.INTERIOR;
  }

  private static GeoPoint at(Track track, int i, double u) {
    double x = track.x(i) + u * (track.x(i + 1) - track.x(i));
    double y = track.y(i) + u * (track.y(i + 1) - track.y(i));
    double z = track.z(i) + u * (track.z(i + 1) - track.z(i));
    return Wgs84.toGeo(x, y, z);
  }

  private static double sq(double v) {
    return v * v;
  }
}
