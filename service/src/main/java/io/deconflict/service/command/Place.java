package io.deconflict.service.command;

import io.deconflict.engine.geo.GeoPoint;

/**
 * A place as the member wrote it, {@code [longitude, latitude]} in degrees.
 *
 * @param lon degrees east, -180 to 180
 * @param lat degrees north, -90 to 90
 */
public record Place(Decimal lon, Decimal lat) {

  /** Checks the range. */
  public Place {
    point(lon, lat);
  }

  /** A place from a point, both numbers written as decimals. */
  public static Place of(GeoPoint point) {
    return new Place(Decimal.of(point.lon()), Decimal.of(point.lat()));
  }

  /** The place as a point. */
  public GeoPoint point() {
    return point(lon, lat);
  }

  private static GeoPoint point(Decimal lon, Decimal lat) {
    return GeoPoint.of(lon.value(), lat.value());
  }
}
