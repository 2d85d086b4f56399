package io.deconflict.engine.item;

import io.deconflict.engine.geo.GeoPoint;
import java.time.Instant;

/**
 * A point of a movement's route and the instant the movement is there.
 *
 * @param point where, WGS84
 * @param time when, UTC
 */
public record Waypoint(GeoPoint point, Instant time) {

  /** Creates a waypoint from longitude and latitude in degrees. */
  public static Waypoint of(double lon, double lat, Instant time) {
    return new Waypoint(GeoPoint.of(lon, lat), time);
  }
}
