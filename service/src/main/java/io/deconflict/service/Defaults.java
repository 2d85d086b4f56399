package io.deconflict.service;

import io.deconflict.engine.live.LiveSettings;
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
 * @param deadReckoning the dead reckoning the configuration asks for ({@code live.deadReckoning}):
 *     the service journals it ({@link OutcomeSettings}) at its first write when the journal last
 *     recorded other settings, and applies it from that record on; a replay applies what the
 *     journal records, whatever this says
 * @param formations whether the configuration asks for live encounters told per pair of formations
 *     (one tactical alert per patrol pair, linked to the planned conflict of the same two
 *     movements: design-decisions.md, D29) rather than per pair of units ({@code
 *     defaults.formations}); journaled like dead reckoning ({@link OutcomeSettings}, rules 2), so a
 *     journal written without them replays without them, whatever this says
 * @param jobDetection whether conflicts come from the detection job ({@code detection.mode flink},
 *     design-decisions.md, D32) as {@code conflict.found} commands instead of the detector in this
 *     process; fixed for a journal's life (a state folded under one mode is not the other's)
 */
public record Defaults(
    double separationMeters,
    Duration minimumNotice,
    Duration emergencyNotice,
    Duration acknowledgeWithin,
    List<Duration> escalation,
    LiveSettings.DeadReckoning deadReckoning,
    boolean formations,
    boolean jobDetection) {

  /**
   * 1 km, 24 h notice (1 h in an emergency), 10 min to acknowledge, 30 min then 60 min; dead
   * reckoning {@link LiveSettings.DeadReckoning#DEFAULT}; formation alerts on.
   */
  public static final Defaults STANDARD =
      new Defaults(
          1000,
          Duration.ofHours(24),
          Duration.ofHours(1),
          Duration.ofMinutes(10),
          List.of(Duration.ofMinutes(30), Duration.ofMinutes(60)));

  /** Defaults with {@link LiveSettings.DeadReckoning#DEFAULT} and formation alerts on. */
  public Defaults(
      double separationMeters,
      Duration minimumNotice,
      Duration emergencyNotice,
      Duration acknowledgeWithin,
      List<Duration> escalation) {
    this(
        separationMeters,
        minimumNotice,
        emergencyNotice,
        acknowledgeWithin,
        escalation,
        LiveSettings.DeadReckoning.DEFAULT,
        true);
  }

  /** Defaults whose conflicts come from the detector in this process. */
  public Defaults(
      double separationMeters,
      Duration minimumNotice,
      Duration emergencyNotice,
      Duration acknowledgeWithin,
      List<Duration> escalation,
      LiveSettings.DeadReckoning deadReckoning,
      boolean formations) {
    this(
        separationMeters,
        minimumNotice,
        emergencyNotice,
        acknowledgeWithin,
        escalation,
        deadReckoning,
        formations,
        false);
  }

  /** These defaults with other dead reckoning. */
  public Defaults withDeadReckoning(LiveSettings.DeadReckoning reckoning) {
    return new Defaults(
        separationMeters,
        minimumNotice,
        emergencyNotice,
        acknowledgeWithin,
        escalation,
        reckoning,
        formations,
        jobDetection);
  }

  /** The same defaults with conflicts from the detection job (D32) or from this process. */
  public Defaults withJobDetection(boolean on) {
    return new Defaults(
        separationMeters,
        minimumNotice,
        emergencyNotice,
        acknowledgeWithin,
        escalation,
        deadReckoning,
        formations,
        on);
  }

  /** Copies the list. */
  public Defaults {
    escalation = List.copyOf(escalation);
    if (escalation.size() != 2) {
      throw new IllegalArgumentException("escalation must hold 2 durations");
    }
  }
}
