package io.deconflict.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.demo.NeSyria;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Item;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The partitioning's one promise (D30): two items the engine finds in conflict share at least one
 * cell, whatever the cell size; checked on every conflict of seeded road scenarios and of the demo.
 */
class CellsTest {

  @ParameterizedTest(name = "seed {0}, cells of {1} m")
  @CsvSource({"1, 2000", "2, 5000", "3, 20000", "4, 50000", "5, 200000"})
  void everyConflictingPairOfARoadScenarioSharesACell(long seed, double cellMeters) {
    List<Item> items = new ArrayList<>();
    for (ObjectNode f : RoadScenario.features(seed, 400)) {
      items.add(ItemFanOut.parse(f.path("id").asText(), f.toString(), 1000));
    }
    assertEveryConflictSharesACell(items, new Cells(cellMeters));
  }

  @Test
  void everyConflictingPairOfTheDemoSharesACellOfTwoKilometres() {
    List<Item> items = new ArrayList<>();
    for (ObjectNode f : NeSyria.load().items()) {
      items.add(ItemFanOut.parse(f.path("id").asText(), f.toString(), 1000));
    }
    assertEveryConflictSharesACell(items, new Cells(2000));
  }

  /**
   * The live partitioning's promise (D38): a unit within the halo of another is sent to the cell
   * that holds the other's position, at any latitude the tracker accepts.
   */
  @ParameterizedTest(name = "cells of {0} m, halo {1} m")
  @CsvSource({"20000, 70000", "100000, 70000", "50000, 250000", "5000, 12000"})
  void aUnitWithinTheHaloOfAnotherReachesTheOthersCell(double cellMeters, double haloMeters) {
    Cells cells = new Cells(cellMeters);
    java.util.Random random = new java.util.Random(38);
    for (int i = 0; i < 2_000; i++) {
      double lon = random.nextDouble() * 360 - 180;
      double lat = random.nextDouble() * 170 - 85;
      net.sf.geographiclib.GeodesicData d =
          net.sf.geographiclib.Geodesic.WGS84.Direct(
              lat, lon, random.nextDouble() * 360, random.nextDouble() * haloMeters);
      long[] around = cells.around(d.lon2, d.lat2, haloMeters);
      assertThat(Arrays.binarySearch(around, cells.cube(lon, lat)))
          .as("(%s, %s) within %s m of (%s, %s)", d.lon2, d.lat2, haloMeters, lon, lat)
          .isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void cellsAreSortedAndDistinct() {
    ObjectNode movement = RoadScenario.features(7, 1).get(RoadScenario.features(7, 1).size() - 1);
    long[] cells = new Cells(5000).of(ItemFanOut.parse("m-0", movement.toString(), 1000));
    assertThat(cells.length).isGreaterThan(1);
    long[] sorted = Arrays.stream(cells).sorted().distinct().toArray();
    assertThat(cells).containsExactly(sorted);
  }

  @Test
  void aCellSizeBelowTheMinimumIsRefusedNamingIt() {
    assertThatThrownBy(() -> new Cells(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cellMeters")
        .hasMessageContaining("1.0");
  }

  private static void assertEveryConflictSharesACell(List<Item> items, Cells cells) {
    Detector detector = Detectors.indexed();
    detector.load(items);
    List<Conflict> conflicts = detector.conflicts();
    assertThat(conflicts).hasSizeGreaterThan(5);
    Map<String, long[]> of = new HashMap<>();
    for (Item item : items) {
      of.put(item.id(), cells.of(item));
    }
    for (Conflict c : conflicts) {
      long[] a = of.get(c.a());
      long[] b = of.get(c.b());
      assertThat(Arrays.stream(a).anyMatch(k -> Arrays.binarySearch(b, k) >= 0))
          .as("%s and %s share a cell", c.a(), c.b())
          .isTrue();
    }
  }
}
