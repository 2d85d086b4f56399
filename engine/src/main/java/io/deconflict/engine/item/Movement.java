package io.deconflict.engine.item;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 */
public record Movement(String id, String party, List<Waypoint> waypoints, double separationMeters)
    implements Item {

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
