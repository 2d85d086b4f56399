package io.deconflict.engine.live;

import io.deconflict.engine.item.Band;
import java.time.Instant;

/**
 * One position report of a unit: where it was at an instant and, if the sender knows, its course,
 * speed and position accuracy.
 *
 * <p>Unit identity is the pair (party, unit). Course, speed and accuracy are {@link Double#NaN}
 * when absent. Latitudes beyond {@link #MAX_ABS_LATITUDE} are refused: the tracker's spatial index
 * and the zones it checks are limited to that band.
 *
 * @param unit the unit's identifier within its party, non-blank
 * @param party the unit's party, non-blank
 * @param time when the unit was there (UTC; the tracker works at millisecond resolution)
 * @param lon longitude in degrees, in [-180, 180]
 * @param lat latitude in degrees, within {@link #MAX_ABS_LATITUDE} of the equator
 * @param courseDegrees course over ground, degrees clockwise from true north, in [0, 360), or NaN
 * @param speedMps speed over ground, metres per second, in [0, {@link #MAX_SPEED_MPS}], or NaN
 * @param accuracyMeters horizontal accuracy, metres, at least 0, or NaN
 * @param haeMeters height above the WGS84 ellipsoid, metres (as CoT's {@code hae}), in [{@link
 *     Band#MIN_METERS}, {@link Band#MAX_METERS}], or NaN for a unit on the ground band (every
 *     height, D37)
 */
public record PositionReport(
    String unit,
    String party,
    Instant time,
    double lon,
    double lat,
    double courseDegrees,
    double speedMps,
    double accuracyMeters,
    double haeMeters) {

  /** A report without a height: the unit is on the ground band. */
  public PositionReport(
      String unit,
      String party,
      Instant time,
      double lon,
      double lat,
      double courseDegrees,
      double speedMps,
      double accuracyMeters) {
    this(unit, party, time, lon, lat, courseDegrees, speedMps, accuracyMeters, Double.NaN);
  }

  /** Largest latitude, in absolute value, accepted for tactical use. */
  public static final double MAX_ABS_LATITUDE = 85;

  /** Largest speed accepted, metres per second (about Mach 1). */
  public static final double MAX_SPEED_MPS = 350;

  /** Validates every field; messages name the unit and quote the bad value. */
  public PositionReport {
    if (unit.isBlank()) {
      throw new IllegalArgumentException("report unit must not be blank, got '" + unit + "'");
    }
    if (party.isBlank()) {
      throw new IllegalArgumentException(
          "report of unit " + unit + ": party must not be blank, got '" + party + "'");
    }
    checkRanges(
        "report of " + party + "/" + unit + " at " + time + ": ",
        lon,
        lat,
        courseDegrees,
        speedMps,
        accuracyMeters);
    checkHae("report of " + party + "/" + unit + " at " + time + ": ", haeMeters);
  }

  /**
   * Checks a report's height: NaN (none) or finite in [{@link Band#MIN_METERS}, {@link
   * Band#MAX_METERS}]; messages start with {@code who}.
   *
   * @throws OutOfRange naming {@link Field#HAE}
   */
  public static void checkHae(String who, double haeMeters) {
    if (!Double.isNaN(haeMeters)
        && !(haeMeters >= Band.MIN_METERS && haeMeters <= Band.MAX_METERS)) {
      throw new OutOfRange(
          Field.HAE,
          who
              + "hae must be in ["
              + (long) Band.MIN_METERS
              + ", "
              + (long) Band.MAX_METERS
              + "] metres or absent, got "
              + haeMeters);
    }
  }

  /** Whether the report gives the unit's height. */
  public boolean hasHae() {
    return !Double.isNaN(haeMeters);
  }

  /** The field of a report whose value is out of range. */
  public enum Field {
    /** {@code lon}. */
    LON,
    /** {@code lat}. */
    LAT,
    /** {@code courseDegrees}. */
    COURSE,
    /** {@code speedMps}. */
    SPEED,
    /** {@code accuracyMeters}. */
    ACCURACY,
    /** {@code haeMeters}. */
    HAE
  }

  /** A value out of its range, and which field holds it. */
  public static final class OutOfRange extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Field field;

    OutOfRange(Field field, String message) {
      super(message);
      this.field = field;
    }

    /** The field at fault. */
    public Field field() {
      return field;
    }
  }

  /**
   * Checks the ranges of a report's numbers, as the constructor does, for a caller that must name
   * the field at fault before it has the rest of a report; messages start with {@code who}.
   *
   * @throws OutOfRange naming the first field out of range
   */
  public static void checkRanges(
      String who,
      double lon,
      double lat,
      double courseDegrees,
      double speedMps,
      double accuracyMeters) {
    if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
      throw new OutOfRange(
          Field.LON, who + "longitude must be finite and in [-180, 180], got " + lon);
    }
    if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
      throw new OutOfRange(Field.LAT, who + "latitude must be finite and in [-90, 90], got " + lat);
    }
    if (Math.abs(lat) > MAX_ABS_LATITUDE) {
      throw new OutOfRange(
          Field.LAT,
          who
              + "latitude "
              + lat
              + " is beyond the "
              + MAX_ABS_LATITUDE
              + " degrees supported for tactical use");
    }
    if (!Double.isNaN(courseDegrees) && !(courseDegrees >= 0 && courseDegrees < 360)) {
      throw new OutOfRange(
          Field.COURSE, who + "courseDegrees must be in [0, 360) or NaN, got " + courseDegrees);
    }
    if (!Double.isNaN(speedMps) && !(speedMps >= 0 && speedMps <= MAX_SPEED_MPS)) {
      throw new OutOfRange(
          Field.SPEED,
          who + "speedMps must be in [0, " + (int) MAX_SPEED_MPS + "] or NaN, got " + speedMps);
    }
    if (!Double.isNaN(accuracyMeters) && !(accuracyMeters >= 0 && accuracyMeters < 1e9)) {
      throw new OutOfRange(
          Field.ACCURACY,
          who + "accuracyMeters must be finite and at least 0, or NaN, got " + accuracyMeters);
    }
  }

  /** A report without course, speed or accuracy. */
  public static PositionReport of(String unit, String party, Instant time, double lon, double lat) {
    return new PositionReport(unit, party, time, lon, lat, Double.NaN, Double.NaN, Double.NaN);
  }

  /** A report with course and speed, without accuracy. */
  public static PositionReport of(
      String unit,
      String party,
      Instant time,
      double lon,
      double lat,
      double courseDegrees,
      double speedMps) {
    return new PositionReport(unit, party, time, lon, lat, courseDegrees, speedMps, Double.NaN);
  }

  /**
   * Whether the report gives the unit's velocity: course and speed both present, or a speed of 0 (a
   * halted unit needs no course).
   */
  public boolean hasVelocity() {
    return speedMps == 0 || (!Double.isNaN(courseDegrees) && !Double.isNaN(speedMps));
  }
}
