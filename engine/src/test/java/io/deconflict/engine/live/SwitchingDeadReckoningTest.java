package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.live.Geo.Mover;
import io.deconflict.engine.live.LiveEvent.EncounterChanged;
import io.deconflict.engine.live.LiveEvent.EncounterEnded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveTracker#reckon}: dead reckoning switched on or off in the middle of a run (where the
 * service's journal records a change of its settings). Two units head-on at 20 m/s from 40 km,
 * reporting every 7 s exactly along their geodesics, and a third unit far to the north whose pairs
 * are only queued: switched off, the tracker goes on exactly as one that never reckoned; switched
 * on, the next level changes come at their boundaries; a state taken after a switch restores under
 * the new settings and goes on alike.
 */
class SwitchingDeadReckoningTest {

  private static final LiveSettings ON = LiveSettings.DEFAULT;
  private static final LiveSettings OFF =
      LiveSettings.DEFAULT.withDeadReckoning(LiveSettings.DeadReckoning.OFF);

  private static final GeoPoint WEST = GeoPoint.of(40.0, 36.5);
  private static final GeoPoint EAST = Geo.direct(WEST, 90, 40_000);

  private final Mover us = Mover.towards(WEST, EAST, 20);
  private final Mover ru = Mover.towards(EAST, WEST, 20);

  /** Southbound 12 km north of the meeting point: it comes within the look-ahead, never close. */
  private final Mover tr = Mover.from(Geo.direct(Geo.direct(WEST, 90, 20_000), 0, 30_000), 180, 6);

  private List<PositionReport> round(double s) {
    return List.of(us.report("u1", "US", s), ru.report("r1", "RU", s), tr.report("t1", "TR", s));
  }

  @Test
  void switchedOffMidwayItGoesOnExactlyAsATrackerThatNeverReckoned() {
    LiveTracker switched = new LiveTracker(ON);
    LiveTracker off = new LiveTracker(OFF);
    double s = 1;
    for (; s <= 400; s += 7) {
      switched.report(round(s));
      off.report(round(s));
    }
    assertThat(switched.scheduled()).isPositive();
    switched.reckon(LiveSettings.DeadReckoning.OFF);
    assertThat(switched.reckoning()).isFalse();
    assertThat(switched.scheduled()).isZero();
    assertThat(switched.nextDue()).isEmpty();
    List<String> seen = new ArrayList<>();
    for (; s <= 1100; s += 7) {
      List<LiveEvent> a = switched.report(round(s));
      List<LiveEvent> b = off.report(round(s));
      assertThat(a).as("at %s s", s).isEqualTo(b);
      record(a, seen);
    }
    assertThat(levels(seen)).containsExactly("CAUTION", "WARNING", "clear");
    assertThat(switched.encounters()).isEqualTo(off.encounters());
    assertThat(switched.tracks()).isEqualTo(off.tracks());
  }

  @Test
  void switchedOnMidwayTheNextLevelChangesComeAtTheirBoundaries() {
    LiveTracker switched = new LiveTracker(OFF);
    double s = 1;
    for (; s <= 400; s += 7) {
      switched.report(round(s));
    }
    assertThat(switched.scheduled()).isZero();
    switched.reckon(LiveSettings.DeadReckoning.DEFAULT);
    assertThat(switched.reckoning()).isTrue();
    List<String> seen = new ArrayList<>();
    for (; s <= 1100; s += 7) {
      record(switched.report(round(s)), seen);
    }
    assertThat(levels(seen)).containsExactly("CAUTION", "WARNING", "clear");
    double[] boundaries = {675, 915, 1031.25};
    for (int i = 0; i < boundaries.length; i++) {
      assertThat(time(seen.get(i))).as(seen.get(i)).isCloseTo(boundaries[i], within(0.05));
    }
    assertThat(switched.absorbed()).isPositive();
  }

  @Test
  void onlyTheTolerancesChangedTheLaterReportsAreCheckedAgainstTheNewOnes() {
    LiveTracker t = new LiveTracker(ON);
    t.report(us.report("u1", "US", 0));
    t.report(us.report("u1", "US", 5));
    assertThat(t.absorbed()).isEqualTo(1);
    t.reckon(new LiveSettings.DeadReckoning(true, 20, 0.25, 0.5));
    assertThat(t.settings()).isEqualTo(ON);
    // 15 m sideways: within 20 m, beyond 10 m.
    t.reckon(new LiveSettings.DeadReckoning(true, 10, 0.25, 0.5));
    GeoPoint aside = Geo.direct(us.at(10), 0, 15);
    t.report(
        PositionReport.of(
            "u1", "US", T0.plusSeconds(10), aside.lon(), aside.lat(), us.courseAt(10), 20));
    assertThat(t.absorbed()).isEqualTo(1);
    assertThat(t.reckoning()).isTrue();
  }

  @Test
  void aStateTakenAfterASwitchRestoresUnderTheNewSettingsAndGoesOnAlike() {
    LiveTracker original = new LiveTracker(OFF);
    double s = 1;
    for (; s <= 400; s += 7) {
      original.report(round(s));
    }
    original.reckon(LiveSettings.DeadReckoning.DEFAULT);
    for (; s <= 500; s += 7) {
      original.report(round(s));
    }
    LiveTracker restored = LiveTracker.restore(ON, original.state());
    assertThat(restored.state()).isEqualTo(original.state());
    for (; s <= 1100; s += 7) {
      assertThat(restored.report(round(s))).as("at %s s", s).isEqualTo(original.report(round(s)));
    }
    assertThat(restored.state()).isEqualTo(original.state());
  }

  private static void record(List<LiveEvent> events, List<String> seen) {
    for (LiveEvent e : events) {
      if (e instanceof EncounterChanged c) {
        seen.add(c.encounter().level() + "@" + seconds(c.encounter().time()));
      } else if (e instanceof EncounterEnded end) {
        seen.add(end.reason() + "@" + seconds(end.time()));
      }
    }
  }

  private static List<String> levels(List<String> seen) {
    return seen.stream().map(x -> x.substring(0, x.indexOf('@'))).toList();
  }

  private static double time(String seen) {
    return Double.parseDouble(seen.substring(seen.indexOf('@') + 1));
  }

  private static double seconds(java.time.Instant t) {
    return Duration.between(T0, t).toMillis() / 1000.0;
  }
}
