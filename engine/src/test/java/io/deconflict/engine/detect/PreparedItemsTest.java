package io.deconflict.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Items prepared by the caller ({@link Prepared#of}, on other threads) load into a detector exactly
 * as the items themselves do: the same conflicts, in both detectors; a prepared item loads once.
 */
class PreparedItemsTest {

  @Test
  void preparedOnOtherThreadsLoadsAsTheItemsDo() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      List<Item> items = scenario(seed, 200);
      List<Prepared> prepared = new ArrayList<>();
      Thread[] workers = new Thread[2];
      List<List<Prepared>> halves = List.of(new ArrayList<>(), new ArrayList<>());
      for (int w = 0; w < 2; w++) {
        int half = w;
        workers[w] =
            new Thread(
                () -> {
                  for (int i = half; i < items.size(); i += 2) {
                    halves.get(half).add(Prepared.of(items.get(i)));
                  }
                });
        workers[w].start();
      }
      for (Thread t : workers) {
        t.join();
      }
      for (int i = 0; i < items.size(); i++) {
        prepared.add(halves.get(i % 2).get(i / 2));
      }
      for (boolean indexed : new boolean[] {true, false}) {
        Detector plain = indexed ? Detectors.indexed() : Detectors.bruteForce();
        plain.load(items);
        Detector fromPrepared = indexed ? Detectors.indexed() : Detectors.bruteForce();
        List<Prepared> once = new ArrayList<>();
        for (Item item : items) {
          once.add(Prepared.of(item));
        }
        Detectors.load(fromPrepared, indexed ? prepared : once);
        assertThat(fromPrepared.conflicts()).isEqualTo(plain.conflicts());
      }
    }
  }

  private static List<Item> scenario(long seed, int n) {
    return new ScenarioGenerator(seed, ScenarioGenerator.regionOf(seed), 100_000, 25, true)
        .items(n);
  }

  @Test
  void aPreparedItemLoadsOnce() {
    List<Item> items = scenario(7, 10);
    List<Prepared> prepared = items.stream().map(Prepared::of).toList();
    Detectors.load(Detectors.indexed(), prepared);
    assertThatThrownBy(() -> Detectors.load(Detectors.indexed(), prepared))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loaded already");
  }
}
