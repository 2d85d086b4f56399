package io.deconflict.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictSearch;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Waypoint;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The partitioned search must give the brute-force detector's conflicts, record for record, for any
 * parallelism and in whatever order its parts and groups run; and a detector filled with {@link
 * Detector#load} must answer incremental calls as one filled with {@link Detector#putAll}.
 */
class ConflictSearchTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {301, 302, 303})
  void sameConflictsForAnyParallelismAndOrder(long seed) {
    ScenarioGenerator generator =
        new ScenarioGenerator(seed, ScenarioGenerator.regionOf(seed), 100_000, 25, true);
    List<Item> items = generator.items(300);
    Detector brute = Detectors.bruteForce();
    brute.putAll(items);
    List<Conflict> expected = brute.conflicts();
    assertThat(expected).as("seed %d: enough conflicts to be a test", seed).hasSizeGreaterThan(100);

    Detector indexed = Detectors.indexed();
    indexed.load(items);
    for (int parallelism : new int[] {1, 2, 3, 8}) {
      ConflictSearch search = indexed.search(parallelism);
      // Each phase's calls in reverse: the answer must not depend on the order they ran in.
      for (int p = search.parts() - 1; p >= 0; p--) {
        search.search(p);
      }
      for (int g = search.groups() - 1; g >= 0; g--) {
        search.prepare(g);
      }
      int chunks = search.chunks();
      List<List<Conflict>> reversed = new ArrayList<>();
      for (int c = chunks - 1; c >= 0; c--) {
        reversed.add(search.chunk(c));
      }
      Collections.reverse(reversed);
      List<Conflict> all = new ArrayList<>();
      reversed.forEach(all::addAll);
      assertThat(all).as("seed %d, parallelism %d", seed, parallelism).isEqualTo(expected);
    }
    assertThat(indexed.conflicts()).isEqualTo(expected);
    List<Conflict> streamed = new ArrayList<>();
    indexed.search(2).stream(streamed::add);
    assertThat(streamed).as("seed %d, streamed", seed).isEqualTo(expected);
    ConflictSearch early = indexed.search(1);
    assertThatThrownBy(() -> early.prepare(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before every part was searched");
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void itemsCenturiesApartAreAllSearched(int parallelism) {
    // Far more time than MAX_SLABS slabs of the longest slab: the slabs grow instead.
    List<Item> items = new ArrayList<>();
    for (int year : new int[] {1980, 2022, 2100, 2150}) {
      Instant t = Instant.parse(year + "-10-08T07:00:00Z");
      items.add(crossing("us-" + year, "US", 40.0, 36.8, 40.2, 36.8, t));
      items.add(crossing("ru-" + year, "RU", 40.1, 36.7, 40.1, 36.9, t));
    }
    Detector brute = Detectors.bruteForce();
    brute.putAll(items);
    Detector indexed = Detectors.indexed();
    indexed.load(items);
    assertThat(brute.conflicts()).hasSize(4);
    assertThat(indexed.search(parallelism).run()).isEqualTo(brute.conflicts());
  }

  private static Movement crossing(
      String id, String party, double lon0, double lat0, double lon1, double lat1, Instant t) {
    return new Movement(
        id,
        party,
        List.of(Waypoint.of(lon0, lat0, t), Waypoint.of(lon1, lat1, t.plusSeconds(3_600))),
        1_000);
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {0, -1})
  void parallelismBelowOneIsRefused(int parallelism) {
    assertThatThrownBy(() -> Detectors.indexed().search(parallelism))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism must be at least 1, got " + parallelism);
  }
}
