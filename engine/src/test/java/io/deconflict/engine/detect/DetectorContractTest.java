package io.deconflict.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictDelta;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.item.ZoneGeometry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The detection contract, run against every {@link Detector} (as JTS's {@code BaseDistanceTest}
 * runs against brute force and indexed distance).
 *
 * <p>Expected values are worked out independently of the engine: by hand on the local plane
 * (flat-earth errors are far below the tolerances at these sizes: under a millimetre over a few
 * hundred metres), with the geometry built by GeographicLib {@code Direct} so that the hand
 * reasoning is exact (movements along meridians and the equator, which are geodesics; points at
 * right angles to them). Tolerances are the contract's: 1 s in time, 1 m in distance and position.
 */
public abstract class DetectorContractTest {

  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final double SECONDS = 1.0;
  private static final double METERS = 1.0;
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  /** A fresh, empty detector. */
  protected abstract Detector newDetector();

  // ---------------------------------------------------------------- movement against movement

  @Test
  void perpendicularCrossing() {
    // Both at 10 m/s, one north along a meridian, one along the east-west geodesic through P;
    // both at P at t = 500 s. Relative speed 10√2, separation 500 (the larger of 500 and 200):
    // loss while 10√2·|t − 500| < 500, i.e. for 500/(10√2) = 35.355 s either side.
    GeoPoint p = GeoPoint.of(10, 45);
    Movement north = through("a", "red", 500, p, 0, 10, 500);
    Movement east = through("b", "blue", 200, p, 90, 10, 500);

    Conflict c = single(newDetectorWith(north, east));

    assertIdentity(c, ConflictKind.MOVEMENT_MOVEMENT, "a", "b", "red", "blue");
    double half = 500 / (10 * Math.sqrt(2));
    assertTime(c.start(), 500 - half, "start");
    assertTime(c.end(), 500 + half, "end");
    ClosestApproach closest = closest(c);
    assertTime(closest.time(), 500, "closest time");
    assertThat(closest.distanceMeters()).as("closest distance").isCloseTo(0, within(METERS));
    assertNear(closest.a(), p, "closest a");
    assertNear(closest.b(), p, "closest b");
  }

  @Test
  void headOnOnOneRoad() {
    // South to north and north to south on one meridian, 10 m/s each, meeting at P at t = 500.
    // Closing speed 20 m/s, separation 300: loss for 15 s either side.
    GeoPoint p = GeoPoint.of(-70, -30);
    GeoPoint south = direct(p, 180, 5000);
    GeoPoint north = direct(p, 0, 5000);
    Movement up = movement("up", "red", 300, wp(south, 0), wp(north, 1000));
    Movement down = movement("down", "blue", 100, wp(north, 0), wp(south, 1000));

    Conflict c = single(newDetectorWith(up, down));

    assertIdentity(c, ConflictKind.MOVEMENT_MOVEMENT, "down", "up", "blue", "red");
    assertTime(c.start(), 485, "start");
    assertTime(c.end(), 515, "end");
    assertTime(closest(c).time(), 500, "closest time");
    assertThat(closest(c).distanceMeters()).isCloseTo(0, within(METERS));
    assertNear(closest(c).a(), p, "closest a (down)");
    assertNear(closest(c).b(), p, "closest b (up)");
  }

  @Test
  void overtakingOnOneRoad() {
    // Along a meridian (distance between two of its points is the difference of arc lengths):
    // the slow one at 10 m/s from P, the fast one at 20 m/s from 2 km behind. The gap
    // 2000 − 10 t is below 500 for 150 < t < 250, zero at t = 200, 2 km north of P.
    GeoPoint p = GeoPoint.of(30, 60);
    Movement slow = movement("slow", "red", 500, wp(p, 0), wp(direct(p, 0, 5000), 500));
    Movement fast =
        movement("fast", "blue", 50, wp(direct(p, 180, 2000), 0), wp(direct(p, 0, 5000), 350));

    Conflict c = single(newDetectorWith(slow, fast));

    assertIdentity(c, ConflictKind.MOVEMENT_MOVEMENT, "fast", "slow", "blue", "red");
    assertTime(c.start(), 150, "start");
    assertTime(c.end(), 250, "end");
    assertTime(closest(c).time(), 200, "closest time");
    assertThat(closest(c).distanceMeters()).isCloseTo(0, within(METERS));
    assertNear(closest(c).a(), direct(p, 0, 2000), "closest a");
    assertNear(closest(c).b(), direct(p, 0, 2000), "closest b");
  }

  @Test
  void sameRoadAtDifferentTimesDoesNotConflict() {
    GeoPoint p = GeoPoint.of(5, 50);
    GeoPoint south = direct(p, 180, 5000);
    GeoPoint north = direct(p, 0, 5000);
    Movement first = movement("first", "red", 1000, wp(south, 0), wp(north, 1000));
    Movement later = movement("later", "blue", 1000, wp(south, 2000), wp(north, 3000));
    // Starts where "first" ended, after it ended: "first" no longer exists there.
    Movement back = movement("back", "green", 1000, wp(north, 1500), wp(south, 2500));

    assertThat(newDetectorWith(first, later, back).conflicts())
        .filteredOn(c -> c.involves("first"))
        .isEmpty();
  }

  @Test
  void movementsDoNotExistOutsideTheirTimeSpan() {
    // "pass" goes north through P at 10 m/s, at P at t = 500; within 200 m of P for 480 < t < 520.
    GeoPoint p = GeoPoint.of(100, 10);
    Movement pass = through("pass", "red", 200, p, 0, 10, 500);
    Movement before = movement("before", "blue", 10, wp(p, 0), wp(p, 400));
    Movement after = movement("after", "blue", 10, wp(p, 600), wp(p, 900));
    Movement startsInside = movement("startsin", "blue", 10, wp(p, 505), wp(p, 900));
    Movement endsInside = movement("endsin", "blue", 10, wp(p, 300), wp(p, 490));

    List<Conflict> conflicts =
        newDetectorWith(pass, before, after, startsInside, endsInside).conflicts();

    assertThat(conflicts).extracting(Conflict::a).containsExactly("endsin", "pass");
    Conflict ends = conflicts.get(0);
    assertTime(ends.start(), 480, "endsin start");
    assertTime(ends.end(), 490, "endsin end (its last waypoint)");
    Conflict starts = conflicts.get(1);
    assertThat(starts.b()).isEqualTo("startsin");
    assertTime(starts.start(), 505, "startsin start (its first waypoint)");
    assertTime(starts.end(), 520, "startsin end");
    assertThat(closest(starts).distanceMeters())
        .as("50 m past P at t = 505")
        .isCloseTo(50, within(METERS));
    assertTime(closest(starts).time(), 505, "closest at the clipped start");
  }

  @Test
  void haltedMovementAndPassingOne() {
    GeoPoint p = GeoPoint.of(-3, 40);
    Movement halted = movement("halted", "red", 200, wp(p, 0), wp(p, 1000));
    Movement pass = through("pass", "blue", 100, p, 0, 10, 500);

    Conflict c = single(newDetectorWith(halted, pass));

    assertIdentity(c, ConflictKind.MOVEMENT_MOVEMENT, "halted", "pass", "red", "blue");
    assertTime(c.start(), 480, "start");
    assertTime(c.end(), 520, "end");
    assertTime(closest(c).time(), 500, "closest time");
    assertNear(closest(c).a(), p, "closest a (halted)");
    assertNear(closest(c).b(), p, "closest b");
  }

  @Test
  void haltInsideAnotherSeparationIsOneInterval() {
    // "a" goes north at 10 m/s, halts at X for 300 s, goes on; "b" stays at Q, 100 m east of X.
    // Separation 300: loss while the along-track offset y has y² + 100² < 300², |y| < 282.84 m,
    // i.e. 28.284 s before the halt, all through the halt, 28.284 s after: one interval across
    // the waypoint times. Closest 100 m, any time during the halt.
    GeoPoint x = GeoPoint.of(20, -45);
    GeoPoint q = direct(x, 90, 100);
    Movement a =
        movement(
            "a",
            "red",
            300,
            wp(direct(x, 180, 3000), 0),
            wp(x, 300),
            wp(x, 600),
            wp(direct(x, 0, 3000), 900));
    Movement b = movement("b", "blue", 50, wp(q, 0), wp(q, 1000));

    Conflict c = single(newDetectorWith(a, b));

    double lead = Math.sqrt(300 * 300 - 100 * 100) / 10;
    assertTime(c.start(), 300 - lead, "start");
    assertTime(c.end(), 600 + lead, "end");
    ClosestApproach closest = closest(c);
    assertThat(closest.distanceMeters()).isCloseTo(100, within(METERS));
    assertThat(seconds(closest.time())).as("closest during the halt").isBetween(299.0, 601.0);
    assertNear(closest.a(), x, "closest a");
    assertNear(closest.b(), q, "closest b");
  }

  @ParameterizedTest(name = "offset {0} m")
  @ValueSource(doubles = {0, 0.0005, -0.0005, 1.5})
  void passAtTheSeparationIsNoConflict(double offset) {
    // "pass" goes north along a meridian through C; "halt" stays at H, the point 500 + offset m
    // east of C along the geodesic perpendicular to the meridian, so the least distance of the
    // pass is exactly 500 + offset. Within 1 mm of the separation counts as equal to it.
    GeoPoint c = GeoPoint.of(12, 48);
    Movement pass = through("pass", "red", 500, c, 0, 10, 500);
    Movement halt =
        movement(
            "halt",
            "blue",
            100,
            wp(direct(c, 90, 500 + offset), 0),
            wp(direct(c, 90, 500 + offset), 1000));

    assertThat(newDetectorWith(pass, halt).conflicts()).isEmpty();
  }

  @Test
  void passJustInsideTheSeparationIsAConflict() {
    // Least distance 498.5 m against 500: loss while y² + 498.5² < 500², for
    // sqrt(500² − 498.5²)/10 = 3.871 s either side of t = 500.
    GeoPoint c = GeoPoint.of(12, 48);
    GeoPoint h = direct(c, 90, 498.5);
    Movement pass = through("pass", "red", 500, c, 0, 10, 500);
    Movement halt = movement("halt", "blue", 100, wp(h, 0), wp(h, 1000));

    Conflict conflict = single(newDetectorWith(pass, halt));

    double half = Math.sqrt(500 * 500 - 498.5 * 498.5) / 10;
    assertTime(conflict.start(), 500 - half, "start");
    assertTime(conflict.end(), 500 + half, "end");
    assertThat(closest(conflict).distanceMeters()).isCloseTo(498.5, within(METERS));
    assertTime(closest(conflict).time(), 500, "closest time");
    assertNear(closest(conflict).a(), h, "closest a (halt)");
    assertNear(closest(conflict).b(), c, "closest b (pass)");
  }

  // ---------------------------------------------------------------- zones

  @Test
  void routeEntersAndLeavesAZoneTwice() {
    // A U-shaped zone: lon 10.00–10.10, lat 45.00–45.02, with a notch lon 10.04–10.06 up to lat
    // 45.015 cut from its south side. The route runs east near lat 45.005 (the geodesic bulges
    // north of the parallel by under 3 m); it crosses the four meridian edges at the instants it
    // has covered the distance from its start to (edge lon, 45.005).
    Polygon u =
        polygon(
            new double[][] {
              {10.00, 45.00},
              {10.04, 45.00},
              {10.04, 45.015},
              {10.06, 45.015},
              {10.06, 45.00},
              {10.10, 45.00},
              {10.10, 45.02},
              {10.00, 45.02},
              {10.00, 45.00}
            });
    Zone zone = new Zone("zone", "blue", u, Validity.always());
    GeoPoint from = GeoPoint.of(9.98, 45.005);
    GeoPoint to = GeoPoint.of(10.12, 45.005);
    double duration = Math.rint(distance(from, to) / 10);
    double speed = distance(from, to) / duration;
    Movement route = movement("route", "red", 10, wp(from, 0), wp(to, duration));

    List<Conflict> conflicts = newDetectorWith(route, zone).conflicts();

    assertThat(conflicts).hasSize(2);
    double[] edges = {10.00, 10.04, 10.06, 10.10};
    for (int i = 0; i < 2; i++) {
      Conflict c = conflicts.get(i);
      assertIdentity(c, ConflictKind.MOVEMENT_ZONE, "route", "zone", "red", "blue");
      assertThat(c.closest()).as("zones have no closest approach").isEmpty();
      double in = distance(from, GeoPoint.of(edges[2 * i], 45.005)) / speed;
      double out = distance(from, GeoPoint.of(edges[2 * i + 1], 45.005)) / speed;
      assertTime(c.start(), in, "entry " + i);
      assertTime(c.end(), out, "exit " + i);
    }
  }

  @Test
  void lineZonesBufferAndSidesAcrossTheirLine() {
    // The line runs east along the equator (a geodesic) from lon 10.0 to 10.2: its left hand is
    // north. A route north along the meridian lon 10.1 (perpendicular to it) is at 10 m/s and
    // crosses the equator at t = 500 s; its distance to the line is its distance from the equator.
    List<GeoPoint> line = List.of(GeoPoint.of(10.0, 0), GeoPoint.of(10.2, 0));
    Zone buffer =
        new Zone("buffer", "blue", new ZoneGeometry.Buffer(line, 2000), Validity.always());
    Zone left =
        new Zone(
            "left",
            "blue",
            new ZoneGeometry.Side(line, ZoneGeometry.Hand.LEFT, 3000),
            Validity.always());
    Zone right =
        new Zone(
            "right",
            "blue",
            new ZoneGeometry.Side(line, ZoneGeometry.Hand.RIGHT, 3000),
            Validity.always());
    Movement route = through("route", "red", 10, GeoPoint.of(10.1, 0), 0, 10, 500);

    List<Conflict> conflicts = newDetectorWith(route, buffer, left, right).conflicts();

    assertThat(conflicts).extracting(Conflict::b).containsExactly("right", "buffer", "left");
    assertTime(conflicts.get(0).start(), 200, "right entry (3000 m south)");
    assertTime(conflicts.get(0).end(), 500, "right exit (on the line)");
    assertTime(conflicts.get(1).start(), 300, "buffer entry (2000 m south)");
    assertTime(conflicts.get(1).end(), 700, "buffer exit (2000 m north)");
    assertTime(conflicts.get(2).start(), 500, "left entry (on the line)");
    assertTime(conflicts.get(2).end(), 800, "left exit (3000 m north)");
  }

  @Test
  void lineZoneEndsAreRoundForABufferAndCutForASide() {
    // Past the east end (10.2, 0) by 1 km: the buffer's round cap is entered while within 2000 m
    // of the end point; a side zone stops at the perpendicular through the end.
    List<GeoPoint> line = List.of(GeoPoint.of(10.0, 0), GeoPoint.of(10.2, 0));
    GeoPoint end = line.get(1);
    Zone buffer =
        new Zone("buffer", "blue", new ZoneGeometry.Buffer(line, 2000), Validity.always());
    Zone left =
        new Zone(
            "left",
            "blue",
            new ZoneGeometry.Side(line, ZoneGeometry.Hand.LEFT, 3000),
            Validity.always());
    GeoPoint past = direct(end, 90, 1000);
    Movement route = through("route", "red", 10, past, 0, 10, 500);

    List<Conflict> conflicts = newDetectorWith(route, buffer, left).conflicts();

    // Along the meridian through `past`, the distance to the end point is 2000 m where the
    // route is sqrt(2000² - 1000²) = 1732 m from `past` (to within centimetres at this size).
    assertThat(conflicts).extracting(Conflict::b).containsExactly("buffer");
    double lo = 0;
    double hi = 500;
    for (int k = 0; k < 60; k++) {
      double mid = (lo + hi) / 2;
      if (distance(direct(past, 180, 10 * (500 - mid)), end) < 2000) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    assertTime(conflicts.get(0).start(), lo, "buffer entry");
    assertTime(conflicts.get(0).end(), 1000 - lo, "buffer exit");
  }

  @Test
  void zoneWithAHole() {
    // Square lon 20.00–20.10, lat −10.05 to −9.95, hole lon 20.03–20.07, lat −10.02 to −9.98.
    // A route east near lat −10 is in the zone west and east of the hole only.
    Polygon holed =
        polygon(
            new double[][] {
              {20.00, -10.05}, {20.10, -10.05}, {20.10, -9.95}, {20.00, -9.95}, {20.00, -10.05}
            },
            new double[][] {
              {20.03, -10.02}, {20.03, -9.98}, {20.07, -9.98}, {20.07, -10.02}, {20.03, -10.02}
            });
    Zone zone = new Zone("holed", "blue", holed, Validity.always());
    GeoPoint from = GeoPoint.of(19.98, -10.0);
    GeoPoint to = GeoPoint.of(20.12, -10.0);
    double duration = Math.rint(distance(from, to) / 12);
    double speed = distance(from, to) / duration;
    Movement route = movement("route", "red", 10, wp(from, 0), wp(to, duration));
    GeoPoint inHole = GeoPoint.of(20.05, -10.0);
    Movement hiding = movement("hiding", "red", 10, wp(inHole, 0), wp(inHole, 5000));

    List<Conflict> conflicts = newDetectorWith(route, hiding, zone).conflicts();

    assertThat(conflicts).extracting(Conflict::a).containsExactly("route", "route");
    double[] edges = {20.00, 20.03, 20.07, 20.10};
    for (int i = 0; i < 2; i++) {
      assertTime(
          conflicts.get(i).start(),
          distance(from, GeoPoint.of(edges[2 * i], -10)) / speed,
          "entry " + i);
      assertTime(
          conflicts.get(i).end(),
          distance(from, GeoPoint.of(edges[2 * i + 1], -10)) / speed,
          "exit " + i);
    }
  }

  @Test
  void zoneValidityClipsTheInterval() {
    Polygon square = polygon(new double[][] {{0, 0}, {0.1, 0}, {0.1, 0.1}, {0, 0.1}, {0, 0}});
    Zone zone = new Zone("zone", "blue", square, new Validity(at(300), at(600)));
    Zone expired = new Zone("old", "blue", square, new Validity(at(-500), at(-1)));
    GeoPoint inside = GeoPoint.of(0.05, 0.05);
    Movement parked = movement("parked", "red", 10, wp(inside, 0), wp(inside, 1000));

    Conflict c = single(newDetectorWith(parked, zone, expired));

    assertIdentity(c, ConflictKind.MOVEMENT_ZONE, "parked", "zone", "red", "blue");
    assertTime(c.start(), 300, "start (validity from)");
    assertTime(c.end(), 600, "end (validity until)");
  }

  // ---------------------------------------------------------------- sites

  @Test
  void siteExpiredBeforeTheMovementArrivesDoesNotConflict() {
    // The movement is within 200 m of P for 480 < t < 520.
    GeoPoint p = GeoPoint.of(10, 45);
    Movement pass = through("pass", "red", 10, p, 0, 10, 500);
    Site expired = new Site("site", "blue", p, 200, new Validity(at(0), at(470)));
    Site notYet = new Site("later", "blue", p, 200, new Validity(at(530), at(5000)));

    assertThat(newDetectorWith(pass, expired, notYet).conflicts()).isEmpty();
  }

  @Test
  void siteValidWhenTheMovementArrives() {
    GeoPoint p = GeoPoint.of(10, 45);
    Movement pass = through("z-pass", "red", 10, p, 0, 10, 500);
    // Its id sorts before the movement's, yet a movement-site conflict has the movement as a.
    Site site = new Site("a-site", "blue", p, 200, new Validity(at(400), at(5000)));

    Conflict c = single(newDetectorWith(pass, site));

    assertIdentity(c, ConflictKind.MOVEMENT_SITE, "z-pass", "a-site", "red", "blue");
    assertTime(c.start(), 480, "start");
    assertTime(c.end(), 520, "end");
    assertTime(closest(c).time(), 500, "closest time");
    assertThat(closest(c).distanceMeters()).isCloseTo(0, within(METERS));
    assertNear(closest(c).a(), p, "closest a");
    assertNear(closest(c).b(), p, "closest b is the site centre");
  }

  @Test
  void siteValidityClipsTheInterval() {
    GeoPoint p = GeoPoint.of(10, 45);
    Movement pass = through("pass", "red", 10, p, 0, 10, 500);
    // Valid from 505 s: the movement is then 50 m past P and leaving.
    Site site = new Site("site", "blue", p, 200, new Validity(at(505), at(515)));

    Conflict c = single(newDetectorWith(pass, site));

    assertTime(c.start(), 505, "start (validity from)");
    assertTime(c.end(), 515, "end (validity until)");
    assertTime(closest(c).time(), 505, "closest time");
    assertThat(closest(c).distanceMeters()).isCloseTo(50, within(METERS));
  }

  // ---------------------------------------------------------------- parties and order

  @Test
  void sameParty_neverConflicts() {
    GeoPoint p = GeoPoint.of(10, 45);
    Movement north = through("a", "red", 500, p, 0, 10, 500);
    Movement east = through("b", "red", 500, p, 90, 10, 500);
    Site site = new Site("s", "red", p, 1000, Validity.always());
    Zone zone =
        new Zone(
            "z",
            "red",
            polygon(
                new double[][] {{9.9, 44.9}, {10.1, 44.9}, {10.1, 45.1}, {9.9, 45.1}, {9.9, 44.9}}),
            Validity.always());

    Detector detector = newDetectorWith(north, east, site, zone);

    assertThat(detector.conflicts()).isEmpty();
    assertThat(detector.check(through("c", "red", 500, p, 45, 10, 500))).isEmpty();
  }

  // ---------------------------------------------------------------- joint movements (D39)

  /**
   * A red joint patrol north along a meridian at 10 m/s, with waypoints every 10 km (0, 1000, 2000,
   * 3000 s); blue travels with it from waypoint 1 to waypoint 2 (1000 s to 2000 s).
   */
  private static Movement jointPatrol(GeoPoint start) {
    return movement(
            "joint",
            "red",
            500,
            wp(start, 0),
            wp(direct(start, 0, 10_000), 1000),
            wp(direct(start, 0, 20_000), 2000),
            wp(direct(start, 0, 30_000), 3000))
        .withParticipants(List.of(new Participant("blue", 1, 2)));
  }

  @Test
  void jointMovementDoesNotConflictWithAParticipantOnItsLegs() {
    // Blue crossings of the route at 500 s (before blue joins), 1500 s (while it is part of the
    // patrol); a green crossing at 2500 s. Each crossing as perpendicularCrossing: ±35.355 s.
    GeoPoint start = GeoPoint.of(10, 45);
    Movement patrol = jointPatrol(start);
    Movement blueEarly = through("b-early", "blue", 500, direct(start, 0, 5_000), 90, 10, 500);
    Movement blueJoined = through("b-joined", "blue", 500, direct(start, 0, 15_000), 90, 10, 1500);
    Movement green = through("g", "green", 500, direct(start, 0, 25_000), 90, 10, 2500);

    Detector detector = newDetectorWith(patrol, blueEarly, blueJoined, green);

    assertThat(detector.conflicts()).extracting(Conflict::b).containsExactly("joint", "joint");
    assertThat(detector.conflicts()).extracting(Conflict::a).containsExactly("b-early", "g");
    double half = 500 / (10 * Math.sqrt(2));
    Conflict early = detector.conflicts().get(0);
    assertIdentity(early, ConflictKind.MOVEMENT_MOVEMENT, "b-early", "joint", "blue", "red");
    assertTime(early.start(), 500 - half, "blue's conflict before it joins: start");
    assertTime(early.end(), 500 + half, "blue's conflict before it joins: end");
    assertIdentity(
        detector.conflicts().get(1), ConflictKind.MOVEMENT_MOVEMENT, "g", "joint", "green", "red");
    assertThat(detector.check(through("c", "blue", 500, direct(start, 0, 27_000), 90, 10, 2700)))
        .as("blue has left the patrol at waypoint 2")
        .hasSize(1);
    assertThat(detector.check(through("c", "blue", 500, direct(start, 0, 12_000), 90, 10, 1200)))
        .isEmpty();
  }

  @Test
  void jointMovementConflictWithAParticipantsSiteIsCutWhereItLeaves() {
    // A blue site of radius 500 on the route at 20 km, where the patrol is at 2000 s, the time
    // blue leaves: within 500 m over [1950, 2050] s, blue's part of it over [1950, 2000] s.
    GeoPoint start = GeoPoint.of(10, 45);
    Site site = new Site("s", "blue", direct(start, 0, 20_000), 500, Validity.always());

    Conflict c = single(newDetectorWith(jointPatrol(start), site));

    assertIdentity(c, ConflictKind.MOVEMENT_SITE, "joint", "s", "red", "blue");
    assertTime(c.start(), 2000, "start: blue leaves");
    assertTime(c.end(), 2050, "end");
  }

  @Test
  void twoJointMovementsWithACommonParticipantDoNotConflictWhileBothHaveIt() {
    // Green's patrol crosses red's at 1500 s; blue is in red's patrol over [1000, 2000] s and in
    // green's over its whole route: no conflict. Without blue in green's patrol: a conflict.
    GeoPoint start = GeoPoint.of(10, 45);
    Movement green = through("g", "green", 500, direct(start, 0, 15_000), 90, 10, 1500);
    Movement greenWithBlue = green.withParticipants(List.of(new Participant("blue", 0, 1)));

    assertThat(newDetectorWith(jointPatrol(start), greenWithBlue).conflicts()).isEmpty();
    assertThat(newDetectorWith(jointPatrol(start), green).conflicts()).hasSize(1);
  }

  @Test
  void conflictsAreOrderedByStartThenIds() {
    GeoPoint p = GeoPoint.of(10, 45);
    // Put in an order unlike the output order. Starts: m0-m2 478.8 s, m0-s 490, m1-s 790,
    // m1-m3 812.9 (at P at 800 and 840: 2u² + 800 < 900 with u = t − 820), m3-s 830.
    Movement m1 = through("m1", "red", 300, p, 0, 10, 800);
    Movement m3 = through("m3", "blue", 300, p, 90, 10, 840);
    Movement m2 = through("m2", "green", 300, p, 45, 10, 500);
    Movement m0 = through("m0", "blue", 300, p, 135, 10, 500);
    Site s = new Site("s", "green", p, 100, Validity.always());

    List<Conflict> conflicts = newDetectorWith(m3, s, m1, m2, m0).conflicts();

    assertThat(conflicts).isSortedAccordingTo(Conflict.ORDER);
    assertThat(conflicts).allSatisfy(c -> assertThat(c.a()).isLessThan(c.b()));
    assertThat(conflicts)
        .extracting(c -> c.a() + "-" + c.b())
        .containsExactly("m0-m2", "m0-s", "m1-s", "m1-m3", "m3-s");
  }

  // ---------------------------------------------------------------- where geodesics are hard

  @Test
  void crossingTheAntimeridian() {
    // East along the equator (a geodesic) from 179.9 to −179.9 at 10 m/s; it is at lon 180 halfway.
    // The other goes north along the 180 meridian, at the equator at the same instant.
    GeoPoint west = GeoPoint.of(179.9, 0);
    GeoPoint east = GeoPoint.of(-179.9, 0);
    double length = distance(west, east);
    assertThat(length).as("short way across the antimeridian").isCloseTo(22_263.9, within(1.0));
    double duration = length / 10;
    double mid = duration / 2;
    GeoPoint crossing = GeoPoint.of(180, 0);
    Movement equator = movement("eq", "red", 500, wp(west, 0), wp(east, duration));
    Movement meridian = through("mer", "blue", 100, crossing, 0, 10, mid);
    // Just east of the antimeridian, 0.101° of equator from the start.
    GeoPoint beyond = GeoPoint.of(-179.999, 0);
    Site site = new Site("site", "blue", beyond, 300, Validity.always());

    List<Conflict> conflicts = newDetectorWith(equator, meridian, site).conflicts();

    assertThat(conflicts).hasSize(2);
    Conflict m = conflicts.stream().filter(c -> c.b().equals("mer")).findFirst().orElseThrow();
    double half = 500 / (10 * Math.sqrt(2));
    assertTime(m.start(), mid - half, "start");
    assertTime(m.end(), mid + half, "end");
    assertTime(closest(m).time(), mid, "closest time");
    assertThat(closest(m).distanceMeters()).isCloseTo(0, within(METERS));
    assertNear(closest(m).a(), crossing, "closest a");
    Conflict s = conflicts.stream().filter(c -> c.b().equals("site")).findFirst().orElseThrow();
    double atSite = distance(west, beyond) / (length / duration);
    assertTime(s.start(), atSite - 30, "site start");
    assertTime(s.end(), atSite + 30, "site end");
    assertNear(closest(s).a(), beyond, "closest a at the site");
  }

  @Test
  void crossingAtThePole() {
    // From lat 89.9 on one meridian to lat 89.9 on the opposite one: the geodesic runs over the
    // pole. Two such routes at right angles, same speed and length, both at the pole halfway.
    GeoPoint a0 = GeoPoint.of(0, 89.9);
    GeoPoint a1 = GeoPoint.of(180, 89.9);
    GeoPoint b0 = GeoPoint.of(90, 89.9);
    GeoPoint b1 = GeoPoint.of(-90, 89.9);
    double length = distance(a0, a1);
    double duration = Math.rint(length / 10);
    double speed = length / duration;
    GeoPoint pole = GeoPoint.of(0, 90);
    Movement a = movement("a", "red", 500, wp(a0, 0), wp(a1, duration));
    Movement b = movement("b", "blue", 500, wp(b0, 0), wp(b1, duration));
    Site polar = new Site("station", "blue", pole, 1000, Validity.always());

    List<Conflict> conflicts = newDetectorWith(a, b, polar).conflicts();

    assertThat(conflicts).hasSize(2);
    double mid = duration / 2;
    Conflict ab = conflicts.stream().filter(c -> c.b().equals("b")).findFirst().orElseThrow();
    double half = 500 / (speed * Math.sqrt(2));
    assertTime(ab.start(), mid - half, "start");
    assertTime(ab.end(), mid + half, "end");
    assertTime(closest(ab).time(), mid, "closest time");
    assertThat(closest(ab).distanceMeters()).isCloseTo(0, within(METERS));
    assertNear(closest(ab).a(), pole, "closest a");
    assertNear(closest(ab).b(), pole, "closest b");
    Conflict station =
        conflicts.stream().filter(c -> c.b().equals("station")).findFirst().orElseThrow();
    assertTime(station.start(), mid - 1000 / speed, "station start");
    assertTime(station.end(), mid + 1000 / speed, "station end");
  }

  // ---------------------------------------------------------------- incremental use

  @Test
  void putReplaceAndRemoveReportDeltas() {
    GeoPoint p = GeoPoint.of(10, 45);
    Movement a = through("a", "red", 300, p, 0, 10, 500);
    Movement crossing = through("b", "blue", 300, p, 90, 10, 500);
    Movement tooLate = through("b", "blue", 300, p, 90, 10, 700);
    Movement crossingLater = through("b", "blue", 300, p, 90, 10, 520);
    Detector detector = newDetector();

    assertThat(detector.put(a).isEmpty()).isTrue();
    ConflictDelta added = detector.put(crossing);
    assertThat(added.vanished()).isEmpty();
    assertThat(added.appeared()).hasSize(1).isEqualTo(detector.conflicts());
    Conflict first = added.appeared().get(0);

    assertThat(detector.put(crossing).isEmpty()).as("putting the same item again").isTrue();

    ConflictDelta moved = detector.put(tooLate);
    assertThat(moved.vanished()).containsExactly(first);
    assertThat(moved.appeared()).isEmpty();
    assertThat(detector.conflicts()).isEmpty();
    assertThat(detector.size()).isEqualTo(2);

    ConflictDelta back = detector.put(crossingLater);
    assertThat(back.vanished()).isEmpty();
    assertThat(back.appeared()).hasSize(1).isEqualTo(detector.conflicts());
    // At P at 500 and 520, at right angles: 100·((t − 500)² + (t − 520)²) < 300², i.e.
    // 2u² + 200 < 900 with u = t − 510.
    assertTime(back.appeared().get(0).start(), 510 - Math.sqrt(350), "start");

    ConflictDelta replacedAgain = detector.put(crossing);
    assertThat(replacedAgain.vanished()).isEqualTo(back.appeared());
    assertThat(replacedAgain.appeared()).containsExactly(first);

    ConflictDelta removed = detector.remove("b");
    assertThat(removed.appeared()).isEmpty();
    assertThat(removed.vanished()).containsExactly(first);
    assertThat(detector.conflicts()).isEmpty();
    assertThat(detector.size()).isEqualTo(1);
    assertThat(detector.remove("b").isEmpty()).as("removing an absent id").isTrue();
  }

  @Test
  void replacingAnItemByOneOfAnotherKind() {
    GeoPoint p = GeoPoint.of(10, 45);
    Movement a = through("a", "red", 300, p, 0, 10, 500);
    Movement b = through("b", "blue", 300, p, 90, 10, 500);
    Site siteB = new Site("b", "blue", direct(p, 0, 3000), 100, Validity.always());
    Detector detector = newDetectorWith(a, b);
    Conflict crossing = single(detector);

    ConflictDelta delta = detector.put(siteB);

    assertThat(delta.vanished()).containsExactly(crossing);
    assertThat(delta.appeared()).hasSize(1);
    assertThat(delta.appeared().get(0).kind()).isEqualTo(ConflictKind.MOVEMENT_SITE);
    assertThat(detector.conflicts()).isEqualTo(delta.appeared());
    assertThat(detector.size()).isEqualTo(2);
  }

  @Test
  void checkDoesNotStore() {
    GeoPoint p = GeoPoint.of(10, 45);
    Movement a = through("a", "red", 300, p, 0, 10, 500);
    Movement b = through("b", "blue", 300, p, 90, 10, 500);
    Movement c = through("c", "green", 300, p, 45, 10, 500);
    Detector detector = newDetectorWith(a, b);
    List<Conflict> before = detector.conflicts();

    List<Conflict> checked = detector.check(c);

    assertThat(checked).hasSize(2).allSatisfy(k -> assertThat(k.involves("c")).isTrue());
    assertThat(checked).isSortedAccordingTo(Conflict.ORDER);
    assertThat(detector.conflicts()).isEqualTo(before);
    assertThat(detector.size()).isEqualTo(2);
    detector.put(c);
    assertThat(detector.conflicts()).filteredOn(k -> k.involves("c")).isEqualTo(checked);
  }

  @Test
  void checkIgnoresTheStoredItemWithTheSameId() {
    GeoPoint p = GeoPoint.of(10, 45);
    Movement a = through("a", "red", 300, p, 0, 10, 500);
    Movement b = through("b", "blue", 300, p, 90, 10, 500);
    Movement c = through("c", "green", 300, p, 45, 10, 500);
    // A new plan for "a" that crosses P much later: no conflict with b or c, and the stored
    // "a" must not be counted against it.
    Movement laterA = through("a", "blue", 300, p, 0, 10, 2000);
    Detector detector = newDetectorWith(a, b, c);

    assertThat(detector.check(laterA)).isEmpty();
    // The same plan under the stored id, but of another party: it meets b and c as "a" did,
    // except b, now of its party.
    Movement sameA = through("a", "blue", 300, p, 0, 10, 500);
    assertThat(detector.check(sameA)).extracting(Conflict::b).containsExactly("c");
    assertThat(detector.size()).isEqualTo(3);
  }

  @Test
  void putAllEqualsRepeatedPut() {
    GeoPoint p = GeoPoint.of(10, 45);
    List<Item> items = new ArrayList<>();
    items.add(through("a", "red", 300, p, 0, 10, 500));
    items.add(through("b", "blue", 300, p, 90, 10, 500));
    items.add(through("c", "green", 300, p, 45, 10, 510));
    items.add(new Site("s", "blue", direct(p, 0, 1000), 200, Validity.always()));
    items.add(
        new Zone(
            "z",
            "green",
            polygon(
                new double[][] {
                  {9.99, 45.001}, {10.01, 45.001}, {10.01, 45.011}, {9.99, 45.011}, {9.99, 45.001}
                }),
            Validity.always()));
    Detector one = newDetector();
    Detector batch = newDetector();

    for (Item item : items) {
      one.put(item);
    }
    ConflictDelta delta = batch.putAll(items);

    assertThat(batch.conflicts()).isNotEmpty().isEqualTo(one.conflicts());
    assertThat(delta.appeared()).isEqualTo(batch.conflicts());
    assertThat(delta.vanished()).isEmpty();
    assertThat(batch.size()).isEqualTo(items.size());

    // Replacing through putAll reports what vanished too.
    Movement lateB = through("b", "blue", 300, p, 90, 10, 5000);
    ConflictDelta replaced = batch.putAll(List.of(lateB));
    one.put(lateB);
    assertThat(replaced.vanished())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.involves("b")).isTrue());
    assertThat(batch.conflicts()).isEqualTo(one.conflicts());
  }

  @Test
  void putAllRejectsDuplicateIds() {
    GeoPoint p = GeoPoint.of(10, 45);
    Movement a = through("a", "red", 300, p, 0, 10, 500);
    Movement again = through("a", "blue", 300, p, 90, 10, 500);

    assertThatThrownBy(() -> newDetector().putAll(List.of(a, again)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- vertical bands (D37)

  @ParameterizedTest(name = "other band from {0} m")
  @ValueSource(doubles = {1800, 1799})
  void crossingIsAConflictOnlyWhereTheBandsAreCloserThanTheVerticalSeparation(double floor) {
    // The perpendicular crossing above, one at 1,000–1,500 m, the other from `floor` to 2,500 m,
    // both asking 300 m: a gap of 300 m keeps them apart, 299 m does not, and then the conflict is
    // the horizontal one (35.355 s either side of t = 500).
    GeoPoint p = GeoPoint.of(10, 45);
    Movement north = air(through("a", "red", 500, p, 0, 10, 500), 300, Band.of(1000, 1500));
    Movement east = air(through("b", "blue", 200, p, 90, 10, 500), 300, Band.of(floor, 2500));

    List<Conflict> conflicts = newDetectorWith(north, east).conflicts();

    if (floor == 1800) {
      assertThat(conflicts).isEmpty();
      return;
    }
    Conflict c = single(newDetectorWith(north, east));
    double half = 500 / (10 * Math.sqrt(2));
    assertTime(c.start(), 500 - half, "start");
    assertTime(c.end(), 500 + half, "end");
    assertTime(closest(c).time(), 500, "closest time");
  }

  @Test
  void theLargerVerticalSeparationApplies() {
    // Gap 400 m: apart under 300 m, a conflict when one of them asks 500 m.
    GeoPoint p = GeoPoint.of(10, 45);
    Movement north = air(through("a", "red", 500, p, 0, 10, 500), 300, Band.of(1000, 1100));
    Movement east = air(through("b", "blue", 500, p, 90, 10, 500), 500, Band.of(1500, 1600));

    assertThat(newDetectorWith(north, east).conflicts()).hasSize(1);
    assertThat(newDetectorWith(north, air(east, 300, Band.of(1500, 1600))).conflicts()).isEmpty();
  }

  @Test
  void aBandChangeAtAWaypointCutsTheConflictThere() {
    // "a" flies north through P at 10 m/s, at P at t = 500, climbing from 1,000–1,200 m to
    // 3,000–3,200 m at the waypoint 100 m south of P (t = 490). "b" flies east at 1,000–1,200 m,
    // at P at t = 500. Horizontally they lose 500 m for 35.355 s either side of t = 500; the
    // bands stay close only until t = 490, so the conflict ends there, closest at its end:
    // 100 m south and 100 m west of P, 141.4 m apart.
    GeoPoint p = GeoPoint.of(10, 45);
    GeoPoint south = direct(p, 180, 5000);
    GeoPoint turn = direct(p, 180, 100);
    GeoPoint north = direct(p, 0, 5000);
    Movement a =
        new Movement(
            "a",
            "red",
            List.of(wp(south, 0), wp(turn, 490), wp(north, 1000)),
            500,
            List.of(Band.of(1000, 1200), Band.of(3000, 3200)),
            300);
    Movement b = air(through("b", "blue", 500, p, 90, 10, 500), 300, Band.of(1000, 1200));

    Conflict c = single(newDetectorWith(a, b));

    double half = 500 / (10 * Math.sqrt(2));
    assertTime(c.start(), 500 - half, "start");
    assertTime(c.end(), 490, "end");
    assertTime(closest(c).time(), 490, "closest time");
    assertThat(closest(c).distanceMeters()).isCloseTo(100 * Math.sqrt(2), within(METERS));
    assertNear(closest(c).a(), turn, "closest a");
    assertNear(closest(c).b(), direct(p, 270, 100), "closest b");
  }

  @Test
  void aMovementOnTheGroundIsNeverVerticallySeparated() {
    // A ground patrol (no band) under a drone at 6,000 m: the ground band is every height.
    GeoPoint p = GeoPoint.of(10, 45);
    Movement patrol = through("a", "red", 500, p, 0, 10, 500);
    Movement drone = air(through("b", "blue", 500, p, 90, 10, 500), 300, Band.of(6000, 6500));

    assertThat(newDetectorWith(patrol, drone).conflicts()).hasSize(1);
  }

  @ParameterizedTest(name = "movement band from {0} m")
  @ValueSource(doubles = {600, 500, 499})
  void aSiteWithABandProtectsOnlyItsHeights(double floor) {
    // A site protecting 0–500 m, radius 300 m, passed straight over its centre at t = 500: a
    // band from 600 m or from exactly its ceiling stays out; from 499 m it is in for 30 s either
    // side (no vertical separation is added to a site's band).
    GeoPoint c = GeoPoint.of(12, 48);
    Site site = new Site("site", "blue", c, 300, Validity.always(), Band.of(0, 500));
    Movement pass = air(through("pass", "red", 100, c, 0, 10, 500), 300, Band.of(floor, 900));

    List<Conflict> conflicts = newDetectorWith(site, pass).conflicts();

    if (floor >= 500) {
      assertThat(conflicts).isEmpty();
      return;
    }
    assertThat(conflicts).hasSize(1);
    assertTime(conflicts.get(0).start(), 470, "start");
    assertTime(conflicts.get(0).end(), 530, "end");
  }

  @Test
  void aZoneWithABandClosesOnlyItsHeights() {
    // A square zone lon 10.00–10.10 closing 0–3,000 m; the route runs east across it, at 4,000 m
    // until it is 2 km inside and at 2,000 m after: in the zone from the waypoint to the exit.
    Polygon square =
        polygon(
            new double[][] {
              {10.00, 45.00}, {10.10, 45.00}, {10.10, 45.02}, {10.00, 45.02}, {10.00, 45.00}
            });
    Zone zone =
        new Zone(
            "zone", "blue", new ZoneGeometry.Area(square), Validity.always(), Band.of(0, 3000));
    GeoPoint from = GeoPoint.of(9.98, 45.01);
    GeoPoint to = GeoPoint.of(10.12, 45.01);
    GeoPoint descend = along(from, to, distance(from, GeoPoint.of(10.00, 45.01)) + 2000);
    double speed = 50;
    double tDescend = distance(from, descend) / speed;
    double tEnd = distance(from, to) / speed;
    Movement route =
        new Movement(
            "route",
            "red",
            List.of(wp(from, 0), wp(descend, tDescend), wp(to, tEnd)),
            10,
            List.of(Band.of(4000, 4000), Band.of(2000, 2000)),
            300);

    Conflict c = single(newDetectorWith(route, zone));

    assertTime(c.start(), tDescend, "entry into the band");
    assertTime(c.end(), distance(from, GeoPoint.of(10.10, 45.01)) / speed, "exit");
  }

  @Test
  void bandsOnlyOnOneSideOfAPairOrOnAGroundSiteChangeNothing() {
    // A site at every height against an air movement: the horizontal conflict.
    GeoPoint c = GeoPoint.of(12, 48);
    Site site = new Site("site", "blue", c, 300, Validity.always());
    Movement pass = air(through("pass", "red", 100, c, 0, 10, 500), 300, Band.of(9000, 9900));

    Conflict conflict = single(newDetectorWith(site, pass));

    assertTime(conflict.start(), 470, "start");
    assertTime(conflict.end(), 530, "end");
  }

  // ---------------------------------------------------------------- helpers

  private Detector newDetectorWith(Item... items) {
    Detector detector = newDetector();
    for (Item item : items) {
      detector.put(item);
    }
    return detector;
  }

  private static Conflict single(Detector detector) {
    List<Conflict> conflicts = detector.conflicts();
    assertThat(conflicts).as("conflicts").hasSize(1);
    return conflicts.get(0);
  }

  private static ClosestApproach closest(Conflict c) {
    assertThat(c.closest()).as("closest approach of " + c).isPresent();
    return c.closest().orElseThrow();
  }

  private static void assertIdentity(
      Conflict c, ConflictKind kind, String a, String b, String partyA, String partyB) {
    assertThat(c.kind()).as("kind of " + c).isEqualTo(kind);
    assertThat(c.a()).as("a of " + c).isEqualTo(a);
    assertThat(c.b()).as("b of " + c).isEqualTo(b);
    assertThat(c.partyA()).as("partyA of " + c).isEqualTo(partyA);
    assertThat(c.partyB()).as("partyB of " + c).isEqualTo(partyB);
  }

  private static void assertTime(Instant actual, double expectedSeconds, String what) {
    assertThat(seconds(actual))
        .as("%s: %s, want %s", what, actual, T0.plusNanos(Math.round(expectedSeconds * 1e9)))
        .isCloseTo(expectedSeconds, within(SECONDS));
    assertThat(Instant.ofEpochMilli(actual.toEpochMilli()))
        .as("%s rounded to the millisecond", what)
        .isEqualTo(actual);
  }

  private static void assertNear(GeoPoint actual, GeoPoint expected, String what) {
    assertThat(distance(actual, expected))
        .as("%s: %s, want %s", what, actual, expected)
        .isLessThanOrEqualTo(METERS);
  }

  /** Seconds after T0. */
  private static double seconds(Instant t) {
    return Duration.between(T0, t).toNanos() / 1e9;
  }

  /** T0 plus {@code seconds}, to the millisecond. */
  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  private static Waypoint wp(GeoPoint p, double seconds) {
    return new Waypoint(p, at(seconds));
  }

  /** The same movement with one band on every leg and a vertical separation. */
  private static Movement air(Movement m, double verticalSeparation, Band band) {
    List<Band> bands = new ArrayList<>();
    for (int i = 1; i < m.waypoints().size(); i++) {
      bands.add(band);
    }
    return new Movement(
        m.id(), m.party(), m.waypoints(), m.separationMeters(), bands, verticalSeparation);
  }

  private static Movement movement(String id, String party, double separation, Waypoint... w) {
    return new Movement(id, party, List.of(w), separation);
  }

  /**
   * A movement along the geodesic through {@code p} with azimuth {@code azimuth} there, 5 km either
   * side, at {@code speed}, at {@code p} at time {@code atP}.
   */
  private static Movement through(
      String id,
      String party,
      double separation,
      GeoPoint p,
      double azimuth,
      double speed,
      double atP) {
    GeoPoint from = direct(p, azimuth + 180, 5000);
    GeoPoint to = direct(p, azimuth, 5000);
    double half = 5000 / speed;
    return movement(id, party, separation, wp(from, atP - half), wp(to, atP + half));
  }

  /** GeographicLib Direct. */
  static GeoPoint direct(GeoPoint from, double azimuth, double meters) {
    GeodesicData d = Geodesic.WGS84.Direct(from.lat(), from.lon(), azimuth, meters);
    return GeoPoint.of(d.lon2, d.lat2);
  }

  /** GeographicLib Inverse. */
  static double distance(GeoPoint p, GeoPoint q) {
    return Geodesic.WGS84.Inverse(p.lat(), p.lon(), q.lat(), q.lon()).s12;
  }

  /** The position {@code meters} along the geodesic from {@code from} to {@code to}. */
  static GeoPoint along(GeoPoint from, GeoPoint to, double meters) {
    GeodesicLine line = Geodesic.WGS84.InverseLine(from.lat(), from.lon(), to.lat(), to.lon());
    GeodesicData d = line.Position(meters);
    return GeoPoint.of(d.lon2, d.lat2);
  }

  private static Polygon polygon(double[][] shell, double[][]... holes) {
    LinearRing[] rings = new LinearRing[holes.length];
    for (int i = 0; i < holes.length; i++) {
      rings[i] = ring(holes[i]);
    }
    return GEOMETRY.createPolygon(ring(shell), rings);
  }

  private static LinearRing ring(double[][] xy) {
    Coordinate[] cs = new Coordinate[xy.length];
    for (int i = 0; i < xy.length; i++) {
      cs[i] = new Coordinate(xy[i][0], xy[i][1]);
    }
    return GEOMETRY.createLinearRing(cs);
  }
}
