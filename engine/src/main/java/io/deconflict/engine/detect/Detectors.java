package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Factories for the engine's detectors. */
public final class Detectors {

  private Detectors() {}

  /**
   * A detector that finds candidate pairs through a space-time grid, then runs the exact kernels on
   * them. Use this one.
   */
  public static Detector indexed() {
    return new IndexedDetector();
  }

  /**
   * A detector that runs the exact kernels on every pair of items of different parties. Quadratic:
   * it exists as the reference the indexed detector must agree with, byte for byte.
   */
  public static Detector bruteForce() {
    return new BruteForceDetector();
  }

  /**
   * Loads items prepared by the caller ({@link Prepared#of}, on any threads) into {@code detector}:
   * the same as {@link Detector#load} of their items, without building their tracks again.
   */
  public static void load(Detector detector, Collection<Prepared> items) {
    if (detector instanceof AbstractDetector d) {
      d.loadPrepared(items);
    } else {
      List<Item> plain = new ArrayList<>(items.size());
      for (Prepared p : items) {
        plain.add(p.item());
      }
      detector.load(plain);
    }
  }
}
