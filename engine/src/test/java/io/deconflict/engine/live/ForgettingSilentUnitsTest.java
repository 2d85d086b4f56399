package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.live.Geo.Mover;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LiveTracker#forget}: units gone silent leave the tracker, nothing else changes (D26). */
class ForgettingSilentUnitsTest {

  private static LiveTracker tracker(boolean bruteForce) {
    return new LiveTracker(LiveSettings.DEFAULT, bruteForce);
  }

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  /** What an event says, without the last bits of its distances (slots decide those). */
  private static String summary(LiveEvent e) {
    if (e instanceof LiveEvent.EncounterChanged c) {
      return c.encounter().unitA()
          + "-"
          + c.encounter().unitB()
          + " "
          + c.encounter().level()
          + " @"
          + c.encounter().time();
    }
    if (e instanceof LiveEvent.EncounterEnded end) {
      return end.unitA() + "-" + end.unitB() + " ended " + end.reason() + " @" + end.time();
    }
    return e.toString();
  }

  @ParameterizedTest(name = "bruteForce={0}")
  @ValueSource(booleans = {false, true})
  void aSilentUnitIsForgottenAndTheEncounterOfTheOthersGoesOnAsIfItNeverWas(boolean bruteForce) {
    GeoPoint west = GeoPoint.of(40.0, 36.5);
    GeoPoint east = Geo.direct(west, 90, 40_000);
    Mover us = Mover.towards(west, east, 20);
    Mover ru = Mover.towards(east, west, 20);
    Mover far = Mover.towards(GeoPoint.of(10, 10), GeoPoint.of(10.1, 10), 5);
    LiveTracker forgetting = tracker(bruteForce);
    LiveTracker reference = tracker(bruteForce);
    // the silent unit takes slot 0, so forgetting it moves another unit into that slot
    forgetting.report(List.of(far.report("s1", "US", 0)));
    List<String> seen = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    int forgotten = 0;
    for (int k = 0; k <= 70; k++) {
      double s = 15 * k + 5;
      List<PositionReport> reports = List.of(us.report("u1", "US", s), ru.report("r1", "RU", s));
      forgetting.report(reports).forEach(e -> seen.add(summary(e)));
      reference.report(reports).forEach(e -> expected.add(summary(e)));
      if (k == 10) {
        forgotten = forgetting.forget(at(s - 60));
        assertThat(forgetting.track("US", "s1")).isEmpty();
        assertThat(forgetting.units()).isEqualTo(2);
      }
    }
    assertThat(forgotten).isEqualTo(1);
    assertThat(seen).isEqualTo(expected).isNotEmpty();
    assertThat(forgetting.tracks()).extracting(Track::unit).containsExactly("r1", "u1");
  }

  @Test
  void unitsInAnEncounterAreKeptHoweverOldTheirReport() {
    GeoPoint west = GeoPoint.of(40.0, 36.5);
    GeoPoint east = Geo.direct(west, 90, 4_000);
    LiveTracker tracker = tracker(false);
    tracker.report(
        List.of(
            Mover.towards(west, east, 20).report("u1", "US", 0),
            Mover.towards(east, west, 20).report("r1", "RU", 0)));
    assertThat(tracker.encounters()).hasSize(1);

    assertThat(tracker.forget(at(3600))).isZero();
    assertThat(tracker.units()).isEqualTo(2);
  }

  @Test
  void aForgottenUnitThatReportsAgainStartsAfreshAndASnapshotAfterForgettingRestoresTheSame() {
    Mover far = Mover.towards(GeoPoint.of(10, 10), GeoPoint.of(10.1, 10), 5);
    Mover other = Mover.towards(GeoPoint.of(20, 10), GeoPoint.of(20.1, 10), 5);
    LiveTracker tracker = tracker(false);
    tracker.report(List.of(far.report("s1", "US", 0), other.report("o1", "RU", 0)));
    tracker.report(List.of(other.report("o1", "RU", 7200)));
    assertThat(tracker.forget(at(3600))).isEqualTo(1);

    LiveTracker restored = LiveTracker.restore(LiveSettings.DEFAULT, tracker.state());
    assertThat(restored.state()).isEqualTo(tracker.state());
    assertThat(restored.tracks()).isEqualTo(tracker.tracks());

    tracker.report(List.of(far.report("s1", "US", 7300)));
    assertThat(tracker.track("US", "s1").orElseThrow().time()).isEqualTo(at(7300));
    assertThat(tracker.units()).isEqualTo(2);
  }
}
