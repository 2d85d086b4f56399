package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.live.LiveEvent.EncounterChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression (the merge of dead reckoning onto retention): when {@link LiveTracker#forget} moved
 * the last slot's unit into a freed slot, the unit's freshness (the time of its newest report,
 * which dead reckoning keeps per slot) stayed that of the forgotten unit, so a unit that had just
 * reported counted as stale and took part in no encounter. With dead reckoning on and off.
 */
class ForgottenSlotTakesItsNewUnitsFreshnessTest {

  private static final GeoPoint HERE = GeoPoint.of(40.0, 36.5);

  @Test
  void withDeadReckoning() {
    check(LiveSettings.DEFAULT);
  }

  @Test
  void withoutDeadReckoning() {
    check(LiveSettings.DEFAULT.withDeadReckoning(LiveSettings.DeadReckoning.OFF));
  }

  private static void check(LiveSettings settings) {
    LiveTracker t = new LiveTracker(settings);
    t.report(Geo.halted("a", "US", 0, Geo.direct(HERE, 0, 200_000)));
    t.report(Geo.halted("c", "US", 1000, HERE));
    assertThat(t.forget(T0.plusSeconds(500))).isEqualTo(1);
    assertThat(t.units()).isEqualTo(1);
    List<LiveEvent> events = t.report(Geo.halted("r", "RU", 1010, Geo.direct(HERE, 90, 500)));
    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            EncounterChanged.class,
            e -> assertThat(e.encounter().level()).isEqualTo(TacticalLevel.WARNING));
  }
}
