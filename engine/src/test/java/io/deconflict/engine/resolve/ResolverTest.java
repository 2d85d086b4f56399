package io.deconflict.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-worked proposals whose answers follow from speed and separation. */
class ResolverTest {

  private static final Instant T = Instant.parse("2026-05-01T12:00:00Z");
  private static final GeoPoint P = new GeoPoint(30.0, 45.0);

  /** A movement due east through {@link #P}, 20 m/s, passing it at {@code at}. */
  private static Movement eastThroughP(String id, String party, Instant at, double separation) {
    GeoPoint from = ScenarioGenerator.direct(P, 270, 20_000);
    GeoPoint to = ScenarioGenerator.direct(P, 90, 20_000);
    return new Movement(
        id,
        party,
        List.of(new Waypoint(from, at.minusSeconds(1000)), new Waypoint(to, at.plusSeconds(1000))),
        separation);
  }

  /** A halt at {@link #P} over {@code [from, until]}. */
  private static Movement haltAtP(String id, String party, Instant from, Instant until) {
    return new Movement(id, party, List.of(new Waypoint(P, from), new Waypoint(P, until)), 500);
  }

  private static Map<String, Item> held(Detector d, Item... items) {
    Map<String, Item> byId = new HashMap<>();
    for (Item i : items) {
      d.put(i);
      byId.put(i.id(), i);
    }
    return byId;
  }

  @Test
  void aPassingMovementWaitsUntilTheHaltIsOverOrLeavesBeforeItBegins() {
    // A passes P at T at 20 m/s and keeps 1 km; B halts at P from T - 10 min to T + 20 min. A is
    // within 1 km of P for 50 s either side of its pass: a delay of 20 min 50 s, an advance of
    // 10 min 50 s, and B's own shifts: its halt must end 50 s before A arrives or start 50 s after.
    Movement a = eastThroughP("a", "red", T, 1000);
    Movement b = haltAtP("b", "blue", T.minusSeconds(600), T.plusSeconds(1200));
    Detector d = Detectors.indexed();
    Map<String, Item> byId = held(d, a, b);
    Conflict c = d.conflicts().get(0);

    List<Shifts> shifts = Resolver.resolve(c, d, id -> Optional.ofNullable(byId.get(id)), day());

    assertThat(shifts).extracting(Shifts::movement).containsExactly("a", "b");
    assertThat(shifts.get(0).delay()).hasValueSatisfying(s -> near(s, 1200 + 50));
    assertThat(shifts.get(0).advance()).hasValueSatisfying(s -> near(s, 600 + 50));
    assertThat(shifts.get(1).delay()).hasValueSatisfying(s -> near(s, 600 + 50));
    assertThat(shifts.get(1).advance()).hasValueSatisfying(s -> near(s, 1200 + 50));
  }

  @Test
  void aHaltLongerThanTheHorizonLeavesNoShiftWithinIt() {
    Movement a = eastThroughP("a", "red", T, 1000);
    Movement b = haltAtP("b", "blue", T.minus(Duration.ofHours(30)), T.plus(Duration.ofHours(30)));
    Detector d = Detectors.indexed();
    Map<String, Item> byId = held(d, a, b);

    Shifts s = Resolver.shifts(a, d, id -> Optional.ofNullable(byId.get(id)), day());

    assertThat(s.delay()).isEmpty();
    assertThat(s.advance()).isEmpty();
  }

  @Test
  void aShiftThatClearsOneItemButMeetsAnotherIsNotProposed() {
    // Delaying A by 20 min 50 s clears B but meets C, halted at P from T + 20 min to T + 40 min:
    // the free delay is after C too.
    Movement a = eastThroughP("a", "red", T, 1000);
    Movement b = haltAtP("b", "blue", T.minusSeconds(600), T.plusSeconds(1200));
    Movement c = haltAtP("c", "green", T.plusSeconds(1200), T.plusSeconds(2400));
    Detector d = Detectors.indexed();
    Map<String, Item> byId = held(d, a, b, c);

    Shifts s = Resolver.shifts(a, d, id -> Optional.ofNullable(byId.get(id)), day());

    assertThat(s.delay()).hasValueSatisfying(v -> near(v, 2400 + 50));
    assertThat(s.advance()).hasValueSatisfying(v -> near(v, 600 + 50));

    // In whole minutes, as the hotline proposes: 41 min, 11 min.
    Shifts minutes =
        Resolver.shifts(
            a, d, id -> Optional.ofNullable(byId.get(id)), day(), Duration.ofMinutes(1));
    assertThat(minutes.delay()).contains(Duration.ofMinutes(41));
    assertThat(minutes.advance()).contains(Duration.ofMinutes(11));
    assertThat(
            Resolver.conflictsShifted(
                a, Duration.ofMinutes(41), d, id -> Optional.ofNullable(byId.get(id))))
        .isEmpty();
    assertThat(
            Resolver.conflictsShifted(
                a, Duration.ofMinutes(40), d, id -> Optional.ofNullable(byId.get(id))))
        .extracting(Conflict::b)
        .containsExactly("c");
  }

  @Test
  void theFreeShiftsBetweenTwoIntervalsAreFoundInEitherStep() {
    // Windows (-5, 2.5) and (3.2, 70): 3 is free at a step of a second, 120 at a step of a minute.
    double[] w = {-5, 2.5, 3.2, 70};
    assertThat(Resolver.firstFree(w, 1, 1)).isEqualTo(3);
    assertThat(Resolver.firstFree(w, 60, 60)).isEqualTo(120);
    assertThat(Resolver.firstFree(new double[] {-1, 3}, 1, 1)).isEqualTo(3);
  }

  @Test
  void aSiteValidForAnHourIsPassedAfterItLapses() {
    Movement a = eastThroughP("a", "red", T, 1000);
    Site s =
        new Site("s", "blue", P, 2000, new Validity(T.minusSeconds(1800), T.plusSeconds(1800)));
    Detector d = Detectors.indexed();
    Map<String, Item> byId = held(d, a, s);

    Shifts shifts = Resolver.shifts(a, d, id -> Optional.ofNullable(byId.get(id)), day());

    // A is within 2 km of P for 100 s either side of T: the site must lapse before it arrives.
    assertThat(shifts.delay()).hasValueSatisfying(v -> near(v, 1800 + 100));
    assertThat(shifts.advance()).hasValueSatisfying(v -> near(v, 1800 + 100));
  }

  @Test
  void aHoldBeforeThePassWaitsOutTheHaltUnlessTheHoldingPlaceIsTakenToo() {
    // A goes east at 20 m/s, 10 km west of P at T - 500 s, passing P at T; B halts at P from
    // T - 10 min to T + 20 min. Holding 10 km west of P, A must pass P 50 s after B leaves.
    GeoPoint w0 = ScenarioGenerator.direct(P, 270, 20_000);
    GeoPoint w1 = ScenarioGenerator.direct(P, 270, 10_000);
    GeoPoint w2 = ScenarioGenerator.direct(P, 90, 20_000);
    Movement a =
        new Movement(
            "a",
            "red",
            List.of(
                new Waypoint(w0, T.minusSeconds(1000)),
                new Waypoint(w1, T.minusSeconds(500)),
                new Waypoint(w2, T.plusSeconds(1000))),
            1000);
    Movement b = haltAtP("b", "blue", T.minusSeconds(600), T.plusSeconds(1200));
    Detector d = Detectors.indexed();
    Map<String, Item> byId = held(d, a, b);

    Optional<Duration> hold =
        Resolver.hold(
            a, 1, d, id -> Optional.ofNullable(byId.get(id)), day(), Duration.ofSeconds(1));
    assertThat(hold).hasValueSatisfying(h -> near(h, 1200 + 50));
    assertThat(d.check(Resolver.held(a, 1, hold.orElseThrow()))).isEmpty();

    // C halts where A would hold, from T on: A may hold there only until T, too short.
    Movement c =
        new Movement(
            "c", "green", List.of(new Waypoint(w1, T), new Waypoint(w1, T.plusSeconds(3600))), 500);
    d.put(c);
    byId.put("c", c);
    assertThat(
            Resolver.hold(
                a, 1, d, id -> Optional.ofNullable(byId.get(id)), day(), Duration.ofSeconds(1)))
        .isEmpty();
    assertThatThrownBy(
            () ->
                Resolver.hold(
                    a, 2, d, id -> Optional.ofNullable(byId.get(id)), day(), Duration.ofSeconds(1)))
        .hasMessageContaining("waypoint must be from 0 to 1");
  }

  @Test
  void aBadHorizonIsRefusedNamingIt() {
    Movement a = eastThroughP("a", "red", T, 1000);
    assertThatThrownBy(() -> Resolver.shifts(a, List.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon");
    assertThatThrownBy(() -> Resolver.shifts(a, List.of(), Duration.ofDays(15)))
        .hasMessageContaining("horizon");
    assertThatThrownBy(() -> Resolver.shifts(a, List.of(), Duration.ofMillis(1500)))
        .hasMessageContaining("horizon");
  }

  @Test
  void aMovementWithNothingNearIsFreeAtOnce() {
    Shifts s = Resolver.shifts(eastThroughP("a", "red", T, 1000), List.of(), day());
    assertThat(s.delay()).contains(Duration.ofSeconds(1));
    assertThat(s.advance()).contains(Duration.ofSeconds(1));
  }

  private static Duration day() {
    return Resolver.HORIZON;
  }

  /**
   * Within 2 s of {@code seconds}: the chord and the geodesic differ by millimetres here, and the
   * answer is rounded up to a whole second.
   */
  private static void near(Duration d, double seconds) {
    assertThat((double) d.getSeconds()).isBetween(seconds - 0.5, seconds + 2);
  }
}
