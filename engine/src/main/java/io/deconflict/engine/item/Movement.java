package io.deconflict.engine.item;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A planned movement: a route of timed waypoints and the separation it asks of other parties.
 *
 * <p>Between consecutive waypoints the movement travels along the WGS84 geodesic at constant speed.
 * A waypoint repeated at a later time is a halt. Times must be strictly increasing by at least one
 * millisecond; the engine works at millisecond resolution.
 *
 * @param id unique identifier
 * @param party notifying party
 * @param waypoints at least two, in strictly increasing time
 * @param separationMeters the distance under which another party's item is a conflict, &gt; 0
 * @param bands the vertical band of each leg (waypoint {@code i} to {@code i + 1}), constant over
 *     the leg; empty for a movement on the ground band on every leg ({@link Band#GROUND})
 * @param verticalSeparationMeters the height difference between bands under which another party's
 *     movement is a conflict where the horizontal separation is lost too, in (0, {@link
 *     Band#MAX_VERTICAL_SEPARATION_METERS}]
 * @param participants the parties that travel with {@code party}, the lead, each from one of its
 *     waypoints to a later one (D39); empty for a movement of one party
 */
public record Movement(
    String id,
    String party,
    List<Waypoint> waypoints,
    double separationMeters,
    List<Band> bands,
    double verticalSeparationMeters,
    List<Participant> participants)
    implements Item {

  /** A movement on the ground band, with the default vertical separation. */
  public Movement(String id, String party, List<Waypoint> waypoints, double separationMeters) {
    this(
        id, party, waypoints, separationMeters, List.of(), Band.DEFAULT_VERTICAL_SEPARATION_METERS);
  }

  /** A movement of one party. */
  public Movement(
      String id,
      String party,
      List<Waypoint> waypoints,
      double separationMeters,
      List<Band> bands,
      double verticalSeparationMeters) {
    this(id, party, waypoints, separationMeters, bands, verticalSeparationMeters, List.of());
  }

  /** Most waypoints one movement may have. */
  public static final int MAX_WAYPOINTS = 10_000;

  /** Longest time one movement may span. */
  public static final Duration MAX_DURATION = Duration.ofDays(14);

  /** Largest separation a movement may ask for, in metres. */
  public static final double MAX_SEPARATION_METERS = 100_000;

  /** Validates and copies the waypoints. */
  public Movement {
    Item.requireName(id, "movement id");
    Item.requireName(party, "movement party");
    waypoints = List.copyOf(waypoints);
    if (waypoints.size() < 2) {
      throw new IllegalArgumentException(
          "movement " + id + " needs at least 2 waypoints, got " + waypoints.size());
    }
    if (waypoints.size() > MAX_WAYPOINTS) {
      throw new IllegalArgumentException(
          "movement "
              + id
              + " has "
              + waypoints.size()
              + " waypoints, more than the limit of "
              + MAX_WAYPOINTS);
    }
    for (int i = 1; i < waypoints.size(); i++) {
      Instant previous = waypoints.get(i - 1).time();
      Instant current = waypoints.get(i).time();
      if (Duration.between(previous, current).compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException(
            "movement "
                + id
                + ": waypoint "
                + i
                + " time "
                + current
                + " is not at least 1 ms after waypoint "
                + (i - 1)
                + " time "
                + previous);
      }
    }
    Duration span = Duration.between(start(waypoints), end(waypoints));
    if (span.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "movement " + id + " spans " + span + ", longer than the limit of " + MAX_DURATION);
    }
    if (!(separationMeters > 0) || separationMeters > MAX_SEPARATION_METERS) {
      throw new IllegalArgumentException(
          "movement "
              + id
              + " separationMeters must be in (0, "
              + (long) MAX_SEPARATION_METERS
              + "], got "
              + separationMeters);
    }
    bands = List.copyOf(bands);
    if (!bands.isEmpty() && bands.size() != waypoints.size() - 1) {
      throw new IllegalArgumentException(
          "movement "
              + id
              + " has "
              + bands.size()
              + " bands for "
              + (waypoints.size() - 1)
              + " legs; give one band per leg, or none for the ground");
    }
    Band.requireVerticalSeparation(verticalSeparationMeters, "movement " + id);
    participants = List.copyOf(participants);
    Set<String> seen = new HashSet<>();
    for (Participant p : participants) {
      if (p.party().equals(party)) {
        throw new IllegalArgumentException(
            "movement " + id + ": participant " + p.party() + " is the lead party");
      }
      if (!seen.add(p.party())) {
        throw new IllegalArgumentException(
            "movement " + id + ": participant " + p.party() + " is named twice");
      }
      if (p.leaveAt() > waypoints.size() - 1) {
        throw new IllegalArgumentException(
            "movement "
                + id
                + ": participant "
                + p.party()
                + " leaveAt "
                + p.leaveAt()
                + " is past the last waypoint "
                + (waypoints.size() - 1));
      }
    }
  }

  /** A copy with these participants. */
  public Movement withParticipants(List<Participant> participants) {
    return new Movement(
        id, party, waypoints, separationMeters, bands, verticalSeparationMeters, participants);
  }

  /** Whether other parties travel with the lead on some legs (D39). */
  public boolean isJoint() {
    return !participants.isEmpty();
  }

  /** The band of leg {@code i} (waypoint {@code i} to {@code i + 1}). */
  public Band band(int leg) {
    return bands.isEmpty() ? Band.GROUND : bands.get(leg);
  }

  /** Whether some leg has a band other than the ground band. */
  public boolean isAirborne() {
    for (Band b : bands) {
      if (!b.isGround()) {
        return true;
      }
    }
    return false;
  }

  /** When the movement starts. */
  public Instant start() {
    return start(waypoints);
  }

  /** When the movement ends. */
  public Instant end() {
    return end(waypoints);
  }

  private static Instant start(List<Waypoint> waypoints) {
    return waypoints.get(0).time();
  }

  private static Instant end(List<Waypoint> waypoints) {
    return waypoints.get(waypoints.size() - 1).time();
  }
}
