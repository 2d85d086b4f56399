package io.deconflict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.item.Zone;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Smoke test of the generator: fast, deterministic, and within the documented ranges. */
class ScenarioGeneratorTest {

  private static final Instant DAY_END = ScenarioGenerator.DAY.plus(Duration.ofDays(1));

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 20221008, -7})
  void sameSeedGivesSameScenario(long seed) {
    Scenario first = new ScenarioGenerator(seed).scenario(2_000);
    Scenario second = new ScenarioGenerator(seed).scenario(2_000);
    assertThat(second).as("seed %d", seed).isEqualTo(first);
    assertThat(new ScenarioGenerator(seed).candidates(50))
        .isEqualTo(new ScenarioGenerator(seed).candidates(50));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 20221008})
  void smallerScenarioIsAPrefix(long seed) {
    ScenarioGenerator generator = new ScenarioGenerator(seed);
    Scenario big = generator.scenario(3_000);
    Scenario small = generator.scenario(1_000);
    assertThat(big.movements().subList(0, 1_000)).isEqualTo(small.movements());
    assertThat(big.sites().subList(0, 10)).isEqualTo(small.sites());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 20221008, 99})
  void movementsAreWithinTheDocumentedRanges(long seed) {
    ScenarioGenerator generator = new ScenarioGenerator(seed);
    Scenario scenario = generator.scenario(2_000);
    assertThat(scenario.movements()).hasSize(2_000);
    assertThat(scenario.sites()).hasSize(20);
    assertThat(scenario.zones()).hasSize(2);
    assertThat(scenario.waypointCount()).isEqualTo(40_000);
    int onRoad = 0;
    for (int i = 0; i < 2_000; i++) {
      if (generator.onRoad(i)) {
        onRoad++;
      }
    }
    assertThat(onRoad).as("seed %d on-road movements", seed).isBetween(1_500, 1_700);
    for (Movement m : scenario.movements()) {
      checkMovement(m, seed);
    }
    for (Movement m : generator.candidates(500)) {
      assertThat(m.id()).startsWith("c");
      checkMovement(m, seed);
    }
  }

  @ParameterizedTest(name = "days {0}")
  @ValueSource(ints = {2, 10})
  void daysSpreadTheMovements(int days) {
    ScenarioGenerator generator = new ScenarioGenerator(20221008L, days);
    Instant end = ScenarioGenerator.DAY.plus(Duration.ofDays(days));
    List<Movement> movements = generator.scenario(1_000).movements();
    assertThat(movements).allSatisfy(m -> assertThat(m.end()).isBeforeOrEqualTo(end));
    assertThat(movements)
        .anySatisfy(m -> assertThat(m.start()).isAfter(end.minus(Duration.ofDays(1))));
    assertThat(movements).hasSize(1_000);
    for (Movement m : movements) {
      assertThat(m.waypoints()).hasSize(ScenarioGenerator.WAYPOINTS);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 20221008})
  void sitesAndZonesAreWithinTheDocumentedRanges(long seed) {
    ScenarioGenerator generator = new ScenarioGenerator(seed);
    List<Site> sites = generator.sites(500);
    List<Zone> zones = generator.zones(50);
    assertThat(sites).allSatisfy(s -> assertThat(s.radiusMeters()).isBetween(200.0, 2_000.0));
    assertThat(sites).anySatisfy(s -> assertThat(s.validity().isAlways()).isFalse());
    assertThat(sites).anySatisfy(s -> assertThat(s.validity().isAlways()).isTrue());
    assertThat(zones).anySatisfy(z -> assertThat(z.validity().isAlways()).isFalse());
    assertThat(zones).anySatisfy(z -> assertThat(z.polygon().getNumInteriorRing()).isEqualTo(1));
    assertThat(zones).anySatisfy(z -> assertThat(z.polygon().getNumInteriorRing()).isZero());
    assertThat(generator.scenario(1_000).zones()).isEqualTo(zones.subList(0, 1));
    for (Zone z : zones) {
      double widthMeters =
          geodesic(
              z.polygon().getEnvelopeInternal().getMinX(),
              36.8,
              z.polygon().getEnvelopeInternal().getMaxX(),
              36.8);
      assertThat(widthMeters)
          .as("zone %s width, seed %d", z.id(), seed)
          .isBetween(4_000.0, 30_000.0);
    }
  }

  private static void checkMovement(Movement m, long seed) {
    List<Waypoint> w = m.waypoints();
    assertThat(w).as("%s, seed %d", m.id(), seed).hasSize(ScenarioGenerator.WAYPOINTS);
    assertThat(m.separationMeters()).isBetween(500.0, 2_000.0);
    assertThat(ScenarioGenerator.PARTIES).contains(m.party());
    assertThat(m.start()).isAfterOrEqualTo(ScenarioGenerator.DAY);
    assertThat(m.end()).isBeforeOrEqualTo(DAY_END);
    assertThat(Duration.between(m.start(), m.end()))
        .as("%s duration, seed %d", m.id(), seed)
        .isBetween(ScenarioGenerator.MIN_DURATION, ScenarioGenerator.MAX_DURATION);
    for (int k = 1; k < w.size(); k++) {
      double meters =
          geodesic(
              w.get(k - 1).point().lon(),
              w.get(k - 1).point().lat(),
              w.get(k).point().lon(),
              w.get(k).point().lat());
      double seconds = Duration.between(w.get(k - 1).time(), w.get(k).time()).toMillis() / 1e3;
      assertThat(meters / seconds)
          .as("%s segment %d speed, seed %d", m.id(), k, seed)
          .isBetween(ScenarioGenerator.MIN_SPEED_MPS, ScenarioGenerator.MAX_SPEED_MPS);
      assertThat(Math.abs(w.get(k).point().lat() - ScenarioGenerator.CENTER_LAT)).isLessThan(2.0);
      assertThat(Math.abs(w.get(k).point().lon() - ScenarioGenerator.CENTER_LON)).isLessThan(2.5);
    }
  }

  private static double geodesic(double lon1, double lat1, double lon2, double lat2) {
    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE).s12;
  }
}
