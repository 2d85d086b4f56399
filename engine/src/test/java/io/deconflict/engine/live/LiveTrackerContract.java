package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.live.Geo.Mover;
import io.deconflict.engine.live.LiveEvent.ConformanceChanged;
import io.deconflict.engine.live.LiveEvent.EncounterChanged;
import io.deconflict.engine.live.LiveEvent.EncounterEnded;
import io.deconflict.engine.live.LiveEvent.IncursionChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The behaviour every {@link LiveTracker} must have, run against the indexed tracker and the
 * brute-force one. Geometry comes from GeographicLib: units move along geodesics at constant speed,
 * so the expected times follow from distances along the road.
 */
abstract class LiveTrackerContract {

  abstract LiveTracker tracker(LiveSettings settings);

  LiveTracker tracker() {
    return tracker(LiveSettings.DEFAULT);
  }

  static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  static List<TacticalLevel> levels(List<LiveEvent> events) {
    List<TacticalLevel> out = new ArrayList<>();
    for (LiveEvent e : events) {
      if (e instanceof EncounterChanged c) {
        out.add(c.encounter().level());
      }
    }
    return out;
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  // --- tactical encounters ---------------------------------------------------------------------

  @Test
  void headOnOnOneRoadRisesAdvisoryCautionWarningThenClears() {
    LiveTracker tracker = tracker();
    GeoPoint west = GeoPoint.of(40.0, 36.5);
    GeoPoint east = Geo.direct(west, 90, 40_000);
    Mover us = Mover.towards(west, east, 20);
    Mover ru = Mover.towards(east, west, 20);
    List<String> seen = new ArrayList<>();
    for (int k = 0; k <= 70; k++) {
      double s = 15 * k + 5;
      List<LiveEvent> events =
          tracker.report(List.of(us.report("u1", "US", s), ru.report("r1", "RU", s)));
      for (LiveEvent e : events) {
        if (e instanceof EncounterChanged c) {
          seen.add(c.encounter().level() + "@" + (int) s);
        } else if (e instanceof EncounterEnded end) {
          seen.add(end.reason() + "@" + (int) s);
        }
      }
      double gap = 40_000 - 40 * s;
      List<Encounter> now = tracker.encounters();
      if (!now.isEmpty()) {
        Encounter e = now.get(0);
        assertThat(e.unitA()).isEqualTo("r1");
        assertThat(e.partyA()).isEqualTo("RU");
        assertThat(e.unitB()).isEqualTo("u1");
        assertThat(e.time()).isEqualTo(at(s));
        assertThat(e.separationMeters()).isEqualTo(1000);
        assertThat(e.distanceNowMeters()).as("s=%s", s).isCloseTo(Math.abs(gap), within(1.0));
        if (gap > 1000) {
          assertThat(seconds(e.timeToLoss().orElseThrow()))
              .as("time to loss at s=%s", s)
              .isCloseTo((gap - 1000) / 40, within(1.0));
          assertThat(seconds(e.timeToClosest())).isCloseTo(gap / 40, within(1.0));
          assertThat(e.distanceAtClosestMeters()).isLessThan(1.0);
        } else if (gap > -1000) {
          assertThat(e.timeToLoss()).contains(Duration.ZERO);
        }
        assertThat(Geo.distance(e.positionA(), ru.at(s))).isLessThan(0.01);
        assertThat(Geo.distance(e.positionB(), us.at(s))).isLessThan(0.01);
      }
    }
    // T = 970 - 15k: 895 s at k=5, 295 s at k=45, 55 s at k=61; apart by 1,250 m at s=1035.
    assertThat(seen).containsExactly("ADVISORY@80", "CAUTION@680", "WARNING@920", "clear@1040");
    assertThat(tracker.encounters()).isEmpty();
  }

  @Test
  void perpendicularCrossing() {
    LiveTracker tracker = tracker();
    GeoPoint crossing = GeoPoint.of(40.3, 36.7);
    Mover north = Mover.towards(Geo.direct(crossing, 180, 12_000), crossing, 20);
    Mover east = Mover.towards(Geo.direct(crossing, 270, 12_000), crossing, 20);
    double lossBeforeCrossing = 1000 / (20 * Math.sqrt(2));
    TacticalLevel[] expected = {
      TacticalLevel.ADVISORY, TacticalLevel.CAUTION, TacticalLevel.WARNING, TacticalLevel.WARNING
    };
    double[] times = {0, 300, 550, 580};
    for (int i = 0; i < times.length; i++) {
      double s = times[i];
      tracker.report(List.of(north.report("n", "US", s), east.report("e", "TR", s)));
      Encounter e = tracker.encounters().get(0);
      assertThat(e.level()).as("s=%s", s).isEqualTo(expected[i]);
      assertThat(seconds(e.timeToClosest())).isCloseTo(600 - s, within(1.0));
      assertThat(e.distanceAtClosestMeters()).isLessThan(1.0);
      double loss = 600 - s - lossBeforeCrossing;
      if (loss > 0) {
        assertThat(seconds(e.timeToLoss().orElseThrow())).isCloseTo(loss, within(1.0));
      } else {
        assertThat(e.timeToLoss()).contains(Duration.ZERO);
      }
    }
  }

  @Test
  void parallelAt500MetresIsAWarningAndAt3KilometresIsNothing() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(39.8, 36.9);
    Mover a = Mover.from(p, 0, 15);
    Mover b = Mover.from(Geo.direct(p, 90, 500), 0, 15);
    List<LiveEvent> events =
        tracker.report(List.of(a.report("a", "US", 0), b.report("b", "RU", 0)));
    assertThat(levels(events)).containsExactly(TacticalLevel.WARNING);
    Encounter e = tracker.encounters().get(0);
    assertThat(e.timeToLoss()).contains(Duration.ZERO);
    assertThat(e.distanceNowMeters()).isCloseTo(500, within(0.5));
    // Meridians converge, so "parallel" courses meet, but far beyond any horizon.
    assertThat(e.timeToClosest()).isGreaterThan(Duration.ofDays(1));

    LiveTracker far = tracker();
    Mover c = Mover.from(Geo.direct(p, 90, 3000), 0, 15);
    for (int s = 0; s <= 120; s += 30) {
      assertThat(far.report(List.of(a.report("a", "US", s), c.report("c", "RU", s)))).isEmpty();
    }
    assertThat(far.encounters()).isEmpty();
  }

  @Test
  void divergingUnitsRaiseNothing() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(41.0, 36.2);
    Mover west = Mover.from(p, 270, 20);
    Mover east = Mover.from(Geo.direct(p, 90, 1500), 90, 20);
    for (int s = 0; s <= 300; s += 20) {
      assertThat(tracker.report(List.of(west.report("w", "US", s), east.report("e", "RU", s))))
          .isEmpty();
    }
    assertThat(tracker.encounters()).isEmpty();
  }

  @Test
  void aUnitThatStopsHasVelocityZeroFromItsReports() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(40.0, 36.0);
    Mover moving = Mover.from(p, 90, 20);
    tracker.report(moving.bare("r1", "RU", 0));
    assertThat(tracker.track("RU", "r1").orElseThrow().speedMps()).isZero();
    tracker.report(moving.bare("r1", "RU", 10));
    Track t = tracker.track("RU", "r1").orElseThrow();
    assertThat(t.velocityEastMps()).isCloseTo(20, within(0.01));
    assertThat(t.velocityNorthMps()).isCloseTo(0, within(0.01));
    assertThat(t.courseDegrees()).isCloseTo(90, within(0.05));
    GeoPoint stop = moving.at(20);
    tracker.report(moving.bare("r1", "RU", 20));
    tracker.report(PositionReport.of("r1", "RU", at(30), stop.lon(), stop.lat()));
    t = tracker.track("RU", "r1").orElseThrow();
    assertThat(t.velocityEastMps()).isZero();
    assertThat(t.velocityNorthMps()).isZero();

    // Another party's unit closing on the halted one at 10 m/s.
    GeoPoint start = Geo.direct(stop, 270, 6_000);
    Mover us = Mover.towards(start, stop, 10);
    tracker.report(List.of(us.report("u1", "US", 0)));
    Encounter e = tracker.encounters().get(0);
    // Extrapolated to the halted unit's report at 30 s: 5,700 m to go, 4,700 m to the separation.
    assertThat(e.time()).isEqualTo(at(30));
    assertThat(seconds(e.timeToLoss().orElseThrow())).isCloseTo(470, within(1.0));
    assertThat(e.level()).isEqualTo(TacticalLevel.ADVISORY);
  }

  /**
   * Times to loss around the 5 min caution threshold; with the 25 % hysteresis nothing flickers.
   */
  @Test
  void hysteresisKeepsNoisyTimesToLossFromFlickering() {
    double[] timeToLoss = {310, 295, 305, 298, 320, 360, 380, 370, 290};
    List<List<TacticalLevel>> withHysteresis = run(tracker(), timeToLoss);
    assertThat(withHysteresis)
        .containsExactly(
            List.of(TacticalLevel.ADVISORY),
            List.of(TacticalLevel.CAUTION),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(TacticalLevel.ADVISORY),
            List.of(),
            List.of(TacticalLevel.CAUTION));
    List<List<TacticalLevel>> without =
        run(tracker(LiveSettings.DEFAULT.withHysteresisFraction(0)), timeToLoss);
    assertThat(without.stream().filter(l -> !l.isEmpty()).count())
        .as("without hysteresis every crossing of 300 s is a change")
        .isEqualTo(6);
  }

  private static List<List<TacticalLevel>> run(LiveTracker tracker, double[] timeToLoss) {
    GeoPoint halted = GeoPoint.of(40.7, 36.4);
    List<List<TacticalLevel>> out = new ArrayList<>();
    for (int k = 0; k < timeToLoss.length; k++) {
      double s = 10 * k;
      GeoPoint p = Geo.direct(halted, 270, 1000 + 10 * timeToLoss[k]);
      PositionReport approaching =
          PositionReport.of("u1", "US", at(s), p.lon(), p.lat(), Geo.azimuth(p, halted), 10);
      out.add(levels(tracker.report(List.of(approaching, Geo.halted("r1", "RU", s, halted)))));
      assertThat(seconds(tracker.encounters().get(0).timeToLoss().orElseThrow()))
          .isCloseTo(timeToLoss[k], within(0.5));
    }
    return out;
  }

  /** Noisy distances around the separation: once lost, WARNING holds until 1.25 × separation. */
  @Test
  void hysteresisKeepsNoisyDistancesAroundTheSeparationFromFlickering() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(40.1, 36.1);
    double[] gaps = {1040, 990, 1030, 1100, 1200, 1010, 1240, 1300};
    double[] courseNoise = {1, -1, 1.5, -0.5, 1, -1, 0.5, -5};
    List<String> seen = new ArrayList<>();
    for (int k = 0; k < gaps.length; k++) {
      double s = 10 * k;
      GeoPoint a = Geo.direct(p, 0, 12 * s);
      GeoPoint b = Geo.direct(a, 90, gaps[k]);
      List<LiveEvent> events =
          tracker.report(
              List.of(
                  PositionReport.of("b", "RU", at(s), b.lon(), b.lat(), 0, 12),
                  PositionReport.of(
                      "a", "US", at(s), a.lon(), a.lat(), Geo.course(courseNoise[k]), 12)));
      for (LiveEvent e : events) {
        seen.add(
            k
                + ":"
                + (e instanceof EncounterChanged c
                    ? c.encounter().level().toString()
                    : ((EncounterEnded) e).reason()));
      }
    }
    // Rising is immediate (a converging course may raise ADVISORY or CAUTION before the loss at
    // k=1); after WARNING nothing changes until the gap reaches 1,250 m on a diverging course.
    assertThat(seen).contains("1:WARNING").endsWith("1:WARNING", "7:clear");
  }

  @Test
  void unitsOfOnePartyNeverPair() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(40.0, 36.0);
    assertThat(
            tracker.report(
                List.of(
                    Geo.halted("a", "US", 0, p), Geo.halted("b", "US", 0, Geo.direct(p, 0, 10)))))
        .isEmpty();
    assertThat(tracker.units()).isEqualTo(2);
  }

  /** A movement due north from {@code p} at 10 m/s for an hour, started a minute before T0. */
  static Movement northward(String id, String party, GeoPoint p, double separationMeters) {
    return new Movement(
        id,
        party,
        List.of(
            new Waypoint(p, T0.minusSeconds(60)),
            new Waypoint(Geo.direct(p, 0, 36_000), T0.plusSeconds(3600 - 60))),
        separationMeters);
  }

  @Test
  void aPairUsesTheLargerSeparationOfItsUnitsPlans() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(40.0, 36.3);
    tracker.plan(northward("m2", "US", p, 3000));
    Mover us = Mover.from(p, 0, 10);
    Mover ru = Mover.from(Geo.direct(p, 90, 2000), 0, 10);
    List<LiveEvent> events =
        tracker.report(List.of(us.report("m2", "US", 0), ru.report("r2", "RU", 0)));
    assertThat(levels(events)).containsExactly(TacticalLevel.WARNING);
    assertThat(tracker.encounters().get(0).separationMeters()).isEqualTo(3000);
    tracker.unplan("US", "m2");
    events = tracker.report(List.of(us.report("m2", "US", 10)));
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(EncounterEnded.class);
    assertThat(((EncounterEnded) events.get(0)).reason()).isEqualTo("clear");
  }

  @Test
  void unitsWithoutAPlanKeepTheSeparationTheirPartiesAgreedWhenTheirReportsSayItIsInForce() {
    LiveTracker tracker = tracker();
    tracker.agreedSeparation("US", "RU", new TreeMap<>(Map.of(at(100), 1500.0, at(200), 800.0)));
    GeoPoint p = GeoPoint.of(40.0, 36.3);
    Mover us = Mover.from(p, 0, 10);
    Mover ru = Mover.from(Geo.direct(p, 90, 1200), 0, 10);
    Mover tr = Mover.from(Geo.direct(p, 270, 1200), 0, 10);
    // before the agreement: the default, 1,000 m; 1,200 m apart is clear
    assertThat(tracker.report(List.of(us.report("u", "US", 0), ru.report("r", "RU", 0)))).isEmpty();
    // from 100 s on: 1,500 m between US and RU; TR has no agreement and keeps the default
    List<LiveEvent> events =
        tracker.report(
            List.of(
                us.report("u", "US", 150), ru.report("r", "RU", 150), tr.report("t", "TR", 150)));
    assertThat(levels(events)).containsExactly(TacticalLevel.WARNING);
    assertThat(tracker.encounters()).hasSize(1);
    assertThat(tracker.encounters().get(0).separationMeters()).isEqualTo(1500);
    assertThat(tracker.encounters().get(0).keyB()).isEqualTo("US/u");
    // from 200 s on: 800 m; the pair is clear once outside 800 m x 1.25
    events = tracker.report(List.of(us.report("u", "US", 250), ru.report("r", "RU", 250)));
    assertThat(events).singleElement().isInstanceOf(EncounterEnded.class);
    // a planned unit keeps its plan's separation when larger than the agreed one
    tracker.plan(northward("u", "US", p, 2000));
    events = tracker.report(List.of(us.report("u", "US", 260)));
    assertThat(levels(events)).containsExactly(TacticalLevel.WARNING, TacticalLevel.WARNING);
    assertThat(tracker.encounters())
        .extracting(Encounter::separationMeters)
        .containsExactly(2000.0, 2000.0);
  }

  @Test
  void encountersAcrossTheAntimeridianAndNearTheLatitudeLimit() {
    for (GeoPoint p : List.of(GeoPoint.of(179.998, 10), GeoPoint.of(-20, 84.9))) {
      LiveTracker tracker = tracker();
      GeoPoint q = Geo.direct(p, 90, 8_000);
      Mover a = Mover.towards(p, q, 20);
      Mover b = Mover.towards(q, p, 20);
      tracker.report(List.of(a.report("a", "US", 0), b.report("b", "RU", 0)));
      Encounter e = tracker.encounters().get(0);
      assertThat(e.level()).as("at %s", p).isEqualTo(TacticalLevel.CAUTION);
      assertThat(seconds(e.timeToLoss().orElseThrow())).as("at %s", p).isCloseTo(175, within(1.0));
    }
  }

  // --- reports -----------------------------------------------------------------------------------

  @Test
  void olderAndDuplicateReportsAreNoOpsAndTheNewestIsKept() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(40.0, 36.0);
    Mover m = Mover.from(p, 45, 10);
    PositionReport r10 = m.report("u", "US", 10);
    PositionReport r20 = m.report("u", "US", 20);
    tracker.report(List.of(r20, r10, r20));
    assertThat(tracker.ignored()).isEqualTo(1);
    assertThat(tracker.applied()).isEqualTo(2);
    Track t = tracker.track("US", "u").orElseThrow();
    assertThat(t.time()).isEqualTo(at(20));
    assertThat(tracker.report(List.of(r10))).isEmpty();
    GeoPoint elsewhere = Geo.direct(p, 0, 5000);
    tracker.report(List.of(PositionReport.of("u", "US", at(20), elsewhere.lon(), elsewhere.lat())));
    assertThat(tracker.ignored()).isEqualTo(3);
    assertThat(tracker.track("US", "u").orElseThrow()).isEqualTo(t);
    assertThat(tracker.track("US", "nobody")).isEmpty();
  }

  @Test
  void theOrderOfReportsInACallDoesNotMatter() {
    GeoPoint west = GeoPoint.of(40.0, 36.5);
    GeoPoint east = Geo.direct(west, 90, 20_000);
    Mover us = Mover.towards(west, east, 20);
    Mover ru = Mover.towards(east, west, 20);
    List<PositionReport> reports = new ArrayList<>();
    for (int s = 0; s < 300; s += 30) {
      reports.add(us.report("u1", "US", s));
      reports.add(ru.bare("r1", "RU", s + 7));
      reports.add(us.report("u1", "US", s));
    }
    List<LiveEvent> expected = tracker().report(reports);
    assertThat(expected).isNotEmpty();
    for (long seed = 1; seed <= 5; seed++) {
      List<PositionReport> shuffled = new ArrayList<>(reports);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(tracker().report(shuffled)).as("seed %d", seed).isEqualTo(expected);
    }
  }

  // --- staleness ---------------------------------------------------------------------------------

  @Test
  void aSilentUnitGoesStaleItsEncountersEndAndItJoinsNoNewOnes() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(40.2, 36.2);
    Mover a = Mover.from(p, 0, 5);
    GeoPoint bAt = Geo.direct(p, 90, 500);
    assertThat(
            levels(tracker.report(List.of(a.report("a", "US", 0), Geo.halted("b", "RU", 0, bAt)))))
        .containsExactly(TacticalLevel.WARNING);
    assertThat(tracker.report(List.of(a.report("a", "US", 60)))).isEmpty();
    assertThat(tracker.report(List.of(a.report("a", "US", 120)))).isEmpty();
    assertThat(tracker.track("RU", "b").orElseThrow().stale(at(120))).isFalse();
    assertThat(tracker.track("RU", "b").orElseThrow().stale(at(120.001))).isTrue();
    List<LiveEvent> events = tracker.report(List.of(a.report("a", "US", 130)));
    assertThat(events).containsExactly(new EncounterEnded("b", "a", "RU", "US", at(130), "stale"));
    assertThat(tracker.encounters()).isEmpty();
    // A stale track takes no part in new encounters, until it reports again.
    Mover c = Mover.from(Geo.direct(bAt, 180, 300), 0, 5);
    assertThat(tracker.report(List.of(c.report("c", "US", 140)))).isEmpty();
    assertThat(levels(tracker.report(List.of(Geo.halted("b", "RU", 150, bAt)))))
        .containsExactly(TacticalLevel.WARNING, TacticalLevel.WARNING);
  }

  @Test
  void tickEndsTheEncountersOfStaleTracks() {
    LiveTracker tracker = tracker();
    GeoPoint p = GeoPoint.of(40.2, 36.2);
    tracker.report(
        List.of(Geo.halted("a", "US", 0, p), Geo.halted("b", "RU", 30, Geo.direct(p, 90, 500))));
    assertThat(tracker.encounters()).hasSize(1);
    assertThat(tracker.tick(at(120))).isEmpty();
    assertThat(tracker.tick(at(121)))
        .containsExactly(new EncounterEnded("b", "a", "RU", "US", at(121), "stale"));
    assertThat(tracker.tick(at(200))).isEmpty();
    assertThat(tracker.now()).contains(at(200));
    // A report that arrives already stale joins nothing.
    assertThat(tracker.report(List.of(Geo.halted("a", "US", 60, p)))).isEmpty();
  }

  // --- conformance -------------------------------------------------------------------------------

  @Test
  void conformanceOnPlanOffTrackLateAndBack() {
    LiveTracker tracker = tracker();
    GeoPoint start = GeoPoint.of(38.5, 36.6);
    GeoPoint end = Geo.direct(start, 90, 60_000);
    tracker.plan(
        new Movement(
            "c1",
            "TR",
            List.of(new Waypoint(start, T0), new Waypoint(end, T0.plusSeconds(3600))),
            1000));
    Mover plan = Mover.towards(start, end, 60_000 / 3600.0);
    assertThat(tracker.report(List.of(Geo.halted("c1", "TR", -600, start)))).isEmpty();
    assertThat(tracker.report(List.of(plan.bare("c1", "TR", 0)))).isEmpty();
    assertThat(tracker.report(List.of(plan.bare("c1", "TR", 600)))).isEmpty();

    GeoPoint off = Geo.direct(plan.at(900), plan.courseAt(900) - 90, 2000);
    ConformanceChanged c = conformance(tracker.report(List.of(report("c1", "TR", 900, off))));
    assertThat(c.conforming()).isFalse();
    assertThat(c.reason()).isEqualTo("off track");
    assertThat(c.movement()).isEqualTo("c1");
    assertThat(c.offTrackMeters()).isCloseTo(2000, within(1.0));
    assertThat(seconds(c.early())).isCloseTo(0, within(1.0));

    c = conformance(tracker.report(List.of(plan.bare("c1", "TR", 1200))));
    assertThat(c.conforming()).isTrue();
    assertThat(c.reason()).isEqualTo("conforming");

    c = conformance(tracker.report(List.of(report("c1", "TR", 2400, plan.at(1500)))));
    assertThat(c.conforming()).isFalse();
    assertThat(c.reason()).isEqualTo("late");
    assertThat(seconds(c.early())).isCloseTo(-900, within(1.0));
    assertThat(c.offTrackMeters()).isLessThan(1.0);
    assertThat(tracker.report(List.of(report("c1", "TR", 2460, plan.at(1560))))).isEmpty();

    c = conformance(tracker.report(List.of(plan.bare("c1", "TR", 2500))));
    assertThat(c.conforming()).isTrue();

    c = conformance(tracker.report(List.of(report("c1", "TR", 2600, plan.at(3320)))));
    assertThat(c.reason()).isEqualTo("early");
    assertThat(seconds(c.early())).isCloseTo(720, within(1.0));
    assertThat(conformance(tracker.report(List.of(plan.bare("c1", "TR", 2700)))).conforming())
        .isTrue();

    // After its end the plan waits at its last waypoint.
    assertThat(tracker.report(List.of(Geo.halted("c1", "TR", 5000, end)))).isEmpty();

    // Withdrawing the plan of a non-conforming unit clears it at its next report.
    c =
        conformance(
            tracker.report(
                List.of(
                    report("c1", "TR", 5100, Geo.direct(end, plan.courseAt(3600) - 90, 3000)))));
    assertThat(c.reason()).isEqualTo("off track");
    tracker.unplan("TR", "c1");
    c =
        conformance(
            tracker.report(
                List.of(
                    report("c1", "TR", 5200, Geo.direct(end, plan.courseAt(3600) - 90, 3000)))));
    assertThat(c.conforming()).isTrue();
    assertThat(c.reason()).isEqualTo("plan removed");
    assertThat(c.movement()).isEqualTo("c1");
  }

  @Test
  void theFirstReportTellsOnlyNonConformance() {
    LiveTracker tracker = tracker();
    GeoPoint start = GeoPoint.of(38.5, 36.6);
    GeoPoint end = Geo.direct(start, 0, 20_000);
    tracker.plan(
        new Movement(
            "c2",
            "TR",
            List.of(new Waypoint(start, T0), new Waypoint(end, T0.plusSeconds(2000))),
            1000));
    ConformanceChanged c =
        conformance(tracker.report(List.of(report("c2", "TR", 0, Geo.direct(start, 90, 1500)))));
    assertThat(c.reason()).isEqualTo("off track");
    assertThat(c.offTrackMeters()).isCloseTo(1500, within(1.0));
    // Off track and late.
    LiveTracker other = tracker();
    other.plan(
        new Movement(
            "c2",
            "TR",
            List.of(new Waypoint(start, T0), new Waypoint(end, T0.plusSeconds(2000))),
            1000));
    c = conformance(other.report(List.of(report("c2", "TR", 1900, Geo.direct(start, 270, 1500)))));
    assertThat(c.reason()).isEqualTo("off track, late");
  }

  // --- incursions --------------------------------------------------------------------------------

  @Test
  void noticeZoneWithAndWithoutACoveringPlan() {
    LiveTracker tracker = tracker();
    GeoPoint centre = GeoPoint.of(40.5, 36.8);
    tracker.zone("z1", zone("z1", "RU", centre, 0.02, Validity.always()), Access.NOTICE);
    GeoPoint inside = Geo.direct(centre, 45, 500);
    GeoPoint outside = Geo.direct(centre, 45, 5000);

    IncursionChanged in = incursion(tracker.report(List.of(report("u9", "US", 0, inside))));
    assertThat(in)
        .isEqualTo(
            new IncursionChanged(
                "u9", "US", "z1", "RU", "zone", at(0), true, TacticalLevel.ADVISORY));
    assertThat(tracker.report(List.of(report("u9", "US", 10, inside)))).isEmpty();
    assertThat(incursion(tracker.report(List.of(report("u9", "US", 20, outside)))))
        .isEqualTo(
            new IncursionChanged(
                "u9", "US", "z1", "RU", "zone", at(20), false, TacticalLevel.NONE));
    // The zone's own party, and open zones, never alert.
    assertThat(incursions(tracker.report(List.of(report("r9", "RU", 30, inside))))).isEmpty();
    tracker.zone("z3", zone("z3", "TR", centre, 0.05, Validity.always()), Access.OPEN);
    assertThat(tracker.report(List.of(report("u9", "US", 31, outside)))).isEmpty();

    // A unit whose plan crosses the zone at about that time is covered.
    GeoPoint west = Geo.direct(centre, 270, 6000);
    GeoPoint east = Geo.direct(centre, 90, 6000);
    tracker.plan(
        new Movement(
            "m1",
            "US",
            List.of(new Waypoint(west, T0), new Waypoint(east, T0.plusSeconds(1200))),
            500));
    assertThat(tracker.report(List.of(report("m1", "US", 600, centre)))).isEmpty();
    assertThat(tracker.report(List.of(report("m1", "US", 1000, centre))))
        .as("late by under 10 min: still covered")
        .isEmpty();
    // Long after its plan ended, the plan waits at its last waypoint, outside the zone.
    IncursionChanged late =
        incursion(incursions(tracker.report(List.of(report("m1", "US", 3600, centre)))));
    assertThat(late.inside()).isTrue();
    assertThat(late.level()).isEqualTo(TacticalLevel.ADVISORY);
  }

  @Test
  void forbiddenZoneWarnsAtOnceAndAccessChangesAreTold() {
    LiveTracker tracker = tracker();
    GeoPoint centre = GeoPoint.of(40.5, 36.8);
    tracker.zone("z2", zone("z2", "RU", centre, 0.02, Validity.always()), Access.FORBIDDEN);
    IncursionChanged in = incursion(tracker.report(List.of(report("u8", "US", 0, centre))));
    assertThat(in.level()).isEqualTo(TacticalLevel.WARNING);
    tracker.zone("z2", zone("z2", "RU", centre, 0.02, Validity.always()), Access.NOTICE);
    in = incursion(tracker.report(List.of(report("u8", "US", 10, centre))));
    assertThat(in.level()).isEqualTo(TacticalLevel.ADVISORY);
    assertThat(in.time()).isEqualTo(at(10));
    // A zone not valid at the report's time does not count.
    tracker.zone(
        "z2", zone("z2", "RU", centre, 0.02, new Validity(at(100), at(200))), Access.FORBIDDEN);
    assertThat(incursion(tracker.report(List.of(report("u8", "US", 20, centre)))).inside())
        .isFalse();
    assertThat(incursion(tracker.report(List.of(report("u8", "US", 150, centre)))).level())
        .isEqualTo(TacticalLevel.WARNING);
    tracker.remove("z2");
    assertThat(incursion(tracker.report(List.of(report("u8", "US", 160, centre)))).inside())
        .isFalse();
  }

  /**
   * Regression (D37): incursions ignored a zone's altitude band. A US helicopter at 200 m was told
   * it was inside Russia's forbidden air corridor from 1,000 to 3,000 m, and a site's band was as
   * much ignored. Now a unit is inside an item with a band only while its reported height is
   * strictly inside it; a unit that reports no height is on the ground band (every height).
   */
  @Test
  void incursionsIgnoredTheZonesBand() {
    LiveTracker tracker = tracker();
    GeoPoint centre = GeoPoint.of(40.5, 36.8);
    Zone square = zone("air", "RU", centre, 0.02, Validity.always());
    tracker.zone(
        "air",
        new Zone("air", "RU", square.geometry(), Validity.always(), Band.of(1_000, 3_000)),
        Access.FORBIDDEN);
    assertThat(incursions(tracker.report(List.of(at(0, "u1", centre, 200))))).isEmpty();
    IncursionChanged in = incursion(tracker.report(List.of(at(10, "u1", centre, 2_000))));
    assertThat(in.inside()).isTrue();
    assertThat(in.level()).isEqualTo(TacticalLevel.WARNING);
    IncursionChanged out = incursion(tracker.report(List.of(at(20, "u1", centre, 3_000))));
    assertThat(out.inside()).as("on the ceiling is outside").isFalse();
    assertThat(incursion(tracker.report(List.of(report("u2", "US", 30, centre)))).inside())
        .as("no height: the ground band, every height")
        .isTrue();

    tracker.site(new Site("s1", "RU", centre, 500, Validity.always(), Band.of(0, 150)));
    List<LiveEvent> high = incursions(tracker.report(List.of(at(40, "u1", centre, 200))));
    assertThat(high).isEmpty();
    IncursionChanged low = incursion(tracker.report(List.of(at(50, "u1", centre, 100))));
    assertThat(low.itemId()).isEqualTo("s1");
    assertThat(low.inside()).isTrue();
  }

  /** A US unit's report at {@code p} at {@code hae} metres above the ellipsoid, standing still. */
  private static PositionReport at(double seconds, String unit, GeoPoint p, double hae) {
    return new PositionReport(
        unit, "US", at(seconds), p.lon(), p.lat(), Double.NaN, 0, Double.NaN, hae);
  }

  @Test
  void siteRadius() {
    LiveTracker tracker = tracker();
    GeoPoint centre = GeoPoint.of(40.9, 36.3);
    tracker.site(new Site("s1", "RU", centre, 500, Validity.always()));
    tracker.site(new Site("s2", "RU", centre, 500, new Validity(at(1000), at(2000))));
    IncursionChanged in =
        incursion(tracker.report(List.of(report("u7", "US", 0, Geo.direct(centre, 10, 400)))));
    assertThat(in)
        .isEqualTo(
            new IncursionChanged(
                "u7", "US", "s1", "RU", "site", at(0), true, TacticalLevel.ADVISORY));
    assertThat(tracker.report(List.of(report("u7", "US", 10, Geo.direct(centre, 200, 499)))))
        .isEmpty();
    assertThat(
            incursion(tracker.report(List.of(report("u7", "US", 20, Geo.direct(centre, 200, 501)))))
                .inside())
        .isFalse();
    assertThat(incursions(tracker.report(List.of(report("r7", "RU", 30, centre))))).isEmpty();
    // Two sites at once, in id order; removing one ends its incursion at the next report.
    List<LiveEvent> both = incursions(tracker.report(List.of(report("u7", "US", 1500, centre))));
    assertThat(both).extracting(e -> ((IncursionChanged) e).itemId()).containsExactly("s1", "s2");
    tracker.remove("s1");
    IncursionChanged out = incursion(tracker.report(List.of(report("u7", "US", 1510, centre))));
    assertThat(out.itemId()).isEqualTo("s1");
    assertThat(out.inside()).isFalse();
  }

  // --- helpers -----------------------------------------------------------------------------------

  static PositionReport report(String unit, String party, double seconds, GeoPoint p) {
    return PositionReport.of(unit, party, at(seconds), p.lon(), p.lat());
  }

  static List<LiveEvent> incursions(List<LiveEvent> events) {
    return events.stream().filter(e -> e instanceof IncursionChanged).toList();
  }

  static ConformanceChanged conformance(List<LiveEvent> events) {
    assertThat(events).hasSize(1);
    return (ConformanceChanged) events.get(0);
  }

  static IncursionChanged incursion(List<LiveEvent> events) {
    assertThat(events).hasSize(1);
    return (IncursionChanged) events.get(0);
  }

  static Zone zone(
      String id, String party, GeoPoint centre, double halfDegrees, Validity validity) {
    GeometryFactory f = new GeometryFactory();
    double x = centre.lon();
    double y = centre.lat();
    Polygon square =
        f.createPolygon(
            new Coordinate[] {
              new Coordinate(x - halfDegrees, y - halfDegrees),
              new Coordinate(x + halfDegrees, y - halfDegrees),
              new Coordinate(x + halfDegrees, y + halfDegrees),
              new Coordinate(x - halfDegrees, y + halfDegrees),
              new Coordinate(x - halfDegrees, y - halfDegrees)
            });
    return new Zone(id, party, square, validity);
  }
}
