package io.deconflict.demo;

import io.deconflict.engine.geo.GeoPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One reported encounter of {@code SCENARIO.md} as the scenario reproduces it, and what the service
 * is expected to find.
 *
 * @param number 1 to 5, as in {@code SCENARIO.md}; 6, its joint patrols with air cover (D39)
 * @param name short title
 * @param date the (first) day, UTC
 * @param place the id of the place in {@code places.geojson}
 * @param location where, WGS84
 * @param summary what was reported
 * @param source where the facts come from and what is invented
 * @param movements the ids of the movements that reproduce it
 * @param from when the first of them starts
 * @param to when the last of them ends
 * @param demoStart a good clock time to start the demo at: a few minutes before the last of the
 *     encounter's movements is notified, so its alert is raised while you watch
 * @param expected the conflicts the service must find, or must not
 */
public record Encounter(
    int number,
    String name,
    LocalDate date,
    String place,
    GeoPoint location,
    String summary,
    String source,
    List<String> movements,
    Instant from,
    Instant to,
    Instant demoStart,
    List<Expectation> expected) {

  /**
   * A conflict the service must find between two items, or must not.
   *
   * @param a an item id
   * @param b another party's item id
   * @param kind {@code movement-movement}, {@code movement-site} or {@code movement-zone}
   * @param conflict whether they are in conflict
   * @param note why
   */
  public record Expectation(String a, String b, String kind, boolean conflict, String note) {}

  /** Copies the lists; checks the span. */
  public Encounter {
    movements = List.copyOf(movements);
    expected = List.copyOf(expected);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("encounter " + number + ": from must be before to");
    }
  }
}
