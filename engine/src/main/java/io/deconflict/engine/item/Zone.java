package io.deconflict.engine.item;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * A zone (an area of operations, a no-go area, the far side of a line, a strip along a border) that
 * other parties' movements must not enter while it is valid.
 *
 * <p>Its {@link ZoneGeometry} is a polygon or a line with a buffer or a side. A polygon's
 * coordinates are longitude (x) and latitude (y) in degrees. As in RFC 7946, its edges are straight
 * lines in longitude and latitude; a zone may not cross the antimeridian (split it in two) and must
 * lie within {@link #MAX_ABS_LATITUDE} degrees of the equator.
 *
 * @param id unique identifier
 * @param party notifying party
 * @param geometry the region, validated here
 * @param validity when the zone applies
 * @param band the heights it closes (a no-fly volume); {@link Band#GROUND}, every height, if it
 *     declares none
 */
public record Zone(String id, String party, ZoneGeometry geometry, Validity validity, Band band)
    implements Item {

  /** Zones must lie within this many degrees of the equator. */
  public static final double MAX_ABS_LATITUDE = 85.0;

  /** Most vertices a zone may have, over all its rings. */
  public static final int MAX_VERTICES = 100_000;

  /** A polygon zone at every height. */
  public Zone(String id, String party, Polygon polygon, Validity validity) {
    this(id, party, new ZoneGeometry.Area(polygon), validity, Band.GROUND);
  }

  /** A zone at every height. */
  public Zone(String id, String party, ZoneGeometry geometry, Validity validity) {
    this(id, party, geometry, validity, Band.GROUND);
  }

  /** Validates the polygon. */
  public Zone {
    Item.requireName(id, "zone id");
    Item.requireName(party, "zone party");
    if (geometry instanceof ZoneGeometry.Area area) {
      requireValid(id, area.polygon());
    }
  }

  /** Whether the zone is a polygon (not a line). */
  public boolean isArea() {
    return geometry instanceof ZoneGeometry.Area;
  }

  /**
   * The zone as a polygon: a polygon zone's own polygon; for a line zone its outline, drawn through
   * points at the exact geodesic distance from the line (for maps, TAK and the live tracker's
   * incursion test, not for planned detection, which is exact). Cost for a line: O(vertices)
   * geodesic computations and a polygon union the first time, a copy of the kept outline after.
   */
  public Polygon polygon() {
    if (geometry instanceof ZoneGeometry.Area area) {
      return area.polygon();
    }
    return LineOutline.of(geometry);
  }

  private static void requireValid(String id, Polygon polygon) {
    if (polygon.isEmpty()) {
      throw new IllegalArgumentException("zone " + id + " polygon is empty");
    }
    if (polygon.getNumPoints() > MAX_VERTICES) {
      throw new IllegalArgumentException(
          "zone "
              + id
              + " has "
              + polygon.getNumPoints()
              + " vertices, more than the limit of "
              + MAX_VERTICES);
    }
    for (Coordinate c : polygon.getCoordinates()) {
      if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > 180) {
        throw new IllegalArgumentException(
            "zone " + id + " has a vertex out of range: [" + c.x + ", " + c.y + "]");
      }
      if (Math.abs(c.y) > MAX_ABS_LATITUDE) {
        throw new IllegalArgumentException(
            "zone "
                + id
                + " has a vertex at latitude "
                + c.y
                + ", beyond the supported "
                + MAX_ABS_LATITUDE
                + " degrees");
      }
    }
    TopologyValidationError error = new IsValidOp(polygon).getValidationError();
    if (error != null) {
      throw new IllegalArgumentException(
          "zone "
              + id
              + " polygon is invalid: "
              + error.getMessage()
              + " at "
              + error.getCoordinate());
    }
  }
}
