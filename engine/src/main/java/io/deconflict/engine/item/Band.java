package io.deconflict.engine.item;

/**
 * A vertical band: the heights, in metres above the WGS84 ellipsoid (as CoT's {@code hae}), that an
 * item occupies, from its floor to its ceiling inclusive.
 *
 * <p>{@link #GROUND} is the band of everything that declares none (ground movements, sites and
 * zones): every height. The service knows no terrain, so it cannot tell how high the ground is
 * under a unit; a vertical separation therefore never separates anything from an item on the ground
 * band (design decision D37). Any other band is finite, within [{@link #MIN_METERS}, {@link
 * #MAX_METERS}], with its floor not above its ceiling.
 *
 * @param floorMeters lowest height, metres above the ellipsoid
 * @param ceilingMeters highest height, metres above the ellipsoid
 */
public record Band(double floorMeters, double ceilingMeters) {

  /** The lowest floor a band may have (below the Dead Sea shore and the deepest geoid low). */
  public static final double MIN_METERS = -1_000;

  /** The highest ceiling a band may have. */
  public static final double MAX_METERS = 100_000;

  /** The ground band: every height. */
  public static final Band GROUND = new Band(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  /** Largest vertical separation a movement may ask for, in metres. */
  public static final double MAX_VERTICAL_SEPARATION_METERS = 10_000;

  /** The vertical separation of a movement that names none: 300 m, about 1,000 ft. */
  public static final double DEFAULT_VERTICAL_SEPARATION_METERS = 300;

  /** Checks the band is the ground band, or finite, in range and not upside down. */
  public Band {
    boolean ground =
        floorMeters == Double.NEGATIVE_INFINITY && ceilingMeters == Double.POSITIVE_INFINITY;
    if (!ground) {
      if (!Double.isFinite(floorMeters) || floorMeters < MIN_METERS || floorMeters > MAX_METERS) {
        throw new IllegalArgumentException(
            "band floor must be finite and in ["
                + (long) MIN_METERS
                + ", "
                + (long) MAX_METERS
                + "] m, got "
                + floorMeters);
      }
      if (!Double.isFinite(ceilingMeters)
          || ceilingMeters < MIN_METERS
          || ceilingMeters > MAX_METERS) {
        throw new IllegalArgumentException(
            "band ceiling must be finite and in ["
                + (long) MIN_METERS
                + ", "
                + (long) MAX_METERS
                + "] m, got "
                + ceilingMeters);
      }
      if (floorMeters > ceilingMeters) {
        throw new IllegalArgumentException(
            "band floor " + floorMeters + " m is above its ceiling " + ceilingMeters + " m");
      }
    }
  }

  /** A band from floor to ceiling, metres above the ellipsoid. */
  public static Band of(double floorMeters, double ceilingMeters) {
    return new Band(floorMeters, ceilingMeters);
  }

  /** Whether this is the ground band. */
  public boolean isGround() {
    return floorMeters == Double.NEGATIVE_INFINITY;
  }

  /**
   * The vertical gap between two bands, metres: positive when they are apart, zero when they touch,
   * negative when they overlap; negative infinity when either is the ground band.
   */
  public static double gap(double floorA, double ceilingA, double floorB, double ceilingB) {
    return Math.max(floorA - ceilingB, floorB - ceilingA);
  }

  /** {@link #gap(double, double, double, double)} of two bands. */
  public double gap(Band other) {
    return gap(floorMeters, ceilingMeters, other.floorMeters, other.ceilingMeters);
  }

  /**
   * Checks a vertical separation: in (0, {@link #MAX_VERTICAL_SEPARATION_METERS}].
   *
   * @param what names the item, for the message
   */
  public static double requireVerticalSeparation(double meters, String what) {
    if (!(meters > 0) || meters > MAX_VERTICAL_SEPARATION_METERS) {
      throw new IllegalArgumentException(
          what
              + " verticalSeparationMeters must be in (0, "
              + (long) MAX_VERTICAL_SEPARATION_METERS
              + "], got "
              + meters);
    }
    return meters;
  }
}
