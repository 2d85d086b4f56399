package io.deconflict.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random scenarios (the detectors' generator, in 3D on odd seeds) in which every conflict's
 * proposals are checked against a brute-force search over shifts with the brute-force detector on
 * every stored item: the proposed shift leaves the movement in conflict with nothing, no smaller
 * whole second does (every second within two minutes of the proposal and of every interval end, and
 * every 20 s before), and the exact shift intervals hold a conflict a quarter second inside each
 * end and none a quarter second outside. Every message names the seed.
 */
class ResolverBruteForceTest {

  private static final Duration HORIZON = Duration.ofHours(6);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 24);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void proposalsAreTheSmallestFreeShifts(long seed) {
    ScenarioGenerator.Region region = ScenarioGenerator.regionOf(seed);
    ScenarioGenerator generator = new ScenarioGenerator(seed, region, 20_000, 5, seed % 4 == 0);
    Random random = new Random(seed * 31);
    List<Item> items = new ArrayList<>();
    for (Item item : generator.items(10 + generator.random().nextInt(12))) {
      items.add(seed % 2 == 1 ? withBands(item, random) : item);
    }
    Map<String, Item> byId = new HashMap<>();
    items.forEach(i -> byId.put(i.id(), i));
    Detector indexed = Detectors.indexed();
    indexed.load(items);
    Detector brute = Detectors.bruteForce();
    brute.load(items);
    List<Conflict> conflicts = indexed.conflicts();
    String scenario = "seed " + seed + " (" + region + ", " + items.size() + " items)";
    for (Conflict c : conflicts.subList(0, Math.min(3, conflicts.size()))) {
      for (Shifts s :
          Resolver.resolve(c, indexed, id -> Optional.ofNullable(byId.get(id)), HORIZON)) {
        Movement m = (Movement) java.util.Objects.requireNonNull(byId.get(s.movement()));
        String what = scenario + ", " + c.a() + "/" + c.b() + ", moving " + m.id();
        double[] windows = Resolver.conflictingShifts(m, items, HORIZON);
        checkWindows(what, m, windows, brute);
        List<String> near = indexed.near(m, HORIZON);
        for (Item other : items) {
          if (Resolver.conflictingShifts(m, List.of(other), HORIZON).length > 0) {
            assertThat(near).as("%s: the index finds %s", what, other.id()).contains(other.id());
          }
        }
        checkSide(what + " delayed", m, s.delay(), 1, windows, brute);
        checkSide(what + " advanced", m, s.advance(), -1, windows, brute);
        {
          // Hold at the last waypoint before the conflict begins: where a hold can clear it.
          int k = 0;
          while (k < m.waypoints().size() - 2
              && !m.waypoints().get(k + 1).time().isAfter(c.start())) {
            k++;
          }
          Optional<java.time.Duration> hold =
              Resolver.hold(
                  m,
                  k,
                  indexed,
                  id -> Optional.ofNullable(byId.get(id)),
                  HORIZON,
                  Duration.ofSeconds(1));
          checkHold(what + " held at waypoint " + k, m, k, hold, brute);
        }
      }
    }
  }

  /** A conflict a quarter second inside each end of each interval, none a quarter outside. */
  private static void checkWindows(String what, Movement m, double[] w, Detector brute) {
    double h = HORIZON.getSeconds();
    for (int k = 0; k < w.length; k += 2) {
      double a = w[k];
      double b = w[k + 1];
      if (b - a > 0.6) {
        if (a > -h) {
          assertThat(conflicts(brute, m, a + 0.25)).as("%s: inside %s", what, a).isTrue();
        }
        if (b < h) {
          assertThat(conflicts(brute, m, b - 0.25)).as("%s: inside %s", what, b).isTrue();
        }
      }
      if (a > -h && (k == 0 || w[k - 1] < a - 0.5)) {
        assertThat(conflicts(brute, m, a - 0.25)).as("%s: outside %s", what, a).isFalse();
      }
      if (b < h && (k + 2 >= w.length || w[k + 2] > b + 0.5)) {
        assertThat(conflicts(brute, m, b + 0.25)).as("%s: outside %s", what, b).isFalse();
      }
    }
  }

  private static void checkSide(
      String what,
      Movement m,
      Optional<Duration> proposal,
      int direction,
      double[] windows,
      Detector brute) {
    long limit = HORIZON.getSeconds();
    long found = proposal.map(Duration::getSeconds).orElse(limit + 1);
    if (proposal.isPresent()) {
      assertThat(conflicts(brute, m, direction * found))
          .as("%s by %d s: still in conflict", what, found)
          .isFalse();
      assertThat(conflicts(brute, m, direction * (found - 1)) || found == 1)
          .as("%s by %d s: one second less is free too", what, found - 1)
          .isTrue();
    }
    List<Long> probes = new ArrayList<>();
    for (long k = 1; k < found; k += 20) {
      probes.add(k);
    }
    for (long k = Math.max(1, found - 120); k < found; k++) {
      probes.add(k);
    }
    for (int i = 0; i < windows.length; i++) {
      long end = Math.round(direction * windows[i]);
      for (long k = Math.max(1, end - 120); k <= end + 120 && k < found; k++) {
        probes.add(k);
      }
    }
    for (long k : probes) {
      assertThat(conflicts(brute, m, direction * k))
          .as("%s: %d s is free but %s proposed", what, k, proposal)
          .isTrue();
    }
  }

  /**
   * The hold clears the movement and a second less does not; no shorter hold is free (every 20 s,
   * and every second of the two minutes before it); with none, no hold of a whole minute is free.
   */
  private static void checkHold(
      String what, Movement m, int k, Optional<Duration> hold, Detector brute) {
    long limit = HORIZON.getSeconds();
    long found = hold.map(Duration::getSeconds).orElse(limit + 1);
    if (hold.isPresent()) {
      assertThat(held(brute, m, k, found)).as("%s %d s: still in conflict", what, found).isFalse();
      assertThat(found == 1 || held(brute, m, k, found - 1))
          .as("%s %d s: one second less is free too", what, found - 1)
          .isTrue();
    }
    List<Long> probes = new ArrayList<>();
    for (long h = 1; h < found; h += hold.isPresent() ? 20 : 60) {
      probes.add(h);
    }
    for (long h = Math.max(1, found - 120); hold.isPresent() && h < found; h++) {
      probes.add(h);
    }
    for (long h : probes) {
      assertThat(held(brute, m, k, h))
          .as("%s: %d s is free but %s proposed", what, h, hold)
          .isTrue();
    }
  }

  private static boolean held(Detector brute, Movement m, int k, long seconds) {
    return !brute.check(Resolver.held(m, k, Duration.ofSeconds(seconds))).isEmpty();
  }

  private static boolean conflicts(Detector brute, Movement m, double shiftSeconds) {
    Duration by = Duration.ofMillis(Math.round(shiftSeconds * 1000));
    return !brute.check(Resolver.shifted(m, by)).isEmpty();
  }

  private static Item withBands(Item item, Random random) {
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
