package io.deconflict.engine.resolve;

import java.time.Duration;
import java.util.Optional;

/**
 * The smallest shifts of one movement's start (every waypoint moved by the same time) that leave it
 * in conflict with nothing stored, in whole seconds.
 *
 * @param movement the movement's id
 * @param party its party
 * @param delay the smallest delay, absent if none within the horizon
 * @param advance the smallest advance (a positive duration: start this much earlier), absent if
 *     none within the horizon
 * @param horizon how far either way the search looked
 */
public record Shifts(
    String movement,
    String party,
    Optional<Duration> delay,
    Optional<Duration> advance,
    Duration horizon) {

  /** Checks the shifts are positive and within the horizon. */
  public Shifts {
    for (Optional<Duration> d : java.util.List.of(delay, advance)) {
      if (d.isPresent() && (d.get().isNegative() || d.get().compareTo(horizon) > 0)) {
        throw new IllegalArgumentException(
            "shift of " + movement + " must be in [0, " + horizon + "], got " + d.get());
      }
    }
  }
}
