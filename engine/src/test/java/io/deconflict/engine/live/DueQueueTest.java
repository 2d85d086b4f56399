package io.deconflict.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The calendar against a sorted set of {@code (dueMillis, aSlot, bSlot)}: seeded random schedules,
 * moves, removals and takes, for coarse and fine slots of 1 ms to 1 s; the pairs taken, their
 * order, the size and the earliest due time must match after every operation.
 */
class DueQueueTest {

  private static final Comparator<long[]> ORDER =
      Comparator.<long[]>comparingLong(e -> e[0])
          .thenComparingLong(e -> e[1])
          .thenComparingLong(e -> e[2]);

  @Test
  void takesWhatASortedSetTakesInItsOrder() {
    for (long[] slots : new long[][] {{1, 1}, {1_000, 10}, {1_000, 1_000}, {35, 7}}) {
      for (long seed = 1; seed <= 20; seed++) {
        run(slots[0], slots[1], seed);
      }
    }
  }

  private static void run(long coarseMillis, long fineMillis, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int units = 40;
    Unit[] u = new Unit[units];
    for (int i = 0; i < units; i++) {
      u[i] = new Unit("p" + (i % 3), "u" + i, i % 3, i, 0);
    }
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < units; i++) {
      for (int j = i + 1; j < units; j += 1 + random.nextInt(4)) {
        pairs.add(new Pair(u[i], u[j]));
      }
    }
    DueQueue queue = new DueQueue(coarseMillis, fineMillis);
    TreeSet<long[]> model = new TreeSet<>(ORDER);
    Map<Pair, long[]> entries = new HashMap<>();
    long now = 1_000_000;
    ArrayList<Pair> out = new ArrayList<>();
    for (int step = 0; step < 4_000; step++) {
      String what =
          "slots " + coarseMillis + "/" + fineMillis + " ms, seed " + seed + ", step " + step;
      int op = random.nextInt(10);
      Pair p = pairs.get(random.nextInt(pairs.size()));
      if (op < 6) {
        // Due from just after now to a few seconds on, sometimes within the current slot.
        long due = now + 1 + (random.nextBoolean() ? random.nextInt(20) : random.nextInt(5_000));
        queue.schedule(p, due);
        long[] old = entries.remove(p);
        if (old != null) {
          model.remove(old);
        }
        long[] e = {due, p.aSlot, p.bSlot};
        model.add(e);
        entries.put(p, e);
      } else if (op < 7) {
        queue.remove(p);
        long[] old = entries.remove(p);
        if (old != null) {
          model.remove(old);
        }
      } else {
        now += random.nextInt(400);
        queue.takeDue(now, out);
        List<long[]> expected = new ArrayList<>();
        while (!model.isEmpty() && model.first()[0] <= now) {
          long[] e = model.pollFirst();
          expected.add(e);
        }
        long taken = now;
        entries.values().removeIf(e -> e[0] <= taken);
        assertThat(out).as(what).hasSize(expected.size());
        for (int k = 0; k < out.size(); k++) {
          Pair q = out.get(k);
          assertThat(new long[] {q.dueMillis, q.aSlot, q.bSlot})
              .as(what)
              .isEqualTo(expected.get(k));
          assertThat(q.dueIndex).as(what).isEqualTo(-1);
        }
      }
      assertThat(queue.size()).as(what).isEqualTo(model.size());
      long earliest = model.isEmpty() ? DueQueue.NEVER : model.first()[0];
      assertThat(queue.earliest()).as(what).isEqualTo(earliest);
    }
  }
}
