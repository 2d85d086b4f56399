package io.deconflict.engine.geo;

/**
 * A WGS84 position in degrees, longitude first as in GeoJSON.
 *
 * @param lon longitude in degrees, in [-180, 180]
 * @param lat latitude in degrees, in [-90, 90]
 */
public record GeoPoint(double lon, double lat) {

  /** Checks both coordinates are finite and in range. */
  public GeoPoint {
    if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
      throw new IllegalArgumentException("longitude must be finite and in [-180, 180], got " + lon);
    }
    if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
      throw new IllegalArgumentException("latitude must be finite and in [-90, 90], got " + lat);
    }
  }

  /** Creates a point from longitude and latitude in degrees. */
  public static GeoPoint of(double lon, double lat) {
    return new GeoPoint(lon, lat);
  }
}
