package io.deconflict.report;

import java.util.List;

/**
 * The classes the review's charts count durations into: acknowledgement times and lead times. A
 * value falls into the first bin whose upper bound (exclusive) exceeds it; the last bin is open.
 */
final class Bins {

  /** Acknowledgement time (raise to acknowledgement), in seconds. */
  static final Bins ACKNOWLEDGEMENT =
      new Bins(
          List.of("< 1 min", "1–2 min", "2–5 min", "5–10 min", "10–30 min", "≥ 30 min"),
          new double[] {60, 120, 300, 600, 1800});

  /** Lead time (a conflict's start minus its first alert), in seconds; negative: alerted late. */
  static final Bins LEAD =
      new Bins(
          List.of("after start", "< 1 h", "1–6 h", "6–12 h", "12–24 h", "1–2 d", "≥ 2 d"),
          new double[] {0, 3600, 6 * 3600, 12 * 3600, 24 * 3600, 48 * 3600});

  private final List<String> labels;
  private final double[] upperBounds;

  private Bins(List<String> labels, double[] upperBounds) {
    this.labels = labels;
    this.upperBounds = upperBounds;
  }

  List<String> labels() {
    return labels;
  }

  /** The index of the bin {@code seconds} falls into. */
  int of(double seconds) {
    for (int i = 0; i < upperBounds.length; i++) {
      if (seconds < upperBounds[i]) {
        return i;
      }
    }
    return upperBounds.length;
  }

  /** How many of {@code values} fall into each bin. */
  int[] count(List<Double> values) {
    int[] out = new int[labels.size()];
    for (double v : values) {
      out[of(v)]++;
    }
    return out;
  }
}
