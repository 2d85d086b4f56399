package io.deconflict.engine.reference;

import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.item.ZoneGeometry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * The conflicts between items, computed slowly and plainly from the contract with GeographicLib.
 *
 * <p>Positions come from {@link Path} (GeographicLib {@code InverseLine} per waypoint segment, arc
 * length linear in time) and every distance from GeographicLib {@code Inverse}. Nothing is
 * approximated except where stated:
 *
 * <ul>
 *   <li>Movement against movement or site: on each sub-interval between consecutive waypoint times
 *       of either side, {@code f(t) = distance(t) - separation} is Lipschitz with constant {@code
 *       speedA + speedB} (geodesic distance is 1-Lipschitz in each end point). Branch and bound
 *       proves an interval free of loss ({@code min f >= -1 mm}, the contract's tangent tolerance)
 *       or wholly in loss ({@code max f < 0}), else splits it, down to 1 ms leaves whose crossings
 *       are bisected to 10 µs. The minimum distance of each interval is found by sampling each
 *       sub-interval and refining the best sample by golden-section search.
 *   <li>Movement against zone: point-in-polygon (JTS, lon/lat) at steps of at most 5 m of travel
 *       and 1 s near the zone, with rigorous skips while the movement is provably far from it;
 *       transitions bisected to 10 µs. A visit shorter than one step can be missed (under 1 s).
 *   <li>Movement against line zone: the same steps, membership from {@link LineReference}.
 *   <li>Vertical bands (D37): a band is constant over a leg, so the times where two movements'
 *       bands are closer than the larger vertical separation (a movement's and a site's or zone's
 *       band overlap) are whole leg overlaps, found leg pair by leg pair from the waypoint times;
 *       the horizontal search runs only within them, and what it finds in touching windows is
 *       joined.
 * </ul>
 *
 * <p>Cost: tens of GeographicLib calls per pair and sub-interval, more near crossings; fine for
 * tens of items, far too slow for production.
 */
public final class GeodesicReference {

  /** Approaches within this of the separation count as equal to it, hence as no conflict. */
  public static final double TANGENT_METERS = 1e-3;

  private static final double LEAF_SECONDS = 1e-3;
  private static final double ROOT_SECONDS = 1e-5;
  private static final double GOLDEN_SECONDS = 1e-4;
  private static final int SAMPLES_PER_PIECE = 12;
  private static final double ZONE_STEP_METERS = 5;
  private static final double ZONE_MAX_STEP_SECONDS = 1;
  private static final long MAX_EVALUATIONS = 20_000_000;

  private GeodesicReference() {}

  /** Every conflict between the items, in {@link Conflict#ORDER}. */
  public static List<Conflict> conflicts(Collection<? extends Item> items) {
    List<Item> list = new ArrayList<>(items);
    List<Conflict> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        out.addAll(between(list.get(i), list.get(j)));
      }
    }
    out.sort(Conflict.ORDER);
    return out;
  }

  /**
   * The conflicts {@code candidate} has with {@code others}, ignoring any of them with its id, in
   * {@link Conflict#ORDER}.
   */
  public static List<Conflict> conflicts(Item candidate, Collection<? extends Item> others) {
    List<Conflict> out = new ArrayList<>();
    for (Item other : others) {
      if (!other.id().equals(candidate.id())) {
        out.addAll(between(candidate, other));
      }
    }
    out.sort(Conflict.ORDER);
    return out;
  }

  /** The conflicts between two items, in time order. */
  public static List<Conflict> between(Item x, Item y) {
    if (x.party().equals(y.party()) || x.id().equals(y.id())) {
      return List.of();
    }
    if (x instanceof Movement m && y instanceof Movement n) {
      return movements(m, n);
    }
    if (x instanceof Movement m && y instanceof Site s) {
      return site(m, s);
    }
    if (x instanceof Site s && y instanceof Movement m) {
      return site(m, s);
    }
    if (x instanceof Movement m && y instanceof Zone z) {
      return zone(m, z);
    }
    if (x instanceof Zone z && y instanceof Movement m) {
      return zone(m, z);
    }
    return List.of();
  }

  // ---------------------------------------------------------------- pairs

  private static List<Conflict> movements(Movement m, Movement n) {
    boolean mFirst = m.id().compareTo(n.id()) < 0;
    Movement a = mFirst ? m : n;
    Movement b = mFirst ? n : m;
    Path pa = Path.of(a);
    Path pb = Path.of(b);
    double separation = Math.max(a.separationMeters(), b.separationMeters());
    double lo = Math.max(pa.start(), pb.start());
    double hi = Math.min(pa.end(), pb.end());
    List<Conflict> out = new ArrayList<>();
    if (!(lo < hi)) {
      return out;
    }
    List<double[]> losses = new ArrayList<>();
    for (double[] w : apart(a, b, verticalWindows(a, b, lo, hi))) {
      for (double[] interval : lossIntervals(pa, pb, separation, w[0], w[1])) {
        emit(losses, interval[0], interval[1]);
      }
    }
    for (double[] interval : losses) {
      Extremum min = minimumDistance(pa, pb, interval[0], interval[1]);
      if (min.value() >= separation - TANGENT_METERS) {
        continue;
      }
      ClosestApproach closest =
          new ClosestApproach(
              instant(min.time()), min.value(), pa.at(min.time()), pb.at(min.time()));
      conflict(ConflictKind.MOVEMENT_MOVEMENT, a, b, interval[0], interval[1], Optional.of(closest))
          .ifPresent(out::add);
    }
    return out;
  }

  private static List<Conflict> site(Movement m, Site s) {
    Path path = Path.of(m);
    Fixed centre = new Fixed(s.center());
    double[] window = window(m, s.validity());
    List<Conflict> out = new ArrayList<>();
    if (window.length == 0) {
      return out;
    }
    List<double[]> losses = new ArrayList<>();
    for (double[] w : apart(m, s, verticalWindows(m, s.band(), window[0], window[1]))) {
      for (double[] interval : lossIntervals(path, centre, s.radiusMeters(), w[0], w[1])) {
        emit(losses, interval[0], interval[1]);
      }
    }
    for (double[] interval : losses) {
      Extremum min = minimumDistance(path, centre, interval[0], interval[1]);
      if (min.value() >= s.radiusMeters() - TANGENT_METERS) {
        continue;
      }
      ClosestApproach closest =
          new ClosestApproach(instant(min.time()), min.value(), path.at(min.time()), s.center());
      conflict(ConflictKind.MOVEMENT_SITE, m, s, interval[0], interval[1], Optional.of(closest))
          .ifPresent(out::add);
    }
    return out;
  }

  private static List<Conflict> zone(Movement m, Zone z) {
    Path path = Path.of(m);
    double[] window = window(m, z.validity());
    List<Conflict> out = new ArrayList<>();
    if (window.length == 0) {
      return out;
    }
    List<double[]> inside = new ArrayList<>();
    for (double[] w : apart(m, z, verticalWindows(m, z.band(), window[0], window[1]))) {
      for (double[] interval :
          z.isArea()
              ? insideIntervals(path, z.polygon(), w[0], w[1])
              : lineIntervals(path, z.geometry(), w[0], w[1])) {
        emit(inside, interval[0], interval[1]);
      }
    }
    for (double[] interval : inside) {
      conflict(ConflictKind.MOVEMENT_ZONE, m, z, interval[0], interval[1], Optional.empty())
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * The maximal windows within {@code [lo, hi]}, seconds, in which the legs of {@code a} and {@code
   * b} in progress have bands closer than the larger vertical separation: {@code [lo, hi]} itself
   * when either is on the ground.
   */
  static List<double[]> verticalWindows(Movement a, Movement b, double lo, double hi) {
    if (!a.isAirborne() || !b.isAirborne()) {
      return List.of(new double[] {lo, hi});
    }
    double v = Math.max(a.verticalSeparationMeters(), b.verticalSeparationMeters());
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < a.waypoints().size(); i++) {
      for (int j = 0; j + 1 < b.waypoints().size(); j++) {
        double from =
            Math.max(
                Math.max(
                    seconds(a.waypoints().get(i).time()), seconds(b.waypoints().get(j).time())),
                lo);
        double until =
            Math.min(
                Math.min(
                    seconds(a.waypoints().get(i + 1).time()),
                    seconds(b.waypoints().get(j + 1).time())),
                hi);
        if (until > from && a.band(i).gap(b.band(j)) < v) {
          out.add(new double[] {from, until});
        }
      }
    }
    return joined(out);
  }

  /**
   * The maximal windows within {@code [lo, hi]} in which the band of the leg of {@code m} in
   * progress overlaps {@code band}.
   */
  static List<double[]> verticalWindows(Movement m, Band band, double lo, double hi) {
    if (!m.isAirborne() || band.isGround()) {
      return List.of(new double[] {lo, hi});
    }
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < m.waypoints().size(); i++) {
      double from = Math.max(seconds(m.waypoints().get(i).time()), lo);
      double until = Math.min(seconds(m.waypoints().get(i + 1).time()), hi);
      if (until > from && m.band(i).gap(band) < 0) {
        out.add(new double[] {from, until});
      }
    }
    return joined(out);
  }

  /**
   * The parts of {@code windows} in which {@code x} and {@code y} have no party in common (D39): a
   * party is part of an item always if it is the item's party, from the time of its meeting
   * waypoint to that of its parting waypoint if it is a joint movement's participant.
   */
  static List<double[]> apart(Item x, Item y, List<double[]> windows) {
    List<double[]> out = new ArrayList<>(windows);
    for (String p : parties(x)) {
      double[] px = presence(x, p);
      double[] py = presence(y, p);
      if (px.length == 0 || py.length == 0) {
        continue;
      }
      double from = Math.max(px[0], py[0]);
      double until = Math.min(px[1], py[1]);
      List<double[]> next = new ArrayList<>();
      for (double[] w : out) {
        if (until <= w[0] || from >= w[1] || until <= from) {
          next.add(w);
          continue;
        }
        if (from > w[0]) {
          next.add(new double[] {w[0], from});
        }
        if (until < w[1]) {
          next.add(new double[] {until, w[1]});
        }
      }
      out = next;
    }
    return out;
  }

  private static List<String> parties(Item item) {
    List<String> out = new ArrayList<>(List.of(item.party()));
    if (item instanceof Movement m) {
      m.participants().forEach(p -> out.add(p.party()));
    }
    return out;
  }

  /** When party {@code p} is part of {@code item}, {@code {from, until}} seconds, or empty. */
  private static double[] presence(Item item, String p) {
    if (item.party().equals(p)) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    if (item instanceof Movement m) {
      for (Participant q : m.participants()) {
        if (q.party().equals(p)) {
          return new double[] {
            seconds(m.waypoints().get(q.joinAt()).time()),
            seconds(m.waypoints().get(q.leaveAt()).time())
          };
        }
      }
    }
    return new double[0];
  }

  private static List<double[]> joined(List<double[]> windows) {
    windows.sort((x, y) -> Double.compare(x[0], y[0]));
    List<double[]> out = new ArrayList<>();
    for (double[] w : windows) {
      emit(out, w[0], w[1]);
    }
    return out;
  }

  /**
   * The time window, in seconds, in which a movement and an item with this validity both exist:
   * {@code {lo, hi}}, or an empty array if they never coexist.
   */
  static double[] window(Movement m, Validity validity) {
    double lo = validity.from().isAfter(m.start()) ? seconds(validity.from()) : seconds(m.start());
    double hi = validity.until().isBefore(m.end()) ? seconds(validity.until()) : seconds(m.end());
    return lo < hi ? new double[] {lo, hi} : new double[0];
  }

  private static Optional<Conflict> conflict(
      ConflictKind kind,
      Item a,
      Item b,
      double start,
      double end,
      Optional<ClosestApproach> closest) {
    Instant s = instant(start);
    Instant e = instant(end);
    if (!s.isBefore(e)) {
      return Optional.empty();
    }
    return Optional.of(new Conflict(kind, a.id(), b.id(), a.party(), b.party(), s, e, closest));
  }

  // ---------------------------------------------------------------- loss of separation

  /**
   * The maximal intervals within {@code [lo, hi]} in which {@code distance(a(t), b(t)) <
   * separation}, as {@code {start, end}} in seconds; stretches where the distance stays within 1 mm
   * below the separation may be left out.
   */
  static List<double[]> lossIntervals(
      Trajectory a, Trajectory b, double separation, double lo, double hi) {
    LossSearch search = new LossSearch(a, b, separation);
    double[] cuts = cuts(a, b, lo, hi);
    for (int k = 0; k + 1 < cuts.length; k++) {
      search.run(cuts[k], cuts[k + 1]);
    }
    return search.out;
  }

  private static final class LossSearch {
    private final Trajectory a;
    private final Trajectory b;
    private final double separation;
    private final List<double[]> out = new ArrayList<>();
    private double lipschitz;
    private long evaluations;

    LossSearch(Trajectory a, Trajectory b, double separation) {
      this.a = a;
      this.b = b;
      this.separation = separation;
    }

    double f(double t) {
      if (++evaluations > MAX_EVALUATIONS) {
        throw new IllegalStateException("reference gave up: too many evaluations near t=" + t);
      }
      return distance(a.at(t), b.at(t)) - separation;
    }

    void run(double t0, double t1) {
      lipschitz = a.speedBound(t0, t1) + b.speedBound(t0, t1);
      explore(t0, f(t0), t1, f(t1));
    }

    void explore(double t0, double f0, double t1, double f1) {
      double mean = 0.5 * (f0 + f1);
      double swing = 0.5 * lipschitz * (t1 - t0);
      if (mean - swing >= -TANGENT_METERS) {
        return; // f >= -1 mm throughout: no loss
      }
      if (mean + swing < 0) {
        emit(t0, t1); // f < 0 throughout
        return;
      }
      if (t1 - t0 <= LEAF_SECONDS) {
        if (f0 < 0 && f1 < 0) {
          emit(t0, t1);
        } else if (f0 < 0) {
          emit(t0, root(t0, t1, true));
        } else if (f1 < 0) {
          emit(root(t0, t1, false), t1);
        }
        return;
      }
      double tm = 0.5 * (t0 + t1);
      double fm = f(tm);
      explore(t0, f0, tm, fm);
      explore(tm, fm, t1, f1);
    }

    /** Bisects for the sign change of f in [t0, t1]; {@code negativeAtStart} tells which side. */
    double root(double t0, double t1, boolean negativeAtStart) {
      double lo = t0;
      double hi = t1;
      while (hi - lo > ROOT_SECONDS) {
        double mid = 0.5 * (lo + hi);
        if ((f(mid) < 0) == negativeAtStart) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return 0.5 * (lo + hi);
    }

    void emit(double t0, double t1) {
      GeodesicReference.emit(out, t0, t1);
    }
  }

  private static void emit(List<double[]> out, double t0, double t1) {
    if (!out.isEmpty() && out.get(out.size() - 1)[1] >= t0) {
      out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], t1);
    } else {
      out.add(new double[] {t0, t1});
    }
  }

  /** {@code lo}, {@code hi} and every breakpoint of either trajectory between them, ascending. */
  private static double[] cuts(Trajectory a, Trajectory b, double lo, double hi) {
    double[] ta = a.breakpoints();
    double[] tb = b.breakpoints();
    double[] all = new double[ta.length + tb.length + 2];
    int n = 0;
    all[n++] = lo;
    all[n++] = hi;
    for (double t : ta) {
      if (t > lo && t < hi) {
        all[n++] = t;
      }
    }
    for (double t : tb) {
      if (t > lo && t < hi) {
        all[n++] = t;
      }
    }
    double[] sorted = Arrays.copyOf(all, n);
    Arrays.sort(sorted);
    return Arrays.stream(sorted).distinct().toArray();
  }

  // ---------------------------------------------------------------- extrema

  /** A time and the distance then. */
  public record Extremum(double time, double value) {}

  /** The least distance between the two trajectories over {@code [t0, t1]}, and when. */
  static Extremum minimumDistance(Trajectory a, Trajectory b, double t0, double t1) {
    return extremum(a, b, t0, t1, 1);
  }

  /** The greatest distance between the two trajectories over {@code [t0, t1]}, and when. */
  static Extremum maximumDistance(Trajectory a, Trajectory b, double t0, double t1) {
    return extremum(a, b, t0, t1, -1);
  }

  /**
   * Minimises {@code sign * distance} over {@code [t0, t1]}: on each sub-interval between
   * breakpoints (where the distance is smooth and, at the scales used here, unimodal) it samples,
   * then refines the best sample by golden-section search.
   */
  private static Extremum extremum(Trajectory a, Trajectory b, double t0, double t1, double sign) {
    double[] cuts = cuts(a, b, t0, t1);
    double bestT = t0;
    double bestV = sign * distance(a.at(t0), b.at(t0));
    for (int k = 0; k + 1 < cuts.length; k++) {
      double lo = cuts[k];
      double hi = cuts[k + 1];
      double h = (hi - lo) / SAMPLES_PER_PIECE;
      double sampleT = lo;
      double sampleV = Double.POSITIVE_INFINITY;
      for (int i = 0; i <= SAMPLES_PER_PIECE; i++) {
        double t = i == SAMPLES_PER_PIECE ? hi : lo + i * h;
        double v = sign * distance(a.at(t), b.at(t));
        if (v < sampleV) {
          sampleV = v;
          sampleT = t;
        }
      }
      if (sampleV < bestV) {
        bestV = sampleV;
        bestT = sampleT;
      }
      double x0 = Math.max(lo, sampleT - h);
      double x3 = Math.min(hi, sampleT + h);
      double g = (Math.sqrt(5) - 1) / 2;
      double x1 = x3 - g * (x3 - x0);
      double x2 = x0 + g * (x3 - x0);
      double f1 = sign * distance(a.at(x1), b.at(x1));
      double f2 = sign * distance(a.at(x2), b.at(x2));
      while (x3 - x0 > GOLDEN_SECONDS) {
        if (f1 <= f2) {
          x3 = x2;
          x2 = x1;
          f2 = f1;
          x1 = x3 - g * (x3 - x0);
          f1 = sign * distance(a.at(x1), b.at(x1));
        } else {
          x0 = x1;
          x1 = x2;
          f1 = f2;
          x2 = x0 + g * (x3 - x0);
          f2 = sign * distance(a.at(x2), b.at(x2));
        }
      }
      if (f1 < bestV) {
        bestV = f1;
        bestT = x1;
      }
      if (f2 < bestV) {
        bestV = f2;
        bestT = x2;
      }
    }
    return new Extremum(bestT, sign * bestV);
  }

  // ---------------------------------------------------------------- zones

  /**
   * The maximal intervals within {@code [lo, hi]} in which the path is in the polygon's interior
   * (lon/lat, edges straight in lon/lat), as {@code {start, end}} in seconds.
   */
  static List<double[]> insideIntervals(Path path, Polygon polygon, double lo, double hi) {
    IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(polygon);
    Envelope envelope = polygon.getEnvelopeInternal();
    GeoPoint centre = GeoPoint.of(envelope.centre().x, envelope.centre().y);
    double radius = 0;
    for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
      radius = Math.max(radius, distance(centre, GeoPoint.of(c.x, c.y)));
    }
    // Edges straight in lon/lat bulge off geodesics by metres at most at these sizes; be generous.
    double bound = 1.1 * radius + 1000;
    List<double[]> out = new ArrayList<>();
    double[] cuts = cuts(path, new Fixed(centre), lo, hi);
    for (int k = 0; k + 1 < cuts.length; k++) {
      double t0 = cuts[k];
      double t1 = cuts[k + 1];
      double speed = path.speedBound(t0, t1);
      if (speed == 0) {
        if (inside(locator, path.at(0.5 * (t0 + t1)))) {
          emit(out, t0, t1);
        }
        continue;
      }
      double step = Math.min(ZONE_MAX_STEP_SECONDS, ZONE_STEP_METERS / speed);
      double t = t0;
      boolean in = inside(locator, path.at(t));
      double opened = t0;
      while (t < t1) {
        double d = distance(path.at(t), centre);
        double advance = d > bound ? Math.max(step, (d - bound) / speed) : step;
        double next = Math.min(t1, t + advance);
        boolean nextIn = inside(locator, path.at(next));
        if (nextIn != in) {
          double lo2 = t;
          double hi2 = next;
          while (hi2 - lo2 > ROOT_SECONDS) {
            double mid = 0.5 * (lo2 + hi2);
            if (inside(locator, path.at(mid)) == in) {
              lo2 = mid;
            } else {
              hi2 = mid;
            }
          }
          double x = 0.5 * (lo2 + hi2);
          if (nextIn) {
            opened = x;
          } else {
            emit(out, opened, x);
          }
          in = nextIn;
        }
        t = next;
      }
      if (in) {
        emit(out, opened, t1);
      }
    }
    return out;
  }

  /**
   * The maximal intervals within {@code [lo, hi]} in which the path is in a line zone's region
   * ({@link LineReference#inside}), as {@code {start, end}} in seconds: steps of at most 5 m of
   * travel and 1 s, skipping while the path is farther from the line than the buffer or depth (the
   * distance to the line is 1-Lipschitz); transitions bisected to 10 µs.
   */
  static List<double[]> lineIntervals(Path path, ZoneGeometry geometry, double lo, double hi) {
    List<GeoPoint> line;
    double reach;
    if (geometry instanceof ZoneGeometry.Buffer b) {
      line = b.line();
      reach = b.bufferMeters();
    } else {
      ZoneGeometry.Side side = (ZoneGeometry.Side) geometry;
      line = side.line();
      reach = side.depthMeters();
    }
    List<double[]> out = new ArrayList<>();
    double[] cuts = cuts(path, new Fixed(line.get(0)), lo, hi);
    for (int k = 0; k + 1 < cuts.length; k++) {
      double t0 = cuts[k];
      double t1 = cuts[k + 1];
      double speed = path.speedBound(t0, t1);
      if (speed == 0) {
        if (LineReference.inside(geometry, path.at(0.5 * (t0 + t1)))) {
          emit(out, t0, t1);
        }
        continue;
      }
      double step = Math.min(ZONE_MAX_STEP_SECONDS, ZONE_STEP_METERS / speed);
      double t = t0;
      boolean in = LineReference.inside(geometry, path.at(t));
      double opened = t0;
      while (t < t1) {
        double d = LineReference.distance(line, path.at(t));
        double advance = d > reach ? Math.max(step, (d - reach) / speed) : step;
        double next = Math.min(t1, t + advance);
        boolean nextIn = LineReference.inside(geometry, path.at(next));
        if (nextIn != in) {
          double lo2 = t;
          double hi2 = next;
          while (hi2 - lo2 > ROOT_SECONDS) {
            double mid = 0.5 * (lo2 + hi2);
            if (LineReference.inside(geometry, path.at(mid)) == in) {
              lo2 = mid;
            } else {
              hi2 = mid;
            }
          }
          double x = 0.5 * (lo2 + hi2);
          if (nextIn) {
            opened = x;
          } else {
            emit(out, opened, x);
          }
          in = nextIn;
        }
        t = next;
      }
      if (in) {
        emit(out, opened, t1);
      }
    }
    return out;
  }

  private static boolean inside(IndexedPointInAreaLocator locator, GeoPoint p) {
    return locator.locate(new Coordinate(p.lon(), p.lat())) == Location.INTERIOR;
  }

  // ---------------------------------------------------------------- basics

  /** The WGS84 geodesic distance in metres (GeographicLib {@code Inverse}). */
  public static double distance(GeoPoint p, GeoPoint q) {
    return Geodesic.WGS84.Inverse(p.lat(), p.lon(), q.lat(), q.lon(), GeodesicMask.DISTANCE).s12;
  }

  /** Seconds since the epoch. */
  public static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() * 1e-9;
  }

  /** The instant nearest to {@code seconds} since the epoch, rounded to the millisecond. */
  public static Instant instant(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000));
  }

  /** A point that does not move. */
  record Fixed(GeoPoint point) implements Trajectory {
    @Override
    public GeoPoint at(double t) {
      return point;
    }

    @Override
    public double speedBound(double t0, double t1) {
      return 0;
    }

    @Override
    public double[] breakpoints() {
      return new double[0];
    }
  }
}
