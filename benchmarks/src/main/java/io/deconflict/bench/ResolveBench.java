package io.deconflict.bench;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.resolve.Resolver;
import io.deconflict.engine.resolve.Shifts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolution proposals (D41) on a generated theatre, side by side in one run: the exact search
 * ({@link Resolver#shifts}) against the obvious one (step the movement's start a second at a time,
 * each step one {@link Detector#check} of the indexed detector, until a shift is free), on the same
 * movements; both must give the same answers. Prints a Markdown table. Single-threaded.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.deconflict.bench.ResolveBench [movements]
 * [conflicts] [seed]}
 */
public final class ResolveBench {

  private ResolveBench() {}

  /** Runs it. */
  public static void main(String[] args) {
    int movements = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int sample = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Scenario s = new ScenarioGenerator(seed).scenario(movements);
    List<Item> items = new ArrayList<>();
    items.addAll(s.movements());
    items.addAll(s.sites());
    items.addAll(s.zones());
    Map<String, Item> byId = new HashMap<>();
    items.forEach(i -> byId.put(i.id(), i));
    Detector detector = Detectors.indexed();
    detector.load(items);
    List<Conflict> conflicts = detector.conflicts();
    System.err.printf(Locale.ROOT, "%d items, %d conflicts%n", items.size(), conflicts.size());
    List<Movement> moved = new ArrayList<>();
    for (int i = 0;
        i < conflicts.size() && moved.size() < sample;
        i += conflicts.size() / sample + 1) {
      moved.add((Movement) byId.get(conflicts.get(i).a()));
    }
    // Warm-up on the first few.
    for (Movement m : moved.subList(0, Math.min(5, moved.size()))) {
      Resolver.shifts(m, detector, id -> Optional.ofNullable(byId.get(id)), Resolver.HORIZON);
    }
    long[] exact = new long[moved.size()];
    long[] stepped = new long[moved.size()];
    long checks = 0;
    int agree = 0;
    for (int k = 0; k < moved.size(); k++) {
      Movement m = moved.get(k);
      long t0 = System.nanoTime();
      Shifts found =
          Resolver.shifts(m, detector, id -> Optional.ofNullable(byId.get(id)), Resolver.HORIZON);
      long t1 = System.nanoTime();
      long delay = step(detector, m, 1, Resolver.HORIZON.getSeconds());
      long advance = step(detector, m, -1, Resolver.HORIZON.getSeconds());
      long t2 = System.nanoTime();
      exact[k] = t1 - t0;
      stepped[k] = t2 - t1;
      checks +=
          Math.min(delay, Resolver.HORIZON.getSeconds())
              + Math.min(advance, Resolver.HORIZON.getSeconds());
      if (found.delay().map(Duration::getSeconds).orElse(-1L) == delay
          && found.advance().map(Duration::getSeconds).orElse(-1L) == advance) {
        agree++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| movements | sampled | agree | exact median ms | exact total s | stepped median ms | stepped total s | checks stepped | ratio |%n");
    System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|---|---|%n");
    System.out.printf(
        Locale.ROOT,
        "| %d | %d | %d | %.2f | %.2f | %.1f | %.1f | %d | %.0f× |%n",
        movements,
        moved.size(),
        agree,
        median(exact) / 1e6,
        Arrays.stream(exact).sum() / 1e9,
        median(stepped) / 1e6,
        Arrays.stream(stepped).sum() / 1e9,
        checks,
        (double) Arrays.stream(stepped).sum() / Arrays.stream(exact).sum());
  }

  /** The smallest whole second in [1, limit] at which the shifted movement is free, else -1. */
  private static long step(Detector d, Movement m, int direction, long limit) {
    for (long k = 1; k <= limit; k++) {
      if (d.check(Resolver.shifted(m, Duration.ofSeconds(direction * k))).isEmpty()) {
        return k;
      }
    }
    return -1;
  }

  private static double median(long[] v) {
    long[] c = v.clone();
    Arrays.sort(c);
    return c.length == 0 ? 0 : c[c.length / 2];
  }
}
