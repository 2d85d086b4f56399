package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.live.Geo.Mover;
import io.deconflict.engine.live.LiveEvent.EncounterChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Live closest approach in three dimensions (D37) on reference encounters worked out by hand from
 * the DAIDALUS formulation for linear motion (Muñoz, Narkawicz, Chamberlain, "A TCAS-II Resolution
 * Advisory Detection Algorithm", and the DAIDALUS reference manual, NASA/TM-2017-219766): the
 * horizontal loss of separation is the interval where {@code |s + v t| < S} in the horizontal
 * plane, the vertical one where {@code |sz + vz t| < V}, and separation is lost on their
 * intersection; the time to loss is its start. Here the horizontal part is a head-on closure at 40
 * m/s from 40 km with S = 1,000 m, evaluated at t = 300 s: horizontal loss from 675 s to 725 s
 * after the evaluation (the tangent-plane model is within 0.05 s of that, D12). The vertical part
 * is exact: V = 300 m, unit B's vertical rate derived from its two reports 10 s apart.
 *
 * <p>Every case runs with and without dead reckoning, in the indexed and the brute-force tracker.
 */
class VerticalEncountersTest {

  private static final GeoPoint WEST = GeoPoint.of(40.0, 36.5);
  private static final GeoPoint EAST = Geo.direct(WEST, 90, 40_000);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        // case | A's height | B's height at 300 s | B's vertical rate | expected time to loss
        "co-altitude, level|3000|3000|0|675",
        "500 m apart, level: never|3000|3500|0|none",
        "500 m apart, B descends 2/7 m/s: the vertical decides, 200 m / (2/7) = 700 s|3000|3500"
            + "|-0.2857142857142857|700",
        "500 m apart, B descends 0.2 m/s: within 300 m only after 1,000 s|3000|3500|-0.2|none",
        "100 m apart, B climbs 1 m/s: apart again after 200 s, before the horizontal loss|3000|3100"
            + "|1|none",
        "B descends fast through A's height: the horizontal decides|3000|5000|-3|675",
        "A on the ground band (no height): the horizontal alone|none|9000|0|675",
      })
  void timeToLossIsTheStartOfBothLosses(
      String what, Double haeA, double haeB, double rateB, Double expected) {
    for (LiveSettings settings :
        List.of(
            LiveSettings.DEFAULT,
            LiveSettings.DEFAULT.withDeadReckoning(LiveSettings.DeadReckoning.OFF))) {
      for (boolean brute : new boolean[] {false, true}) {
        Optional<Double> loss = lossAt300(new LiveTracker(settings, brute), haeA, haeB, rateB);
        String as =
            what + (brute ? ", brute force" : ", indexed") + ", " + settings.deadReckoning();
        if (expected == null) {
          assertThat(loss).as(as).isEmpty();
        } else {
          assertThat(loss).as(as).isPresent();
          assertThat(loss.get()).as(as).isCloseTo(expected, within(0.05));
        }
      }
    }
  }

  /**
   * The time to loss, counted from 300 s, of the encounter as last told after both units' reports
   * at 290 s and 300 s (empty if none is open).
   */
  private static Optional<Double> lossAt300(
      LiveTracker tracker, Double haeA, double haeB, double rateB) {
    Mover a = Mover.towards(WEST, EAST, 20);
    Mover b = Mover.towards(EAST, WEST, 20);
    List<Optional<Double>> told = new ArrayList<>();
    told.add(Optional.empty());
    for (double s : new double[] {290, 300}) {
      double hb = haeB + rateB * (s - 300);
      List<LiveEvent> events =
          tracker.report(
              List.of(
                  withHae(a.report("a", "US", s), haeA == null ? Double.NaN : haeA),
                  withHae(b.report("b", "RU", s), hb)));
      for (LiveEvent e : events) {
        if (e instanceof EncounterChanged c) {
          told.add(
              c.encounter()
                  .timeToLoss()
                  .map(
                      d ->
                          Duration.between(T0.plusSeconds(300), c.encounter().time()).toMillis()
                                  / 1000.0
                              + d.toMillis() / 1000.0));
        } else if (e instanceof LiveEvent.EncounterEnded) {
          told.add(Optional.empty());
        }
      }
    }
    return told.get(told.size() - 1);
  }

  private static PositionReport withHae(PositionReport r, double hae) {
    return new PositionReport(
        r.unit(),
        r.party(),
        r.time(),
        r.lon(),
        r.lat(),
        r.courseDegrees(),
        r.speedMps(),
        r.accuracyMeters(),
        hae);
  }
}
