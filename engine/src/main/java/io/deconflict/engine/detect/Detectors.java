package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.Detector;

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
}
