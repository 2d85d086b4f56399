package io.deconflict.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.live.Geo.Mover;
import io.deconflict.engine.live.LiveEvent.EncounterChanged;
import io.deconflict.engine.live.LiveEvent.EncounterEnded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The events of one call are sorted by kind, then by {@code party/unit} of unit A compared as a
 * string (so a party named {@code a-b} sorts before {@code a}, whose key continues with {@code /}),
 * then unit B: the order {@link LiveTracker} has always given, kept when it started comparing the
 * units' keys instead of walking party and unit apart.
 */
class EventsSortByPartyAndUnitTest {

  private static final String[][] UNITS = {
    {"ab", "u1"}, {"a", "u10"}, {"a.b", "u1"}, {"a", "u1"}, {"a-b", "u1"}, {"a", "u2"}
  };

  @Test
  void encountersRaisedAndEndedInOneCallComeInKeyOrder() {
    for (LiveSettings settings :
        List.of(
            LiveSettings.DEFAULT,
            LiveSettings.DEFAULT.withDeadReckoning(LiveSettings.DeadReckoning.OFF))) {
      LiveTracker tracker = new LiveTracker(settings);
      List<PositionReport> first = new ArrayList<>();
      List<PositionReport> away = new ArrayList<>();
      for (int i = 0; i < UNITS.length; i++) {
        // Each pair 50 km from the next, 600 m apart: inside separation at once.
        GeoPoint at = Geo.direct(GeoPoint.of(40.0, 36.0), 0, 50_000.0 * i);
        GeoPoint other = Geo.direct(at, 90, 600);
        Mover a = Mover.from(at, 270, 10);
        Mover z = Mover.from(other, 90, 10);
        first.add(a.report(UNITS[i][1], UNITS[i][0], 0));
        first.add(z.report("z" + i, "zulu", 0));
        away.add(a.report(UNITS[i][1], UNITS[i][0], 100));
        away.add(z.report("z" + i, "zulu", 100));
      }
      List<String> raised = new ArrayList<>();
      for (LiveEvent e : tracker.report(first)) {
        Encounter c = ((EncounterChanged) e).encounter();
        raised.add(c.partyA() + "/" + c.unitA());
      }
      assertThat(raised)
          .as("%s", settings.deadReckoning())
          .containsExactly("a-b/u1", "a.b/u1", "a/u1", "a/u10", "a/u2", "ab/u1");
      List<String> ended = new ArrayList<>();
      for (LiveEvent e : tracker.report(away)) {
        EncounterEnded x = (EncounterEnded) e;
        ended.add(x.partyA() + "/" + x.unitA());
      }
      assertThat(ended).isEqualTo(raised);
    }
  }
}
