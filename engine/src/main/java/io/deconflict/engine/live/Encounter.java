package io.deconflict.engine.live;

import io.deconflict.engine.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A tactical encounter: two units of different parties that, at constant velocity, lose separation
 * within the look-ahead (or already have), as evaluated at {@link #time}.
 *
 * <p>Unit A is the one whose {@code party + "/" + unit} sorts first. Both tracks are extrapolated
 * to {@link #time}, the later of their two report times; durations count from there.
 *
 * @param unitA first unit
 * @param unitB second unit
 * @param partyA first unit's party
 * @param partyB second unit's party
 * @param time the instant both tracks were extrapolated to
 * @param level the alert level after hysteresis, never {@link TacticalLevel#NONE}
 * @param separationMeters the separation that applies to the pair
 * @param distanceNowMeters the distance at {@link #time}
 * @param timeToClosest time from {@link #time} to the closest point of approach, at least 0
 * @param distanceAtClosestMeters the distance at the closest point of approach
 * @param timeToLoss time from {@link #time} until the distance falls below the separation: zero if
 *     it already is, empty if it does not within the look-ahead
 * @param positionA unit A's position at {@link #time}
 * @param positionB unit B's position at {@link #time}
 */
public record Encounter(
    String unitA,
    String unitB,
    String partyA,
    String partyB,
    Instant time,
    TacticalLevel level,
    double separationMeters,
    double distanceNowMeters,
    Duration timeToClosest,
    double distanceAtClosestMeters,
    Optional<Duration> timeToLoss,
    GeoPoint positionA,
    GeoPoint positionB) {

  /** Checks the level is an alert level. */
  public Encounter {
    if (level == TacticalLevel.NONE) {
      throw new IllegalArgumentException(
          "encounter " + partyA + "/" + unitA + " - " + partyB + "/" + unitB + " has level NONE");
    }
  }

  /** Unit A's identity, {@code party/unit}. */
  public String keyA() {
    return partyA + "/" + unitA;
  }

  /** Unit B's identity, {@code party/unit}. */
  public String keyB() {
    return partyB + "/" + unitB;
  }
}
