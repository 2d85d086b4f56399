package io.deconflict.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Waypoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bug: the tracker kept plans by movement id alone, so two parties that both notified a movement
 * {@code m1} overwrote each other's plan, and a unit was checked against the other party's route.
 */
class PlansArePerPartyTest {

  static final Instant T = Instant.parse("2022-10-08T09:00:00Z");

  static Movement eastward(String party, double lat) {
    return new Movement(
        "m1",
        party,
        List.of(Waypoint.of(40.0, lat, T), Waypoint.of(40.5, lat, T.plusSeconds(7200))),
        1000);
  }

  @Test
  void twoPartiesMayFollowPlansWithTheSameId() {
    LiveTracker tracker = new LiveTracker(LiveSettings.DEFAULT);
    tracker.plan(eastward("US", 36.0));
    tracker.plan(eastward("RU", 37.0));
    // each unit on its own party's plan: nothing to say
    assertThat(
            tracker.report(
                List.of(
                    PositionReport.of("m1", "US", T.plusSeconds(60), 40.0042, 36.0),
                    PositionReport.of("m1", "RU", T.plusSeconds(60), 40.0042, 37.0))))
        .noneMatch(e -> e instanceof LiveEvent.ConformanceChanged);
    tracker.unplan("RU", "m1");
    // the US plan is still there: the US unit going 3 km off it is non-conforming
    List<LiveEvent> events =
        tracker.report(List.of(PositionReport.of("m1", "US", T.plusSeconds(120), 40.0083, 36.03)));
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e).isInstanceOf(LiveEvent.ConformanceChanged.class);
              assertThat(((LiveEvent.ConformanceChanged) e).conforming()).isFalse();
            });
  }
}
