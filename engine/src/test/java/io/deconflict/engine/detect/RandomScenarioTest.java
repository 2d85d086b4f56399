package io.deconflict.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.reference.ContractCheck;
import io.deconflict.engine.reference.GeodesicReference;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random scenarios (10 to 30 items in a 50 km box; a quarter astride the antimeridian, a
 * quarter at 70 to 84 degrees) checked against {@link GeodesicReference} with the contract's
 * tolerances ({@link ContractCheck}). Every message names the seed; rerun one with {@code
 * -Dtest=RandomScenarioTest} and the seed's display name.
 */
class RandomScenarioTest {

  private static final Map<String, Supplier<Detector>> DETECTORS = new LinkedHashMap<>();

  static {
    DETECTORS.put("indexed", Detectors::indexed);
    DETECTORS.put("bruteForce", Detectors::bruteForce);
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 20);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void detectorsAgreeWithTheGeodesicReference(long seed) {
    ScenarioGenerator.Region region = ScenarioGenerator.regionOf(seed);
    ScenarioGenerator generator = new ScenarioGenerator(seed, region, 25_000, 6, false);
    int count = 10 + generator.random().nextInt(21);
    List<Item> items = generator.items(count);
    // A candidate for check(): half of the time a new plan under a stored id.
    Item candidate =
        generator.random().nextBoolean()
            ? generator.item(items.get(0).id())
            : generator.item("candidate");
    List<Item> withCandidate = new ArrayList<>();
    for (Item item : items) {
      if (!item.id().equals(candidate.id())) {
        withCandidate.add(item);
      }
    }
    withCandidate.add(candidate);

    List<Conflict> expected = GeodesicReference.conflicts(items);
    List<Conflict> expectedCheck = GeodesicReference.conflicts(candidate, items);

    String scenario = "seed " + seed + " (" + region + ", " + count + " items)";
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Supplier<Detector>> entry : DETECTORS.entrySet()) {
      String prefix = scenario + ", " + entry.getKey() + ": ";
      Detector detector = entry.getValue().get();
      try {
        detector.putAll(items);
        for (String p : ContractCheck.compare(items, expected, detector.conflicts())) {
          problems.add(prefix + p);
        }
        for (String p :
            ContractCheck.compare(withCandidate, expectedCheck, detector.check(candidate))) {
          problems.add(prefix + "check(" + candidate.id() + "): " + p);
        }
      } catch (RuntimeException e) {
        throw new AssertionError(prefix + "threw " + e, e);
      }
    }
    assertThat(problems)
        .as("%s: %d reference conflicts; disagreements", scenario, expected.size())
        .isEmpty();
  }
}
