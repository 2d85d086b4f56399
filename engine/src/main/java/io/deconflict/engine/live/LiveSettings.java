package io.deconflict.engine.live;

import io.deconflict.engine.item.Movement;
import java.time.Duration;

/**
 * The thresholds of live tracking.
 *
 * @param lookAhead how far ahead tracks are extrapolated, positive, at most {@link #MAX_LOOK_AHEAD}
 * @param stale a track whose last report is older than this takes no part in encounters, positive
 * @param advisory loss of separation within this time is an {@link TacticalLevel#ADVISORY}, at most
 *     {@code lookAhead}
 * @param caution loss within this time is a {@link TacticalLevel#CAUTION}, at most {@code advisory}
 * @param warning loss within this time (or separation already lost) is a {@link
 *     TacticalLevel#WARNING}, positive, at most {@code caution}
 * @param hysteresisFraction a level falls only once the time to loss exceeds the threshold by this
 *     fraction, and never while the distance is below the separation by this fraction; in [0, 1]
 * @param defaultSeparationMeters the separation of a unit that follows no notified movement,
 *     towards a party with which its party has no agreed separation ({@link
 *     LiveTracker#agreedSeparation}), in (0, {@link Movement#MAX_SEPARATION_METERS}]
 * @param conformanceDistanceMeters a unit further than this from its planned route is not
 *     conforming, positive
 * @param conformanceTime a unit earlier or later than this on its planned route is not conforming,
 *     positive
 * @param deadReckoning when a report that agrees with its unit's prediction changes nothing
 */
public record LiveSettings(
    Duration lookAhead,
    Duration stale,
    Duration advisory,
    Duration caution,
    Duration warning,
    double hysteresisFraction,
    double defaultSeparationMeters,
    double conformanceDistanceMeters,
    Duration conformanceTime,
    DeadReckoning deadReckoning) {

  /** Longest look-ahead: the constant-velocity model is meant for minutes, not hours. */
  public static final Duration MAX_LOOK_AHEAD = Duration.ofHours(1);

  /**
   * Defaults: 15 min look-ahead, stale after 2 min, advisory 15 min, caution 5 min, warning 1 min,
   * hysteresis 25 %, separation 1,000 m, conformance 1,000 m and 10 min, dead reckoning {@link
   * DeadReckoning#DEFAULT}.
   */
  public static final LiveSettings DEFAULT =
      new LiveSettings(
          Duration.ofMinutes(15),
          Duration.ofMinutes(2),
          Duration.ofMinutes(15),
          Duration.ofMinutes(5),
          Duration.ofMinutes(1),
          0.25,
          1_000,
          1_000,
          Duration.ofMinutes(10),
          DeadReckoning.DEFAULT);

  /**
   * Settings with {@link DeadReckoning#DEFAULT}; the other parameters as in the canonical
   * constructor.
   */
  public LiveSettings(
      Duration lookAhead,
      Duration stale,
      Duration advisory,
      Duration caution,
      Duration warning,
      double hysteresisFraction,
      double defaultSeparationMeters,
      double conformanceDistanceMeters,
      Duration conformanceTime) {
    this(
        lookAhead,
        stale,
        advisory,
        caution,
        warning,
        hysteresisFraction,
        defaultSeparationMeters,
        conformanceDistanceMeters,
        conformanceTime,
        DeadReckoning.DEFAULT);
  }

  /**
   * Dead reckoning: a report whose position, speed and course agree with what its unit's last
   * accepted state predicts for the report's time (within these tolerances) changes nothing and
   * re-evaluates nothing; the tracker keeps predicting from the accepted state. See {@code
   * docs/design-decisions.md} D28 for the error this allows.
   *
   * @param enabled whether agreeing reports are absorbed; when false every report is applied as
   *     before (each one re-evaluates its unit's encounters)
   * @param positionMeters largest distance between the reported and the predicted position, in [0,
   *     1,000]
   * @param speedMps largest difference between reported and predicted speed, in [0, 10]
   * @param courseDegrees largest difference between reported and predicted course, in [0, 45]; not
   *     checked while both speeds are at most {@code speedMps}
   */
  public record DeadReckoning(
      boolean enabled, double positionMeters, double speedMps, double courseDegrees) {

    /** On: 20 m, 0.25 m/s, 0.5 degrees. */
    public static final DeadReckoning DEFAULT = new DeadReckoning(true, 20, 0.25, 0.5);

    /** Off: every report is applied (the tolerances are those of {@link #DEFAULT}, unused). */
    public static final DeadReckoning OFF = new DeadReckoning(false, 20, 0.25, 0.5);

    /** Validates the tolerances. */
    public DeadReckoning {
      range("positionMeters", positionMeters, 1_000);
      range("speedMps", speedMps, 10);
      range("courseDegrees", courseDegrees, 45);
    }

    private static void range(String name, double value, double max) {
      if (!(value >= 0 && value <= max)) {
        throw new IllegalArgumentException(
            "deadReckoning." + name + " must be in [0, " + (long) max + "], got " + value);
      }
    }
  }

  /** Validates every threshold and their order. */
  public LiveSettings {
    positive(lookAhead, "lookAhead");
    positive(stale, "stale");
    positive(advisory, "advisory");
    positive(caution, "caution");
    positive(warning, "warning");
    positive(conformanceTime, "conformanceTime");
    if (lookAhead.compareTo(MAX_LOOK_AHEAD) > 0) {
      throw new IllegalArgumentException(
          "lookAhead must be at most " + MAX_LOOK_AHEAD + ", got " + lookAhead);
    }
    if (advisory.compareTo(lookAhead) > 0) {
      throw new IllegalArgumentException(
          "advisory " + advisory + " must not exceed lookAhead " + lookAhead);
    }
    if (caution.compareTo(advisory) > 0) {
      throw new IllegalArgumentException(
          "caution " + caution + " must not exceed advisory " + advisory);
    }
    if (warning.compareTo(caution) > 0) {
      throw new IllegalArgumentException(
          "warning " + warning + " must not exceed caution " + caution);
    }
    if (!(hysteresisFraction >= 0 && hysteresisFraction <= 1)) {
      throw new IllegalArgumentException(
          "hysteresisFraction must be in [0, 1], got " + hysteresisFraction);
    }
    if (!(defaultSeparationMeters > 0)
        || defaultSeparationMeters > Movement.MAX_SEPARATION_METERS) {
      throw new IllegalArgumentException(
          "defaultSeparationMeters must be in (0, "
              + (long) Movement.MAX_SEPARATION_METERS
              + "], got "
              + defaultSeparationMeters);
    }
    if (!(conformanceDistanceMeters > 0) || Double.isInfinite(conformanceDistanceMeters)) {
      throw new IllegalArgumentException(
          "conformanceDistanceMeters must be positive and finite, got "
              + conformanceDistanceMeters);
    }
  }

  /** These settings with another separation for units without a plan. */
  public LiveSettings withDefaultSeparationMeters(double meters) {
    return new LiveSettings(
        lookAhead,
        stale,
        advisory,
        caution,
        warning,
        hysteresisFraction,
        meters,
        conformanceDistanceMeters,
        conformanceTime,
        deadReckoning);
  }

  /** These settings with another hysteresis fraction. */
  public LiveSettings withHysteresisFraction(double fraction) {
    return new LiveSettings(
        lookAhead,
        stale,
        advisory,
        caution,
        warning,
        fraction,
        defaultSeparationMeters,
        conformanceDistanceMeters,
        conformanceTime,
        deadReckoning);
  }

  /** These settings with other dead reckoning. */
  public LiveSettings withDeadReckoning(DeadReckoning reckoning) {
    return new LiveSettings(
        lookAhead,
        stale,
        advisory,
        caution,
        warning,
        hysteresisFraction,
        defaultSeparationMeters,
        conformanceDistanceMeters,
        conformanceTime,
        reckoning);
  }

  private static void positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
