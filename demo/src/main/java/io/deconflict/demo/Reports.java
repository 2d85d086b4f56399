package io.deconflict.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Track reports of the units that follow the scenario's movements, as they would send them to
 * {@code POST /api/v1/positions}: mostly on plan, some starting late, some taking a wrong turn.
 *
 * <p>Which movement deviates, and how, is drawn from the seed and the movement's id alone, so the
 * same seed gives the same reports whatever movements are asked for and in whatever order. The
 * encounter movements keep to their plans: their conflicts are the planned ones. A unit's id is its
 * movement's id, so the service follows it against that plan. Immutable and thread-safe.
 */
public final class Reports {

  /** Share of routine movements that start late. */
  static final double LATE_SHARE = 0.15;

  /** Share of routine movements that take a wrong turn. */
  static final double WRONG_TURN_SHARE = 0.10;

  /** How a unit departs from its plan. */
  public enum Kind {
    /** Follows its plan. */
    NONE,
    /** Waits at its start, then follows the plan {@code delay} late all the way. */
    LATE_START,
    /** Leaves the route sideways, up to {@code detourMeters} away, then rejoins it. */
    WRONG_TURN
  }

  /**
   * How one unit departs from its plan.
   *
   * @param kind which departure
   * @param delay how late it starts ({@link Kind#LATE_START}), else zero
   * @param detourMeters how far off the route it gets at most ({@link Kind#WRONG_TURN}), else 0
   * @param fromFraction where in its time the detour begins, as a fraction of the movement's span
   * @param toFraction where it ends
   */
  public record Deviation(
      Kind kind, Duration delay, double detourMeters, double fromFraction, double toFraction) {

    /** On plan. */
    public static final Deviation NONE = new Deviation(Kind.NONE, Duration.ZERO, 0, 0, 0);
  }

  /**
   * One report.
   *
   * @param party the unit's party
   * @param unit the unit's id: its movement's id
   * @param time when the position was taken
   * @param position where
   * @param speedMps metres per second
   * @param courseDegrees degrees from true north, in [0, 360)
   */
  public record Report(
      String party,
      String unit,
      Instant time,
      GeoPoint position,
      double speedMps,
      double courseDegrees) {

    /** The report as {@code POST /api/v1/positions} takes it. */
    public ObjectNode toJson() {
      ObjectNode r = JsonNodeFactory.instance.objectNode();
      r.put("unit", unit);
      r.put("time", time.toString());
      r.put("lon", Itinerary.round6(position.lon()));
      r.put("lat", Itinerary.round6(position.lat()));
      r.put("course", Math.round(courseDegrees * 10) / 10.0 % 360);
      r.put("speed", Math.round(speedMps * 10) / 10.0);
      return r;
    }
  }

  /** One movement's plan and its unit's deviation. */
  private record Unit(
      String id, String party, List<GeoPoint> points, List<Instant> times, Deviation deviation) {

    Instant start() {
      return times.get(0);
    }

    Instant end() {
      return times.get(times.size() - 1).plus(deviation.delay());
    }
  }

  private final Map<String, Unit> units = new LinkedHashMap<>();

  private Reports(List<? extends JsonNode> movements, long seed) {
    for (JsonNode m : movements) {
      List<GeoPoint> points = new ArrayList<>();
      for (JsonNode c : m.path("geometry").path("coordinates")) {
        points.add(GeoPoint.of(c.get(0).asDouble(), c.get(1).asDouble()));
      }
      List<Instant> times = new ArrayList<>();
      for (JsonNode t : m.path("properties").path("times")) {
        times.add(Instant.parse(t.asText()));
      }
      String id = m.path("id").asText();
      boolean encounter = m.path("properties").has("encounter");
      units.put(
          id,
          new Unit(
              id,
              m.path("properties").path("party").asText(),
              points,
              times,
              encounter ? Deviation.NONE : draw(id, seed)));
    }
  }

  /** The reports of the units of these movement features (as in {@link Scenario#movements()}). */
  public static Reports of(List<? extends JsonNode> movements, long seed) {
    return new Reports(movements, seed);
  }

  /**
   * Every report from {@code from} to {@code to}, one per running unit every {@code step}, in time
   * order.
   */
  public static List<Report> generate(
      List<? extends JsonNode> movements, Instant from, Instant to, Duration step, long seed) {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be positive, got " + step);
    }
    Reports reports = of(movements, seed);
    List<Report> out = new ArrayList<>();
    for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
      out.addAll(reports.at(t));
    }
    return out;
  }

  private static Deviation draw(String id, long seed) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id.hashCode());
    double r = random.nextDouble();
    if (r < LATE_SHARE) {
      return new Deviation(Kind.LATE_START, Duration.ofMinutes(12 + random.nextInt(19)), 0, 0, 0);
    }
    if (r < LATE_SHARE + WRONG_TURN_SHARE) {
      double from = 0.15 + random.nextDouble() * 0.25;
      return new Deviation(
          Kind.WRONG_TURN, Duration.ZERO, 1500 + random.nextInt(1500), from, from + 0.15);
    }
    return Deviation.NONE;
  }

  /** How the unit of this movement deviates; {@link Deviation#NONE} for an unknown id. */
  public Deviation deviation(String movementId) {
    Unit u = units.get(movementId);
    return u == null ? Deviation.NONE : u.deviation();
  }

  /** The reports at {@code time} of every unit then running, in movement order. */
  public List<Report> at(Instant time) {
    List<Report> out = new ArrayList<>();
    for (Unit u : units.values()) {
      if (time.isBefore(u.start()) || time.isAfter(u.end())) {
        continue;
      }
      out.add(report(u, time));
    }
    return out;
  }

  private static Report report(Unit u, Instant time) {
    Instant planTime = time.minus(u.deviation().delay());
    if (planTime.isBefore(u.start())) {
      return new Report(u.party(), u.id(), time, u.points().get(0), 0, 0); // waiting to start
    }
    int i = 1;
    while (i < u.times().size() - 1 && planTime.isAfter(u.times().get(i))) {
      i++;
    }
    GeoPoint a = u.points().get(i - 1);
    GeoPoint b = u.points().get(i);
    double span = Duration.between(u.times().get(i - 1), u.times().get(i)).toMillis();
    double fraction =
        span <= 0
            ? 1
            : Math.min(1, Duration.between(u.times().get(i - 1), planTime).toMillis() / span);
    GeoPoint onPlan = Route.between(a, b, fraction);
    double length = Route.distance(a, b);
    double speed = length < 0.01 ? 0 : length / (span / 1000);
    double course = length < 0.01 ? 0 : Route.azimuth(a, b);
    Deviation d = u.deviation();
    if (d.kind() == Kind.WRONG_TURN) {
      double whole = Duration.between(u.start(), u.times().get(u.times().size() - 1)).toMillis();
      double f = Duration.between(u.start(), planTime).toMillis() / whole;
      if (f > d.fromFraction() && f < d.toFraction()) {
        double mid = (d.fromFraction() + d.toFraction()) / 2;
        double off = d.detourMeters() * (1 - Math.abs(f - mid) / (mid - d.fromFraction()));
        onPlan = Route.destination(onPlan, course + 90, off);
      }
    }
    return new Report(u.party(), u.id(), time, onPlan, speed, course);
  }
}
