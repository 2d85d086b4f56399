package io.deconflict.engine.reference;

import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Judges a detector's conflicts against the reference's by the contract's tolerances, and lists
 * every disagreement it cannot excuse.
 *
 * <p>Per pair of items, the times at which exactly one side reports a conflict form pieces. A piece
 * is excused if it lasts at most {@link #TIME_TOLERANCE_SECONDS} (an end point off by at most 1 s),
 * or if the exact distance throughout it stays within {@link #DISTANCE_TOLERANCE_METERS} of the
 * separation (a tangent pass, a split or merged interval, or a grazing end point whose time is
 * ill-conditioned). For zones the latter means the movement stays within 1 m of the boundary.
 *
 * <p>Each reported closest approach must have a distance within 1 m of the exact minimum over the
 * reported interval, a time inside the interval, and positions within 1 m of where the items
 * exactly are at the reported time (and 1 m-consistent with the reported distance), or else within
 * 1 m of the exact positions at the exact minimum.
 */
public final class ContractCheck {

  /** Tolerance on times, in seconds. */
  public static final double TIME_TOLERANCE_SECONDS = 1.0;

  /** Tolerance on distances and positions, in metres. */
  public static final double DISTANCE_TOLERANCE_METERS = 1.0;

  private static final double SLACK_SECONDS = 0.002;
  private static final int ZONE_SAMPLES = 20;

  private final Map<String, Item> items;
  private final List<String> problems = new ArrayList<>();

  private ContractCheck(Collection<? extends Item> items) {
    this.items = new HashMap<>();
    for (Item item : items) {
      this.items.put(item.id(), item);
    }
  }

  /**
   * Every disagreement between {@code actual} and the {@code expected} reference conflicts among
   * {@code items} that the contract's tolerances do not excuse; empty if they agree.
   */
  public static List<String> compare(
      Collection<? extends Item> items, List<Conflict> expected, List<Conflict> actual) {
    ContractCheck check = new ContractCheck(items);
    check.run(expected, actual);
    return check.problems;
  }

  private void run(List<Conflict> expected, List<Conflict> actual) {
    for (int i = 1; i < actual.size(); i++) {
      if (Conflict.ORDER.compare(actual.get(i - 1), actual.get(i)) > 0) {
        problems.add("not in order: " + actual.get(i - 1) + " before " + actual.get(i));
      }
    }
    Map<String, List<Conflict>> expectedByPair = byPair(expected);
    Map<String, List<Conflict>> actualByPair = byPair(actual);
    TreeSet<String> keys = new TreeSet<>(expectedByPair.keySet());
    keys.addAll(actualByPair.keySet());
    for (String key : keys) {
      List<Conflict> e = expectedByPair.getOrDefault(key, List.of());
      List<Conflict> a = actualByPair.getOrDefault(key, List.of());
      Conflict any = a.isEmpty() ? e.get(0) : a.get(0);
      Geometry geometry = geometry(any);
      if (geometry == null) {
        continue;
      }
      for (Conflict c : a) {
        checkShape(c, geometry);
      }
      comparePieces(key, geometry, e, a);
    }
  }

  private static Map<String, List<Conflict>> byPair(List<Conflict> conflicts) {
    Map<String, List<Conflict>> out = new LinkedHashMap<>();
    for (Conflict c : conflicts) {
      out.computeIfAbsent(c.a() + " x " + c.b(), k -> new ArrayList<>()).add(c);
    }
    for (List<Conflict> list : out.values()) {
      list.sort(Conflict.ORDER);
    }
    return out;
  }

  // ---------------------------------------------------------------- one conflict

  /** Checks the items, kind, parties, order of ids, rounding, window and closest approach. */
  private void checkShape(Conflict c, Geometry geometry) {
    Item a = items.get(c.a());
    Item b = items.get(c.b());
    if (a == null || b == null) {
      return;
    }
    if (a.party().equals(b.party())) {
      problems.add("same-party conflict: " + c);
    }
    if (!c.partyA().equals(a.party()) || !c.partyB().equals(b.party())) {
      problems.add("wrong parties (want " + a.party() + ", " + b.party() + "): " + c);
    }
    if (!isWholeMillis(c.start()) || !isWholeMillis(c.end())) {
      problems.add("times not rounded to the millisecond: " + c);
    }
    double start = GeodesicReference.seconds(c.start());
    double end = GeodesicReference.seconds(c.end());
    if (start < geometry.lo() - SLACK_SECONDS || end > geometry.hi() + SLACK_SECONDS) {
      problems.add(
          "interval outside the items' common span/validity ["
              + GeodesicReference.instant(geometry.lo())
              + ", "
              + GeodesicReference.instant(geometry.hi())
              + "]: "
              + c);
    }
    if (geometry.zone() != null) {
      if (c.closest().isPresent()) {
        problems.add("zone conflict with a closest approach: " + c);
      }
      return;
    }
    if (c.closest().isEmpty()) {
      problems.add("no closest approach: " + c);
      return;
    }
    ClosestApproach closest = c.closest().get();
    double t = GeodesicReference.seconds(closest.time());
    if (t < start - SLACK_SECONDS || t > end + SLACK_SECONDS) {
      problems.add("closest approach outside its interval: " + c);
    }
    double lo = Math.max(start, geometry.lo());
    double hi = Math.min(end, geometry.hi());
    if (!(lo < hi)) {
      return;
    }
    GeodesicReference.Extremum min =
        GeodesicReference.minimumDistance(geometry.a(), geometry.b(), lo, hi);
    if (Math.abs(closest.distanceMeters() - min.value()) > DISTANCE_TOLERANCE_METERS) {
      problems.add(
          String.format(
              "closest distance %.3f m, exact minimum over the interval %.3f m at %s: %s",
              closest.distanceMeters(), min.value(), GeodesicReference.instant(min.time()), c));
    }
    double tc = Math.max(geometry.lo(), Math.min(geometry.hi(), t));
    GeoPoint exactA = geometry.a().at(tc);
    GeoPoint exactB = geometry.b().at(tc);
    double errorA = GeodesicReference.distance(closest.a(), exactA);
    double errorB = GeodesicReference.distance(closest.b(), exactB);
    double mutual = GeodesicReference.distance(closest.a(), closest.b());
    boolean consistent =
        errorA <= DISTANCE_TOLERANCE_METERS
            && errorB <= DISTANCE_TOLERANCE_METERS
            && Math.abs(mutual - closest.distanceMeters()) <= DISTANCE_TOLERANCE_METERS;
    double errorAtMinA = GeodesicReference.distance(closest.a(), geometry.a().at(min.time()));
    double errorAtMinB = GeodesicReference.distance(closest.b(), geometry.b().at(min.time()));
    boolean atMinimum =
        errorAtMinA <= DISTANCE_TOLERANCE_METERS && errorAtMinB <= DISTANCE_TOLERANCE_METERS;
    if (!consistent && !atMinimum) {
      problems.add(
          String.format(
              "closest positions wrong: a off by %.3f m and b by %.3f m from the exact positions at"
                  + " the reported time %s (exact a %s, b %s), reported positions %.3f m apart"
                  + " for a reported distance %.3f m; off by %.3f m and %.3f m from the exact"
                  + " positions at the exact minimum: %s",
              errorA,
              errorB,
              closest.time(),
              exactA,
              exactB,
              mutual,
              closest.distanceMeters(),
              errorAtMinA,
              errorAtMinB,
              c));
    }
  }

  // ---------------------------------------------------------------- intervals

  private void comparePieces(
      String key, Geometry geometry, List<Conflict> expected, List<Conflict> actual) {
    List<double[]> e = intervals(expected);
    List<double[]> a = intervals(actual);
    for (int i = 1; i < a.size(); i++) {
      if (a.get(i)[0] < a.get(i - 1)[1]) {
        problems.add(
            key + ": overlapping intervals " + actual.get(i - 1) + " and " + actual.get(i));
      }
    }
    TreeSet<Double> bounds = new TreeSet<>();
    for (double[] x : e) {
      bounds.add(x[0]);
      bounds.add(x[1]);
    }
    for (double[] x : a) {
      bounds.add(x[0]);
      bounds.add(x[1]);
    }
    List<Double> times = new ArrayList<>(bounds);
    double pieceStart = Double.NaN;
    boolean pieceExtra = false;
    for (int i = 0; i + 1 <= times.size(); i++) {
      boolean differs = false;
      boolean extra = false;
      if (i + 1 < times.size()) {
        double mid = 0.5 * (times.get(i) + times.get(i + 1));
        boolean inE = contains(e, mid);
        boolean inA = contains(a, mid);
        differs = inE != inA;
        extra = inA;
      }
      boolean continues = differs && !Double.isNaN(pieceStart) && extra == pieceExtra;
      if (!Double.isNaN(pieceStart) && !continues) {
        judge(key, geometry, pieceStart, times.get(i), pieceExtra, expected, actual);
        pieceStart = Double.NaN;
      }
      if (differs && Double.isNaN(pieceStart)) {
        pieceStart = times.get(i);
        pieceExtra = extra;
      }
    }
  }

  private void judge(
      String key,
      Geometry geometry,
      double u,
      double v,
      boolean extra,
      List<Conflict> expected,
      List<Conflict> actual) {
    if (v - u <= TIME_TOLERANCE_SECONDS + SLACK_SECONDS) {
      return;
    }
    double lo = Math.max(u, geometry.lo());
    double hi = Math.min(v, geometry.hi());
    Zone zone = geometry.zone();
    String detail;
    if (!(lo < hi)) {
      detail = "outside the items' common span";
    } else if (zone == null) {
      double separation = geometry.separation();
      GeodesicReference.Extremum min =
          GeodesicReference.minimumDistance(geometry.a(), geometry.b(), lo, hi);
      GeodesicReference.Extremum max =
          GeodesicReference.maximumDistance(geometry.a(), geometry.b(), lo, hi);
      if (extra && max.value() <= separation + DISTANCE_TOLERANCE_METERS) {
        return;
      }
      if (!extra && min.value() >= separation - DISTANCE_TOLERANCE_METERS) {
        return;
      }
      detail =
          String.format(
              "exact distance over it from %.3f m (at %s) to %.3f m (at %s), separation %.3f m",
              min.value(),
              GeodesicReference.instant(min.time()),
              max.value(),
              GeodesicReference.instant(max.time()),
              separation);
    } else {
      double worst = 0;
      for (int i = 0; i <= ZONE_SAMPLES; i++) {
        double t = lo + (hi - lo) * i / ZONE_SAMPLES;
        GeoPoint at = geometry.a().at(t);
        worst =
            Math.max(
                worst,
                zone.isArea()
                    ? boundaryDistanceMeters(zone.polygon(), at)
                    : LineReference.boundaryDistance(zone.geometry(), at));
      }
      if (worst <= DISTANCE_TOLERANCE_METERS) {
        return;
      }
      detail = String.format("the movement is up to %.3f m from the zone boundary", worst);
    }
    problems.add(
        String.format(
            "%s: %s from %s to %s (%.3f s); %s; expected %s; got %s",
            key,
            extra ? "unexpected conflict" : "missing conflict",
            GeodesicReference.instant(u),
            GeodesicReference.instant(v),
            v - u,
            detail,
            summary(expected),
            summary(actual)));
  }

  private static boolean isWholeMillis(Instant t) {
    return Instant.ofEpochMilli(t.toEpochMilli()).equals(t);
  }

  private static String summary(List<Conflict> conflicts) {
    List<String> out = new ArrayList<>();
    for (Conflict c : conflicts) {
      String closest =
          c.closest()
              .map(
                  k ->
                      String.format(
                          " closest %.3f m at %s (a %s, b %s)",
                          k.distanceMeters(), k.time(), k.a(), k.b()))
              .orElse("");
      out.add("(" + c.start() + ", " + c.end() + closest + ")");
    }
    return out.toString();
  }

  private static List<double[]> intervals(List<Conflict> conflicts) {
    List<double[]> out = new ArrayList<>();
    for (Conflict c : conflicts) {
      out.add(
          new double[] {GeodesicReference.seconds(c.start()), GeodesicReference.seconds(c.end())});
    }
    return out;
  }

  private static boolean contains(List<double[]> intervals, double t) {
    for (double[] x : intervals) {
      if (x[0] < t && t < x[1]) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- geometry of a pair

  /**
   * What the exact answer for one pair needs: the movement {@code a}, and the other side as a
   * trajectory {@code b} with a separation, or as a {@code zone}; and the window both exist in.
   */
  private record Geometry(
      Trajectory a, Trajectory b, double separation, @Nullable Zone zone, double lo, double hi) {}

  private @Nullable Geometry geometry(Conflict c) {
    Item a = items.get(c.a());
    Item b = items.get(c.b());
    if (a == null || b == null) {
      problems.add("conflict names an unknown item: " + c);
      return null;
    }
    if (a instanceof Movement m && b instanceof Movement n) {
      if (c.kind() != ConflictKind.MOVEMENT_MOVEMENT || c.a().compareTo(c.b()) >= 0) {
        problems.add("want kind movement-movement and a < b: " + c);
      }
      Path pm = Path.of(m);
      Path pn = Path.of(n);
      double lo = Math.max(pm.start(), pn.start());
      double hi = Math.min(pm.end(), pn.end());
      if (!(lo < hi)) {
        problems.add("conflict between items that never coexist: " + c);
        return null;
      }
      return new Geometry(
          pm, pn, Math.max(m.separationMeters(), n.separationMeters()), null, lo, hi);
    }
    if (a instanceof Movement m && b instanceof Site s) {
      if (c.kind() != ConflictKind.MOVEMENT_SITE) {
        problems.add("want kind movement-site: " + c);
      }
      double[] window = GeodesicReference.window(m, s.validity());
      if (window.length == 0) {
        problems.add("conflict between items that never coexist: " + c);
        return null;
      }
      return new Geometry(
          Path.of(m),
          new GeodesicReference.Fixed(s.center()),
          s.radiusMeters(),
          null,
          window[0],
          window[1]);
    }
    if (a instanceof Movement m && b instanceof Zone z) {
      if (c.kind() != ConflictKind.MOVEMENT_ZONE) {
        problems.add("want kind movement-zone: " + c);
      }
      double[] window = GeodesicReference.window(m, z.validity());
      if (window.length == 0) {
        problems.add("conflict between items that never coexist: " + c);
        return null;
      }
      Path path = Path.of(m);
      return new Geometry(path, path, 0, z, window[0], window[1]);
    }
    problems.add("no conflict possible between these kinds (or a is not the movement): " + c);
    return null;
  }

  /**
   * The distance in metres from {@code p} to the polygon's boundary (edges straight in lon/lat), in
   * the local linear metric at {@code p}: accurate to well under a millimetre for the metre-scale
   * distances it is used to judge.
   */
  static double boundaryDistanceMeters(Polygon polygon, GeoPoint p) {
    double a = 6_378_137.0;
    double f = 1 / 298.257223563;
    double e2 = f * (2 - f);
    double phi = Math.toRadians(p.lat());
    double w = 1 - e2 * Math.sin(phi) * Math.sin(phi);
    double metersPerDegreeLat = a * (1 - e2) / Math.pow(w, 1.5) * Math.PI / 180;
    double metersPerDegreeLon = a / Math.sqrt(w) * Math.cos(phi) * Math.PI / 180;
    double best = Double.POSITIVE_INFINITY;
    List<LineString> rings = new ArrayList<>();
    rings.add(polygon.getExteriorRing());
    for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
      rings.add(polygon.getInteriorRingN(i));
    }
    for (LineString ring : rings) {
      Coordinate[] cs = ring.getCoordinates();
      for (int i = 0; i + 1 < cs.length; i++) {
        double x1 = (cs[i].x - p.lon()) * metersPerDegreeLon;
        double y1 = (cs[i].y - p.lat()) * metersPerDegreeLat;
        double x2 = (cs[i + 1].x - p.lon()) * metersPerDegreeLon;
        double y2 = (cs[i + 1].y - p.lat()) * metersPerDegreeLat;
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len2 = dx * dx + dy * dy;
        double s = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / len2));
        best = Math.min(best, Math.hypot(x1 + s * dx, y1 + s * dy));
      }
    }
    return best;
  }
}
