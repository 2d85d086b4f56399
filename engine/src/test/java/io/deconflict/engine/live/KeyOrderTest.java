package io.deconflict.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Labels order units exactly as their keys compare, through additions, removals and relabels. */
class KeyOrderTest {

  @Test
  void labelsOrderAsKeysWhateverTheOrderOfArrival() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      KeyOrder order = new KeyOrder();
      List<Unit> in = new ArrayList<>();
      String[] parties = {"a", "a-b", "a.b", "ab", "b", "alpha"};
      for (int i = 0; i < 3_000; i++) {
        if (!in.isEmpty() && random.nextInt(4) == 0) {
          order.remove(in.remove(random.nextInt(in.size())));
          continue;
        }
        String party = parties[random.nextInt(parties.length)];
        // Descending runs fill one gap by halving until the labels are spread again.
        String unit = seed % 2 == 0 ? "u" + random.nextInt(1_000_000) : "u" + (1_000_000 - i) + "x";
        if (in.stream().anyMatch(u -> u.key.equals(party + "/" + unit))) {
          continue;
        }
        Unit u = new Unit(party, unit, 0, in.size(), 0);
        order.add(u);
        in.add(u);
      }
      List<Unit> byKey = new ArrayList<>(in);
      byKey.sort(Comparator.comparing((Unit u) -> u.key));
      List<Unit> byLabel = new ArrayList<>(in);
      byLabel.sort(Comparator.comparingLong((Unit u) -> u.order));
      assertThat(byLabel).as("seed %d", seed).isEqualTo(byKey);
      for (int i = 1; i < byLabel.size(); i++) {
        assertThat(byLabel.get(i).order).isGreaterThan(byLabel.get(i - 1).order);
      }
    }
  }
}
