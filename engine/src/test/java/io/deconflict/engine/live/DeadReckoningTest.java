package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.live.Geo.Mover;
import io.deconflict.engine.live.LiveEvent.EncounterChanged;
import io.deconflict.engine.live.LiveEvent.EncounterEnded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dead reckoning on scenarios whose answers are known: units moving along geodesics (GeographicLib)
 * report exactly along their predictions, depart from them, or fall silent while a level change
 * comes due. Each is run beside the tracker with dead reckoning off.
 */
class DeadReckoningTest {

  private static final LiveSettings ON = LiveSettings.DEFAULT;
  private static final LiveSettings OFF =
      LiveSettings.DEFAULT.withDeadReckoning(LiveSettings.DeadReckoning.OFF);

  /** 40 km apart head-on at 20 m/s each: loss at 975 s, apart by 1,250 m at 1,031.25 s. */
  private static final GeoPoint WEST = GeoPoint.of(40.0, 36.5);

  private static final GeoPoint EAST = Geo.direct(WEST, 90, 40_000);

  @Test
  void reportsAlongThePredictionRaiseTheSameLevelsEachAtItsBoundary() {
    Mover us = Mover.towards(WEST, EAST, 20);
    Mover ru = Mover.towards(EAST, WEST, 20);
    LiveTracker on = new LiveTracker(ON);
    LiveTracker off = new LiveTracker(OFF);
    List<String> seenOn = new ArrayList<>();
    List<String> seenOff = new ArrayList<>();
    List<Double> lossOn = new ArrayList<>();
    List<Double> lossOff = new ArrayList<>();
    // Every 7 s, so that no report falls on a boundary.
    for (double s = 1; s <= 1100; s += 7) {
      List<PositionReport> reports = List.of(us.report("u1", "US", s), ru.report("r1", "RU", s));
      record(on.report(reports), seenOn, lossOn);
      record(off.report(reports), seenOff, lossOff);
    }
    // Boundaries: ADVISORY 975 - 900 = 75 s, CAUTION 675 s, WARNING 915 s, clear 1,031.25 s.
    assertThat(levels(seenOn)).containsExactly("ADVISORY", "CAUTION", "WARNING", "clear");
    assertThat(levels(seenOn)).isEqualTo(levels(seenOff));
    double[] boundaries = {75, 675, 915, 1031.25};
    for (int i = 0; i < boundaries.length; i++) {
      double tOn = time(seenOn.get(i));
      double tOff = time(seenOff.get(i));
      assertThat(tOn)
          .as("dead reckoning, %s", seenOn.get(i))
          .isCloseTo(boundaries[i], within(0.05));
      assertThat(tOff).as("every report, %s", seenOff.get(i)).isBetween(tOn, tOn + 7);
    }
    // The same loss instant, from the encounters as told.
    for (int i = 0; i < lossOn.size(); i++) {
      assertThat(lossOn.get(i)).isCloseTo(975, within(0.05));
      assertThat(lossOff.get(i)).isCloseTo(975, within(0.05));
    }
    assertThat(on.absorbed()).as("reports absorbed").isEqualTo(on.applied() - 2);
    assertThat(on.evaluations()).isLessThan(off.evaluations() / 10);
  }

  @Test
  void aUnitThatTurnsTowardsAnotherIsReevaluatedAtThatReport() {
    // A halted unit, and one 3 km east of it northbound at 15 m/s: nothing. At 300 s the moving
    // one turns towards the halted one.
    GeoPoint halted = GeoPoint.of(40.0, 36.5);
    Mover north = Mover.from(Geo.direct(halted, 90, 3_000), 0, 15);
    LiveTracker on = new LiveTracker(ON);
    LiveTracker off = new LiveTracker(OFF);
    for (double s = 0; s < 300; s += 5) {
      List<PositionReport> reports =
          List.of(Geo.halted("w", "US", s, halted), north.report("e", "RU", s));
      assertThat(on.report(reports)).isEmpty();
      assertThat(off.report(reports)).isEmpty();
    }
    GeoPoint turnedAt = north.at(300);
    long evaluationsBefore = on.evaluations();
    List<PositionReport> turn =
        List.of(
            Geo.halted("w", "US", 300, halted),
            PositionReport.of(
                "e",
                "RU",
                T0.plusSeconds(300),
                turnedAt.lon(),
                turnedAt.lat(),
                Geo.azimuth(turnedAt, halted),
                15));
    List<LiveEvent> eventsOn = on.report(turn);
    List<LiveEvent> eventsOff = off.report(turn);
    assertThat(eventsOn).hasSize(1).isEqualTo(eventsOff);
    Encounter e = ((EncounterChanged) eventsOn.get(0)).encounter();
    assertThat(e.time()).isEqualTo(T0.plusSeconds(300));
    assertThat(e.level()).isEqualTo(TacticalLevel.CAUTION);
    assertThat(seconds(e.timeToLoss().orElseThrow()))
        .isCloseTo((Geo.distance(turnedAt, halted) - 1000) / 15, within(1.0));
    assertThat(on.evaluations()).isGreaterThan(evaluationsBefore);
    assertThat(on.absorbed()).as("all but the first and the turn").isEqualTo(on.applied() - 3);
  }

  @Test
  void aBoundaryDueWithoutReportsFiresAtItsEventTimeOnATick() {
    Mover us = Mover.towards(WEST, EAST, 20);
    Mover ru = Mover.towards(EAST, WEST, 20);
    LiveTracker on = new LiveTracker(ON);
    // Reports every 100 s (fresh for 120 s), exactly along the prediction: no level changes at
    // reports; the tracker's "now" is advanced by ticks only.
    List<String> seen = new ArrayList<>();
    List<Double> loss = new ArrayList<>();
    for (double s = 0; s <= 700; s += 100) {
      record(on.report(List.of(us.report("u1", "US", s), ru.report("r1", "RU", s))), seen, loss);
      record(on.tick(T0.plusSeconds((long) s + 90)), seen, loss);
    }
    // ADVISORY due at 75 s (told by the tick at 90 s), CAUTION at 675 s (the tick at 690 s).
    assertThat(seen).hasSize(2);
    assertThat(levels(seen)).containsExactly("ADVISORY", "CAUTION");
    assertThat(time(seen.get(0))).isCloseTo(75, within(0.05));
    assertThat(time(seen.get(1))).isCloseTo(675, within(0.05));
    Encounter e = on.encounters().get(0);
    assertThat(seconds(e.timeToLoss().orElseThrow())).isCloseTo(300, within(0.05));
    assertThat(e.distanceNowMeters()).isCloseTo(40_000 - 40 * 675, within(1.0));
    assertThat(on.absorbed()).isEqualTo(on.applied() - 2);
  }

  @Test
  void aSilentPairTellsWhatCameDueWhileItWasFreshThenEndsStale() {
    Mover us = Mover.towards(WEST, EAST, 20);
    Mover ru = Mover.towards(EAST, WEST, 20);
    LiveTracker on = new LiveTracker(ON);
    on.report(List.of(us.report("u1", "US", 0), ru.report("r1", "RU", 0)));
    assertThat(on.scheduled()).isEqualTo(1);
    // The ADVISORY is due at 75 s; both go stale after 120 s.
    List<LiveEvent> events = on.tick(T0.plusSeconds(100));
    assertThat(events).hasSize(1);
    assertThat(seconds(((EncounterChanged) events.get(0)).encounter().time()))
        .isCloseTo(75, within(0.05));
    events = on.tick(T0.plusSeconds(200));
    assertThat(events)
        .containsExactly(new EncounterEnded("r1", "u1", "RU", "US", T0.plusSeconds(200), "stale"));
    assertThat(on.encounters()).isEmpty();
    assertThat(on.scheduled()).isZero();
  }

  @Test
  void aReportOffThePredictionByMoreThanTheToleranceIsApplied() {
    LiveTracker on = new LiveTracker(ON);
    Mover us = Mover.from(WEST, 90, 10);
    on.report(us.report("u1", "US", 0));
    on.report(us.report("u1", "US", 5));
    assertThat(on.absorbed()).isEqualTo(1);
    // 25 m sideways: beyond the 20 m tolerance.
    GeoPoint off = Geo.direct(us.at(10), 0, 25);
    on.report(PositionReport.of("u1", "US", T0.plusSeconds(10), off.lon(), off.lat(), 90, 10));
    assertThat(on.absorbed()).isEqualTo(1);
    // Speed 0.3 m/s off: beyond 0.25 m/s.
    GeoPoint at15 = us.at(15);
    on.report(
        PositionReport.of(
            "u1", "US", T0.plusSeconds(15), at15.lon(), at15.lat(), us.courseAt(15), 10.3));
    assertThat(on.absorbed()).isEqualTo(1);
    // Within every tolerance: 15 m sideways, 0.2 m/s, 0.4 degrees.
    GeoPoint near = Geo.direct(us.at(20), 0, 15);
    on.report(
        PositionReport.of(
            "u1", "US", T0.plusSeconds(20), near.lon(), near.lat(), us.courseAt(20) + 0.4, 10.2));
    assertThat(on.absorbed()).isEqualTo(2);
    // The track shows the newest report, not the prediction.
    Track t = on.track("US", "u1").orElseThrow();
    assertThat(t.time()).isEqualTo(T0.plusSeconds(20));
    assertThat(Geo.distance(t.position(), near)).isLessThan(1e-6);
  }

  private static void record(List<LiveEvent> events, List<String> seen, List<Double> loss) {
    for (LiveEvent e : events) {
      if (e instanceof EncounterChanged c) {
        Encounter x = c.encounter();
        seen.add(x.level() + "@" + seconds(x.time()));
        x.timeToLoss().ifPresent(d -> loss.add(seconds(x.time()) + seconds(d)));
      } else if (e instanceof EncounterEnded end) {
        seen.add(end.reason() + "@" + seconds(end.time()));
      }
    }
  }

  private static List<String> levels(List<String> seen) {
    return seen.stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
  }

  private static double time(String seen) {
    return Double.parseDouble(seen.substring(seen.indexOf('@') + 1));
  }

  private static double seconds(Instant t) {
    return Duration.between(T0, t).toMillis() / 1000.0;
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
