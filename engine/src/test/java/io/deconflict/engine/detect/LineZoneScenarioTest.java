package io.deconflict.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.reference.ContractCheck;
import io.deconflict.engine.reference.GeodesicReference;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Line zones (buffers and sides, D34) in seeded random scenarios: 8 movements and 3 line zones in a
 * 15 km box (a quarter astride the antimeridian, a quarter at 70 to 84 degrees), both detectors
 * checked against {@link GeodesicReference} with the contract's tolerances and against each other
 * record for record. Every message names the seed.
 */
class LineZoneScenarioTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 12);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void lineZonesAgreeWithTheGeodesicReference(long seed) {
    ScenarioGenerator.Region region = ScenarioGenerator.regionOf(seed);
    ScenarioGenerator generator = new ScenarioGenerator(seed, region, 15_000, 4, false);
    String[] parties = {"p1", "p2"};
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      items.add(generator.movement(String.format("m%03d", i), parties[i % 2]));
    }
    for (int i = 0; i < 3; i++) {
      items.add(generator.lineZone("z" + i, parties[(i + 1) % 2]));
    }
    List<Conflict> expected = GeodesicReference.conflicts(items);
    String scenario = "seed " + seed + " (" + region + ")";

    Detector brute = Detectors.bruteForce();
    Detector indexed = Detectors.indexed();
    brute.putAll(items);
    indexed.putAll(items);

    assertThat(ContractCheck.compare(items, expected, brute.conflicts()))
        .as("%s: %d reference conflicts; brute force disagrees", scenario, expected.size())
        .isEmpty();
    assertThat(indexed.conflicts()).as("%s: indexed", scenario).isEqualTo(brute.conflicts());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void checkOfALineZoneAgreesWithPut(long seed) {
    ScenarioGenerator generator =
        new ScenarioGenerator(seed, ScenarioGenerator.regionOf(seed), 15_000, 4, false);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      items.add(generator.movement(String.format("m%03d", i), "p1"));
    }
    Item zone = generator.lineZone("z", "p2");
    for (Detector detector : List.of(Detectors.bruteForce(), Detectors.indexed())) {
      detector.putAll(items);
      List<Conflict> checked = detector.check(zone);
      assertThat(detector.put(zone).appeared()).as("seed %d", seed).isEqualTo(checked);
    }
  }
}
