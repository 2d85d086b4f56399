package io.deconflict.service;

import java.time.Duration;
import java.util.List;

/**
 * What applies to fields an agreement leaves out, and between parties that have no agreement in
 * force: there the separation, the acknowledgement deadline and the escalation ladder apply, but no
 * minimum notice (notice is something parties agree on).
 *
 * @param separationMeters separation of a movement that names none
 * @param minimumNotice notice before a movement starts
 * @param emergencyNotice notice for an emergency movement
 * @param acknowledgeWithin level-1 acknowledgement deadline
 * @param escalation wait at level 2, then at level 3
 */
public record Defaults(
    double separationMeters,
    Duration minimumNotice,
    Duration emergencyNotice,
    Duration acknowledgeWithin,
    List<Duration> escalation) {

  /** 1 km, 24 h notice (1 h in an emergency), 10 min to acknowledge, 30 min then 60 min. */
  public static final Defaults STANDARD =
      new Defaults(
          1000,
          Duration.ofHours(24),
          Duration.ofHours(1),
          Duration.ofMinutes(10),
          List.of(Duration.ofMinutes(30), Duration.ofMinutes(60)));

  /** Copies the list. */
  public Defaults {
    escalation = List.copyOf(escalation);
    if (escalation.size() != 2) {
      throw new IllegalArgumentException("escalation must hold 2 durations");
    }
  }
}
