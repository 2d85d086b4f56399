package io.deconflict.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A movement being planned: timed waypoints built by driving routes at constant speeds and halting.
 *
 * <p>Times are exact while planning and rounded to the second when written as a feature; a waypoint
 * whose rounded time would not follow its predecessor's is left out. Not thread-safe.
 */
final class Itinerary {

  private final List<GeoPoint> points = new ArrayList<>();
  private final List<Instant> times = new ArrayList<>();

  private Itinerary(GeoPoint start, Instant at) {
    points.add(start);
    times.add(at);
  }

  /** An itinerary that starts at {@code start} at {@code at}. */
  static Itinerary startingAt(GeoPoint start, Instant at) {
    return new Itinerary(start, at);
  }

  /** Where the itinerary is now. */
  GeoPoint last() {
    return points.get(points.size() - 1);
  }

  /** When it gets there. */
  Instant end() {
    return times.get(times.size() - 1);
  }

  /** When it starts. */
  Instant start() {
    return times.get(0);
  }

  /**
   * Drives along {@code route} at {@code speedMps} metres per second. The route should start where
   * the itinerary is; if it does not, the unit first drives straight there.
   */
  Itinerary drive(Route route, double speedMps) {
    if (!(speedMps > 0)) {
      throw new IllegalArgumentException("speed must be > 0 m/s, got " + speedMps);
    }
    Route path =
        Route.distance(last(), route.first()) < 1
            ? route
            : Route.of(List.of(last(), route.first())).then(route);
    Instant from = end();
    for (int i = 1; i < path.points().size(); i++) {
      points.add(path.points().get(i));
      times.add(from.plusMillis(Math.round(path.along(i) / speedMps * 1000)));
    }
    return this;
  }

  /** Stays where it is for {@code duration}. */
  Itinerary halt(Duration duration) {
    points.add(last());
    times.add(end().plus(duration));
    return this;
  }

  /** When the itinerary first passes the waypoint nearest to {@code p}. */
  Instant timeAt(GeoPoint p) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < points.size(); i++) {
      double d = Route.distance(points.get(i), p);
      if (d < bestDistance - 1e-6) {
        bestDistance = d;
        best = i;
      }
    }
    return times.get(best);
  }

  /** Moves every time so that the waypoint nearest to {@code p} is passed at {@code at}. */
  Itinerary passing(GeoPoint p, Instant at) {
    Duration shift = Duration.between(timeAt(p), at);
    times.replaceAll(t -> t.plus(shift));
    return this;
  }

  /**
   * The itinerary as a GeoJSON movement feature of {@code docs/formats.md}: times rounded to the
   * second, coordinates to 1e-6 degrees (about 0.1 m).
   */
  ObjectNode toFeature(String id, String party, String name, double separationMeters) {
    List<GeoPoint> keptPoints = new ArrayList<>();
    List<Instant> keptTimes = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      Instant t = times.get(i).plusMillis(500).truncatedTo(ChronoUnit.SECONDS);
      if (!keptTimes.isEmpty() && !t.isAfter(keptTimes.get(keptTimes.size() - 1))) {
        if (i < points.size() - 1) {
          continue; // too close to the one before: leave it out
        }
        keptPoints.remove(keptPoints.size() - 1); // keep the last waypoint, drop its neighbour
        keptTimes.remove(keptTimes.size() - 1);
      }
      keptPoints.add(points.get(i));
      keptTimes.add(t);
    }
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode feature = json.objectNode();
    feature.put("type", "Feature");
    feature.put("id", id);
    ObjectNode properties = feature.putObject("properties");
    properties.put("name", name);
    properties.put("kind", "movement");
    properties.put("party", party);
    properties.put("separationMeters", separationMeters);
    ArrayNode ts = properties.putArray("times");
    keptTimes.forEach(t -> ts.add(t.toString()));
    ObjectNode geometry = feature.putObject("geometry");
    geometry.put("type", "LineString");
    ArrayNode coordinates = geometry.putArray("coordinates");
    for (GeoPoint p : keptPoints) {
      coordinates.addArray().add(round6(p.lon())).add(round6(p.lat()));
    }
    return feature;
  }

  static double round6(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }
}
