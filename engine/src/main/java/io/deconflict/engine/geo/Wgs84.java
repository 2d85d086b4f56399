package io.deconflict.engine.geo;

/**
 * WGS84 conversions between geodetic positions and earth-centred, earth-fixed (ECEF) coordinates,
 * and between geodesic and chord lengths.
 *
 * <p>The detectors measure distance as the straight chord between two ECEF points and convert the
 * separation into a chord with {@link #chordOfArc}. For distances up to 100 km the chord and the
 * ellipsoidal geodesic differ by {@code d³/24ρ²} (about 1 m at 100 km, 1 µm at 1 km); converting on
 * the mean sphere removes all but about 1% of that. See {@code docs/design-decisions.md}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Wgs84 {

  /** Equatorial radius, metres. */
  public static final double A = 6_378_137.0;

  /** Flattening. */
  public static final double F = 1 / 298.257223563;

  /** First eccentricity squared. */
  public static final double E2 = F * (2 - F);

  /** Polar radius, metres. */
  public static final double B = A * (1 - F);

  /** Second eccentricity squared. */
  private static final double EP2 = (A * A - B * B) / (B * B);

  /** Mean radius R1 = (2a + b) / 3, metres. */
  public static final double MEAN_RADIUS = (2 * A + B) / 3;

  private Wgs84() {}

  /**
   * Writes the ECEF coordinates of a point on the ellipsoid (height 0) into {@code
   * out[offset..+2]}.
   */
  public static void toEcef(double lonDeg, double latDeg, double[] out, int offset) {
    double lat = Math.toRadians(latDeg);
    double lon = Math.toRadians(lonDeg);
    double sinLat = Math.sin(lat);
    double cosLat = Math.cos(lat);
    double n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
    out[offset] = n * cosLat * Math.cos(lon);
    out[offset + 1] = n * cosLat * Math.sin(lon);
    out[offset + 2] = n * (1 - E2) * sinLat;
  }

  /**
   * The geodetic position of the surface point closest to an ECEF point near the surface (Bowring's
   * method; sub-millimetre for points within a few kilometres of the surface).
   */
  public static GeoPoint toGeo(double x, double y, double z) {
    double p = Math.hypot(x, y);
    double theta = Math.atan2(z * A, p * B);
    double sinT = Math.sin(theta);
    double cosT = Math.cos(theta);
    double lat = Math.atan2(z + EP2 * B * sinT * sinT * sinT, p - E2 * A * cosT * cosT * cosT);
    double lon = p == 0 ? 0 : Math.atan2(y, x);
    double lonDeg = Math.toDegrees(lon);
    double latDeg = Math.toDegrees(lat);
    return GeoPoint.of(clamp(lonDeg, 180), clamp(latDeg, 90));
  }

  /** The chord of a geodesic length on the mean sphere. */
  public static double chordOfArc(double arcMeters) {
    return 2 * MEAN_RADIUS * Math.sin(arcMeters / (2 * MEAN_RADIUS));
  }

  /** The geodesic length of a chord on the mean sphere. */
  public static double arcOfChord(double chordMeters) {
    return 2 * MEAN_RADIUS * Math.asin(Math.min(1, chordMeters / (2 * MEAN_RADIUS)));
  }

  private static double clamp(double v, double limit) {
    return Math.max(-limit, Math.min(limit, v));
  }
}
