package io.deconflict.bench;

/**
 * A local east-north frame in metres around the scenario's centre, and a fast ellipsoidal distance
 * for short segments.
 *
 * <p>{@link #lon} and {@link #lat} map local metres to WGS84 degrees; the map is smooth and
 * one-to-one over the scenario region, but not length-preserving (a few per cent at the region's
 * edges), so the generator measures every segment again with {@link #distanceMeters} after mapping.
 * That distance treats the ellipsoid as flat around the segment's mid-latitude, using the
 * meridional and prime-vertical radii of curvature; for segments under 20 km it agrees with the
 * WGS84 geodesic to better than 1e-5 relative. Immutable and thread-safe.
 */
final class LocalFrame {

  private static final double A = 6_378_137.0;
  private static final double F = 1 / 298.257223563;
  private static final double E2 = F * (2 - F);

  private final double lon0;
  private final double lat0;
  private final double metersPerRadianLat;

  LocalFrame(double lon0, double lat0) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    this.metersPerRadianLat = meridionalRadius(Math.toRadians(lat0));
  }

  /** Latitude in degrees of the point {@code northMeters} north of the centre. */
  double lat(double northMeters) {
    return lat0 + Math.toDegrees(northMeters / metersPerRadianLat);
  }

  /**
   * Longitude in degrees of the point {@code eastMeters} east of the centre at latitude {@code
   * lat}.
   */
  double lon(double eastMeters, double lat) {
    double phi = Math.toRadians(lat);
    return lon0 + Math.toDegrees(eastMeters / (primeVerticalRadius(phi) * Math.cos(phi)));
  }

  /**
   * The ground velocity, east and north in metres per second ({@code out[0..1]}), of a point that
   * moves at {@code (vEast, vNorth)} frame metres per second through the frame point {@code
   * eastMeters} east of the centre at latitude {@code lat} (from {@link #lat}): the time derivative
   * of {@link #lon} and {@link #lat} expressed on the ellipsoid. The frame is not conformal, so
   * this differs from the frame velocity by up to a few per cent (the east part gains {@code x (tan
   * φ - e² sin φ cos φ / W) dφ/dt}; the north part is scaled by {@code M(φ) / M(φ₀)}).
   */
  void groundVelocity(double eastMeters, double lat, double vEast, double vNorth, double[] out) {
    double phi = Math.toRadians(lat);
    double s = Math.sin(phi);
    double c = Math.cos(phi);
    double w = 1 - E2 * s * s;
    double dPhi = vNorth / metersPerRadianLat;
    // lon = lon0 + x g(φ), g = 1 / (N cos φ); g'/g = tan φ - e² sin φ cos φ / W.
    double gPrimeOverG = Math.tan(phi) - E2 * s * c / w;
    out[0] = vEast + eastMeters * gPrimeOverG * dPhi;
    out[1] = meridionalRadius(phi) * dPhi;
  }

  /** Distance in metres between two nearby points given in degrees. */
  static double distanceMeters(double lon1, double lat1, double lon2, double lat2) {
    double phiMid = Math.toRadians((lat1 + lat2) / 2);
    double north = meridionalRadius(phiMid) * Math.toRadians(lat2 - lat1);
    double east = primeVerticalRadius(phiMid) * Math.cos(phiMid) * Math.toRadians(lon2 - lon1);
    return Math.sqrt(sq(north) + sq(east));
  }

  private static double meridionalRadius(double phi) {
    double s = Math.sin(phi);
    double w = 1 - E2 * s * s;
    return A * (1 - E2) / (w * Math.sqrt(w));
  }

  private static double primeVerticalRadius(double phi) {
    double s = Math.sin(phi);
    return A / Math.sqrt(1 - E2 * s * s);
  }

  private static double sq(double v) {
    return v * v;
  }
}
