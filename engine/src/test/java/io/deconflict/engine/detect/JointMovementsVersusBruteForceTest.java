package io.deconflict.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictDelta;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Joint movements (D39) on seeded random scenarios: the indexed detector gives exactly the brute
 * force's answers, and both agree with a reference made from the same items without participants:
 * each conflict of the plain scenario, less the times when its two items share a party, is what
 * remains (to the millisecond of rounding), and nothing else appears.
 */
class JointMovementsVersusBruteForceTest {

  private static final String[] PARTIES = {"p1", "p2", "p3"};

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {301, 302, 303})
  void indexedEqualsBruteForceAndTheReference(long seed) {
    ScenarioGenerator generator =
        new ScenarioGenerator(seed, ScenarioGenerator.regionOf(seed), 60_000, 15, true);
    Random random = new Random(seed);
    List<Item> plain = generator.items(250);
    List<Item> joint = new ArrayList<>();
    Map<String, Item> byId = new HashMap<>();
    int jointCount = 0;
    for (Item item : plain) {
      Item j = item;
      if (item instanceof Movement m && random.nextDouble() < 0.4) {
        j = m.withParticipants(participants(m, random));
        jointCount++;
      }
      joint.add(j);
      byId.put(j.id(), j);
    }
    Detector brute = Detectors.bruteForce();
    Detector indexed = Detectors.indexed();
    ConflictDelta bruteDelta = brute.putAll(joint);
    ConflictDelta indexedDelta = indexed.putAll(joint);
    String context = "seed " + seed + " (" + jointCount + " joint movements)";

    assertThat(indexed.conflicts()).as(context).isEqualTo(brute.conflicts());
    assertThat(indexedDelta).as(context).isEqualTo(bruteDelta);
    for (Item item : joint.subList(0, 40)) {
      assertThat(indexed.check(item))
          .as(context + ": check " + item.id())
          .isEqualTo(brute.check(item));
    }

    Detector plainDetector = Detectors.bruteForce();
    plainDetector.putAll(plain);
    List<long[]> expected = new ArrayList<>();
    for (Conflict c : plainDetector.conflicts()) {
      long from = c.start().toEpochMilli();
      long until = c.end().toEpochMilli();
      for (long[] piece :
          outside(
              from,
              until,
              shared(
                  Objects.requireNonNull(byId.get(c.a())),
                  Objects.requireNonNull(byId.get(c.b()))))) {
        expected.add(new long[] {c.a().hashCode(), c.b().hashCode(), piece[0], piece[1]});
      }
    }
    List<Conflict> actual = brute.conflicts();
    assertThat(actual.size())
        .as(context + ": fewer conflicts than without participants")
        .isLessThan(plainDetector.conflicts().size());
    for (Conflict c : actual) {
      long @Nullable [] found = null;
      for (long[] e : expected) {
        if (e[0] == c.a().hashCode()
            && e[1] == c.b().hashCode()
            && Math.abs(e[2] - c.start().toEpochMilli()) <= 1
            && Math.abs(e[3] - c.end().toEpochMilli()) <= 1) {
          found = e;
          break;
        }
      }
      assertThat(found).as(context + ": conflict in the reference: " + c).isNotNull();
      expected.remove(found);
    }
    // What is left of the reference is pieces too short to survive rounding or tie filtering.
    for (long[] e : expected) {
      assertThat(e[3] - e[2]).as(context + ": a reference piece left out").isLessThanOrEqualTo(2);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {311, 312})
  void identicalUnderIncrementalChangesWithJointMovements(long seed) {
    ScenarioGenerator generator =
        new ScenarioGenerator(seed, ScenarioGenerator.regionOf(seed), 60_000, 15, true);
    Random random = new Random(seed);
    Detector brute = Detectors.bruteForce();
    Detector indexed = Detectors.indexed();
    List<String> ids = new ArrayList<>();
    int next = 0;
    for (int step = 0; step < 200; step++) {
      double r = step < 50 || ids.isEmpty() ? 0 : random.nextDouble();
      String context = "seed " + seed + ", step " + step;
      if (r < 0.4) {
        Item item = jointMaybe(generator.newItem(next++), random);
        ids.add(item.id());
        assertThat(indexed.put(item)).as(context).isEqualTo(brute.put(item));
      } else if (r < 0.7) {
        // a new version: other participants (or none), as a lead's replacement or an answer gives
        Item item = jointMaybe(generator.item(ids.get(random.nextInt(ids.size()))), random);
        assertThat(indexed.put(item)).as(context).isEqualTo(brute.put(item));
      } else if (r < 0.85) {
        String id = ids.remove(random.nextInt(ids.size()));
        assertThat(indexed.remove(id)).as(context).isEqualTo(brute.remove(id));
      } else {
        Item candidate = jointMaybe(generator.item("candidate"), random);
        assertThat(indexed.check(candidate)).as(context).isEqualTo(brute.check(candidate));
      }
      if (step % 20 == 19) {
        assertThat(indexed.conflicts()).as(context).isEqualTo(brute.conflicts());
      }
    }
  }

  private static Item jointMaybe(Item item, Random random) {
    return item instanceof Movement m && random.nextDouble() < 0.5
        ? m.withParticipants(participants(m, random))
        : item;
  }

  /** One or two participants of other parties than the lead, each over random legs. */
  private static List<Participant> participants(Movement m, Random random) {
    List<Participant> out = new ArrayList<>();
    int legs = m.waypoints().size() - 1;
    for (String p : PARTIES) {
      if (!p.equals(m.party()) && random.nextBoolean()) {
        int join = random.nextInt(legs);
        int leave = join + 1 + random.nextInt(legs - join);
        out.add(new Participant(p, join, leave));
      }
    }
    return out;
  }

  /** The time ranges, epoch milliseconds, when two items share a party. */
  private static List<long[]> shared(Item a, Item b) {
    List<long[]> out = new ArrayList<>();
    for (String p : PARTIES) {
      long @Nullable [] wa = presence(a, p);
      long @Nullable [] wb = presence(b, p);
      if (wa != null && wb != null) {
        long from = Math.max(wa[0], wb[0]);
        long until = Math.min(wa[1], wb[1]);
        if (until > from) {
          out.add(new long[] {from, until});
        }
      }
    }
    return out;
  }

  /** When party {@code p} is part of the item, or null if never. */
  private static long @Nullable [] presence(Item item, String p) {
    if (item.party().equals(p)) {
      return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    }
    if (item instanceof Movement m) {
      for (Participant q : m.participants()) {
        if (q.party().equals(p)) {
          return new long[] {
            m.waypoints().get(q.joinAt()).time().toEpochMilli(),
            m.waypoints().get(q.leaveAt()).time().toEpochMilli()
          };
        }
      }
    }
    return null;
  }

  /** The parts of {@code [from, until)} outside every range. */
  private static List<long[]> outside(long from, long until, List<long[]> ranges) {
    List<long[]> pieces = new ArrayList<>(List.of(new long[] {from, until}));
    for (long[] r : ranges) {
      List<long[]> next = new ArrayList<>();
      for (long[] piece : pieces) {
        if (r[1] <= piece[0] || r[0] >= piece[1]) {
          next.add(piece);
          continue;
        }
        if (r[0] > piece[0]) {
          next.add(new long[] {piece[0], r[0]});
        }
        if (r[1] < piece[1]) {
          next.add(new long[] {r[1], piece[1]});
        }
      }
      pieces = next;
    }
    return pieces;
  }
}
