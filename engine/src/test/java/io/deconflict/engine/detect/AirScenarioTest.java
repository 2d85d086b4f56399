package io.deconflict.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.reference.ContractCheck;
import io.deconflict.engine.reference.GeodesicReference;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random scenarios in three dimensions (D37): the items of {@link RandomScenarioTest}'s
 * generator, then, from a second generator on the same seed, a band per leg for two movements in
 * three (floors in steps of 100 m from 0 to 1,500 m, 0 to 400 m thick, so that many pairs sit near
 * a vertical separation of 100 to 600 m) and a band for half the sites and zones. Both detectors
 * are checked against {@link GeodesicReference} with the contract's tolerances, against each other
 * record for record, and the indexed all-pairs search on three threads' worth of parts against one.
 */
class AirScenarioTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 16);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void detectorsAgreeWithTheGeodesicReferenceInThreeDimensions(long seed) {
    ScenarioGenerator.Region region = ScenarioGenerator.regionOf(seed);
    ScenarioGenerator generator = new ScenarioGenerator(seed, region, 25_000, 6, seed % 2 == 0);
    Random random = new Random(seed * 7919);
    int count = 12 + generator.random().nextInt(19);
    List<Item> items = new ArrayList<>();
    for (Item item : generator.items(count)) {
      items.add(withBands(item, random));
    }
    Item candidate = withBands(generator.item("candidate"), random);
    List<Item> withCandidate = new ArrayList<>(items);
    withCandidate.add(candidate);

    List<Conflict> expected = GeodesicReference.conflicts(items);
    List<Conflict> expectedCheck = GeodesicReference.conflicts(candidate, items);

    String scenario = "seed " + seed + " (" + region + ", " + count + " items)";
    List<String> problems = new ArrayList<>();
    Detector indexed = Detectors.indexed();
    Detector brute = Detectors.bruteForce();
    for (Detector detector : List.of(indexed, brute)) {
      String prefix = scenario + ", " + (detector == indexed ? "indexed" : "bruteForce") + ": ";
      detector.putAll(items);
      for (String p : ContractCheck.compare(items, expected, detector.conflicts())) {
        problems.add(prefix + p);
      }
      for (String p :
          ContractCheck.compare(withCandidate, expectedCheck, detector.check(candidate))) {
        problems.add(prefix + "check: " + p);
      }
    }
    assertThat(problems)
        .as("%s: %d reference conflicts; disagreements", scenario, expected.size())
        .isEmpty();
    assertThat(indexed.conflicts()).as(scenario).isEqualTo(brute.conflicts());
    assertThat(indexed.search(3).run()).as(scenario).isEqualTo(brute.conflicts());
    assertThat(indexed.check(candidate)).as(scenario).isEqualTo(brute.check(candidate));
  }

  /** The item with bands drawn from {@code random} (or on the ground). */
  static Item withBands(Item item, Random random) {
    if (item instanceof Movement m) {
      if (random.nextInt(3) == 0) {
        return m;
      }
      List<Band> bands = new ArrayList<>();
      Band band = band(random);
      for (int i = 1; i < m.waypoints().size(); i++) {
        if (random.nextInt(3) == 0) {
          band = band(random);
        }
        bands.add(band);
      }
      return new Movement(
          m.id(),
          m.party(),
          m.waypoints(),
          m.separationMeters(),
          bands,
          100 + 100 * random.nextInt(6));
    }
    if (random.nextBoolean()) {
      return item;
    }
    if (item instanceof Site s) {
      return new Site(s.id(), s.party(), s.center(), s.radiusMeters(), s.validity(), band(random));
    }
    Zone z = (Zone) item;
    return new Zone(z.id(), z.party(), z.geometry(), z.validity(), band(random));
  }

  private static Band band(Random random) {
    double floor = 100 * random.nextInt(16);
    return Band.of(floor, floor + 100 * random.nextInt(5));
  }
}
