package io.deconflict.engine.geo;

import org.jspecify.annotations.Nullable;

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
    return toGeo(x, y, z, null, 0);
  }

  /**
   * As {@link #toGeo(double, double, double)}, and writes the ECEF coordinates of that surface
   * point into {@code surface[offset..+2]} if {@code surface} is not null: {@link #toEcef} of the
   * result to within 1e-9 m, without its trigonometry (the latitude's sine and cosine are the
   * ratios Bowring's method already has, the longitude's those of x and y).
   */
  public static GeoPoint toGeo(
      double x, double y, double z, double @Nullable [] surface, int offset) {
    // The same operations, in the same order, as every version before: positions are journaled,
    // and a replay must derive them again bit for bit.
    double p = Math.hypot(x, y);
    double theta = Fdlibm.atan2(z * A, p * B);
    double sinT = Math.sin(theta);
    double cosT = Math.cos(theta);
    double num = z + EP2 * B * sinT * sinT * sinT;
    double den = p - E2 * A * cosT * cosT * cosT;
    double lat = Fdlibm.atan2(num, den);
    double lon = p == 0 ? 0 : Fdlibm.atan2(y, x);
    if (surface != null) {
      double h = Math.sqrt(num * num + den * den);
      double sinLat = h == 0 ? 0 : num / h;
      double cosLat = h == 0 ? 1 : den / h;
      double cosLon = p == 0 ? 1 : x / p;
      double sinLon = p == 0 ? 0 : y / p;
      double n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
      surface[offset] = n * cosLat * cosLon;
      surface[offset + 1] = n * cosLat * sinLon;
      surface[offset + 2] = n * (1 - E2) * sinLat;
    }
    return GeoPoint.of(clamp(Math.toDegrees(lon), 180), clamp(Math.toDegrees(lat), 90));
  }

  /** The chord of a geodesic length on the mean sphere. */
  public static double chordOfArc(double arcMeters) {
    return 2 * MEAN_RADIUS * Math.sin(arcMeters / (2 * MEAN_RADIUS));
  }

  /** The geodesic length of a chord on the mean sphere. */
  public static double arcOfChord(double chordMeters) {
    return 2 * MEAN_RADIUS * Fdlibm.asin(Math.min(1, chordMeters / (2 * MEAN_RADIUS)));
  }

  private static double clamp(double v, double limit) {
    return Math.max(-limit, Math.min(limit, v));
  }
}
