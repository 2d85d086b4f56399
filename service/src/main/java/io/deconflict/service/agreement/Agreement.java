package io.deconflict.service.agreement;

import io.deconflict.engine.item.Band;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One version of an agreement between two or more parties.
 *
 * @param id stable id across versions
 * @param version 1, 2, ...
 * @param parties the parties bound, at least two
 * @param effectiveFrom from when this version applies
 * @param separationMeters the separation between their movements, unless a movement names a larger
 *     one
 * @param minimumNotice how long before a movement starts it must be notified
 * @param emergencyNotice the shorter notice for a movement flagged as an emergency
 * @param acknowledgeWithin how long a level-1 alert may stay unacknowledged
 * @param escalation how long each further level waits: index 0 is how long level 2 (commanders) has
 *     before the alert goes to level 3 (operators); index 1 is how long level 3 has before the
 *     alert is declared overdue to everyone told of it
 * @param sharing what each party shares with the others; parties not named share {@link
 *     Sharing#CONFLICTS}
 * @param suspended whether a party has suspended the channel (detection goes on)
 * @param reconfirm how often its parties' sites and zones must be reconfirmed, if at all (D36)
 * @param verticalSeparationMeters the height difference between their air movements' bands under
 *     which a loss of the horizontal separation is a conflict, unless a movement names a larger one
 *     (D37); {@value Band#DEFAULT_VERTICAL_SEPARATION_METERS} m unless stated
 */
public record Agreement(
    String id,
    int version,
    Set<String> parties,
    Instant effectiveFrom,
    double separationMeters,
    Duration minimumNotice,
    Duration emergencyNotice,
    Duration acknowledgeWithin,
    List<Duration> escalation,
    Map<String, Sharing> sharing,
    boolean suspended,
    Optional<Reconfirm> reconfirm,
    double verticalSeparationMeters) {

  /** The largest separation an agreement may set, as for movements. */
  public static final double MAX_SEPARATION_METERS = 100_000;

  /**
   * How often the sites and zones of an agreement's parties must be reconfirmed (D36): an item not
   * reconfirmed (nor notified again) within {@code every} of its last confirmation lapses; its
   * owner is warned {@code warnBefore} ahead.
   *
   * @param every the period, positive
   * @param warnBefore how long before the lapse the owner is warned; not negative, shorter than
   *     {@code every}
   */
  public record Reconfirm(Duration every, Duration warnBefore) {

    /** The warning lead when none is given: a day, or half the period if that is shorter. */
    public static Duration defaultWarnBefore(Duration every) {
      Duration half = every.dividedBy(2);
      return half.compareTo(Duration.ofDays(1)) < 0 ? half : Duration.ofDays(1);
    }

    /** Checks both; messages name the agreement's field. */
    public Reconfirm {
      if (every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("reconfirmEvery must be positive, got " + every);
      }
      if (warnBefore.isNegative() || warnBefore.compareTo(every) >= 0) {
        throw new IllegalArgumentException(
            "reconfirmWarnBefore must not be negative and must be shorter than reconfirmEvery ("
                + every
                + "), got "
                + warnBefore);
      }
    }
  }

  /** An agreement that asks for no reconfirmation. */
  public Agreement(
      String id,
      int version,
      Set<String> parties,
      Instant effectiveFrom,
      double separationMeters,
      Duration minimumNotice,
      Duration emergencyNotice,
      Duration acknowledgeWithin,
      List<Duration> escalation,
      Map<String, Sharing> sharing,
      boolean suspended) {
    this(
        id,
        version,
        parties,
        effectiveFrom,
        separationMeters,
        minimumNotice,
        emergencyNotice,
        acknowledgeWithin,
        escalation,
        sharing,
        suspended,
        Optional.empty(),
        Band.DEFAULT_VERTICAL_SEPARATION_METERS);
  }

  /** Checks every field; messages name it. */
  public Agreement {
    // sorted, so that JSON written from an agreement is the same in every run (replay compares it)
    parties = Collections.unmodifiableSortedSet(new TreeSet<>(parties));
    escalation = List.copyOf(escalation);
    sharing = Collections.unmodifiableSortedMap(new TreeMap<>(sharing));
    if (parties.size() < 2) {
      throw new IllegalArgumentException("parties must name at least two parties");
    }
    if (!(separationMeters > 0 && separationMeters <= MAX_SEPARATION_METERS)) {
      throw new IllegalArgumentException(
          "separationMeters must be > 0 and <= " + (long) MAX_SEPARATION_METERS);
    }
    if (!(verticalSeparationMeters > 0
        && verticalSeparationMeters <= Band.MAX_VERTICAL_SEPARATION_METERS)) {
      throw new IllegalArgumentException(
          "verticalSeparationMeters must be > 0 and <= "
              + (long) Band.MAX_VERTICAL_SEPARATION_METERS);
    }
    requireNonNegative(minimumNotice, "minimumNotice");
    requireNonNegative(emergencyNotice, "emergencyNotice");
    if (emergencyNotice.compareTo(minimumNotice) > 0) {
      throw new IllegalArgumentException("emergencyNotice must not be longer than minimumNotice");
    }
    requirePositive(acknowledgeWithin, "acknowledgeWithin");
    if (escalation.size() != 2) {
      throw new IllegalArgumentException(
          "escalation must hold 2 durations (level 2, level 3), got " + escalation.size());
    }
    for (int i = 0; i < escalation.size(); i++) {
      requirePositive(escalation.get(i), "escalation[" + i + "]");
    }
    for (String party : sharing.keySet()) {
      if (!parties.contains(party)) {
        throw new IllegalArgumentException(
            "sharing." + party + ": \"" + party + "\" is not one of the parties");
      }
    }
  }

  /** What {@code party} shares with the others. */
  public Sharing sharingOf(String party) {
    return sharing.getOrDefault(party, Sharing.CONFLICTS);
  }

  /** Whether this agreement binds both parties. */
  public boolean binds(String a, String b) {
    return parties.contains(a) && parties.contains(b);
  }

  /** The same agreement, suspended or resumed, as the next version. */
  public Agreement withSuspended(boolean nowSuspended) {
    return new Agreement(
        id,
        version + 1,
        parties,
        effectiveFrom,
        separationMeters,
        minimumNotice,
        emergencyNotice,
        acknowledgeWithin,
        escalation,
        sharing,
        nowSuspended,
        reconfirm,
        verticalSeparationMeters);
  }

  private static void requireNonNegative(Duration d, String field) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, got " + d);
    }
  }

  private static void requirePositive(Duration d, String field) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, got " + d);
    }
  }
}
