package io.deconflict.service.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Geodesics;
import io.deconflict.service.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Units off their movement's notified route: a position report made under a movement ({@code
 * movement} on the report) whose reported position is farther from where the movement's notified
 * route (its version current when the report was journaled) puts it at the report's time than the
 * separation of the agreement in force then. Where the route puts it is the exact WGS84 position
 * along the geodesic between the waypoints around that time, at constant speed between their times
 * ({@link Geodesics#positionAt}); the distance is the exact geodesic distance. Only reports within
 * the movement's time span (first to last waypoint) are judged; reports under a joint movement
 * ({@code lead/id}) are not (the viewer is told of other parties' routes only as they share). One
 * flag per run of consecutive reports of a unit off the same movement's route.
 *
 * <p>Cost: a few microseconds per report under a movement (two GeographicLib calls).
 */
final class OffRoute {

  private record Route(List<GeoPoint> points, List<Instant> times, Ref ref) {}

  private static final class Run {
    final String party;
    final String unit;
    final String movement;
    final Route route;
    final double separationMeters;
    final Instant firstAt;
    final double firstMeters;
    final Ref firstRef;
    Instant farthestAt;
    double farthestMeters;
    Ref farthestRef;
    int reports = 1;

    Run(
        String party,
        String unit,
        String movement,
        Route route,
        double separationMeters,
        Instant at,
        double meters,
        Ref ref) {
      this.party = party;
      this.unit = unit;
      this.movement = movement;
      this.route = route;
      this.separationMeters = separationMeters;
      this.firstAt = at;
      this.firstMeters = meters;
      this.firstRef = ref;
      this.farthestAt = at;
      this.farthestMeters = meters;
      this.farthestRef = ref;
    }
  }

  private final Scope scope;
  private final Map<String, Route> routes = new HashMap<>();
  private final Map<String, Run> open = new LinkedHashMap<>();
  private final List<Flag> flags = new ArrayList<>();

  OffRoute(Scope scope) {
    this.scope = scope;
  }

  /** An own movement's version notified (told to its party alone). */
  void notified(Event e, String party, Ref ref) {
    JsonNode b = e.body();
    JsonNode feature = b.path("feature");
    String kind =
        b.hasNonNull("kind")
            ? b.path("kind").asText()
            : feature.path("properties").path("kind").asText();
    if (!kind.equals("movement")) {
      return;
    }
    JsonNode coords = feature.path("geometry").path("coordinates");
    JsonNode times = feature.path("properties").path("times");
    if (!coords.isArray() || coords.size() != times.size() || coords.isEmpty()) {
      return;
    }
    List<GeoPoint> points = new ArrayList<>(coords.size());
    List<Instant> at = new ArrayList<>(coords.size());
    for (int i = 0; i < coords.size(); i++) {
      points.add(GeoPoint.of(coords.get(i).get(0).asDouble(), coords.get(i).get(1).asDouble()));
      at.add(Instant.parse(times.get(i).asText()));
    }
    routes.put(
        party + "/" + b.path("result").path("id").asText(),
        new Route(List.copyOf(points), List.copyOf(at), ref));
  }

  void cancelled(Event e, String party) {
    if (e.body().path("kind").asText("movement").equals("movement")) {
      routes.remove(party + "/" + e.body().path("id").asText());
    }
  }

  /** A batch of own units' reports (told to their party alone). */
  void reported(Event e, String party, Ref ref) {
    if (!scope.inWeek(e.time()) || !scope.isParty(party)) {
      return;
    }
    for (JsonNode r : e.body().path("reports")) {
      String movement = r.path("movement").asText("");
      if (movement.isEmpty() || movement.contains("/")) {
        continue;
      }
      Route route = routes.get(party + "/" + movement);
      Instant t = Instant.parse(r.path("time").asText());
      Optional<Scope.Version> terms = scope.inForce(t);
      if (route == null
          || terms.isEmpty()
          || t.isBefore(route.times().get(0))
          || t.isAfter(route.times().get(route.times().size() - 1))) {
        continue;
      }
      GeoPoint planned = Geodesics.positionAt(route.points(), route.times(), t);
      double meters =
          Geodesics.distanceMeters(
              planned, GeoPoint.of(r.path("lon").asDouble(), r.path("lat").asDouble()));
      String key = party + "/" + r.path("unit").asText() + "|" + movement;
      Run run = open.get(key);
      double separation = terms.get().separationMeters();
      if (meters > separation) {
        if (run == null || run.route != route) {
          if (run != null) {
            open.remove(key);
            close(run);
          }
          open.put(
              key,
              new Run(party, r.path("unit").asText(), movement, route, separation, t, meters, ref));
        } else {
          run.reports++;
          if (meters > run.farthestMeters) {
            run.farthestMeters = meters;
            run.farthestAt = t;
            run.farthestRef = ref;
          }
        }
      } else if (run != null) {
        open.remove(key);
        close(run);
      }
    }
  }

  private void close(Run run) {
    flags.add(flag(run));
  }

  private Flag flag(Run run) {
    String detail =
        "unit "
            + run.unit
            + " reported under movement "
            + run.movement
            + " "
            + Flag.meters(run.firstMeters)
            + " from where its notified route puts it at "
            + run.firstAt
            + (run.reports > 1
                ? "; "
                    + run.reports
                    + " reports in a row off route, the farthest "
                    + Flag.meters(run.farthestMeters)
                    + " at "
                    + run.farthestAt
                : "")
            + "; the agreement's separation is "
            + Flag.meters(run.separationMeters);
    List<Ref> refs = List.of(run.route.ref(), run.firstRef, run.farthestRef);
    List<Ref> withTerms = new ArrayList<>(refs);
    scope.inForce(run.firstAt).ifPresent(v -> withTerms.add(v.ref()));
    return new Flag(
        "off-route",
        run.party,
        "unit " + run.unit + " under movement " + run.movement,
        detail,
        run.firstAt,
        withTerms);
  }

  /** The flags, runs still open at the end of the week included. */
  List<Flag> flags() {
    List<Flag> out = new ArrayList<>(flags);
    open.values().forEach(run -> out.add(flag(run)));
    return out;
  }
}
