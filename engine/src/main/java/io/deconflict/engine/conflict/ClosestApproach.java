package io.deconflict.engine.conflict;

import io.deconflict.engine.geo.GeoPoint;
import java.time.Instant;

/**
 * The moment of a conflict at which the two items are closest.
 *
 * @param time when
 * @param distanceMeters the geodesic distance then
 * @param a where item {@code a} is then
 * @param b where item {@code b} is then (the site's centre for a site)
 */
public record ClosestApproach(Instant time, double distanceMeters, GeoPoint a, GeoPoint b) {}
