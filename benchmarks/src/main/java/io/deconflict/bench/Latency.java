package io.deconflict.bench;

import java.util.Arrays;

/**
 * Summary of a set of latency samples in nanoseconds: nearest-rank percentiles, mean and maximum.
 *
 * @param count number of samples
 * @param p50Nanos median, nearest rank
 * @param p99Nanos 99th percentile, nearest rank
 * @param meanNanos arithmetic mean
 * @param maxNanos largest sample
 */
public record Latency(int count, long p50Nanos, long p99Nanos, double meanNanos, long maxNanos) {

  /** Summarises {@code samples}, which must not be empty; the array is sorted in place. */
  public static Latency of(long[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no latency samples");
    }
    Arrays.sort(samples);
    double sum = 0;
    for (long s : samples) {
      sum += s;
    }
    return new Latency(
        samples.length,
        percentile(samples, 0.50),
        percentile(samples, 0.99),
        sum / samples.length,
        samples[samples.length - 1]);
  }

  /** The nearest-rank percentile {@code p} in (0, 1] of sorted samples. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  /** This latency with every figure multiplied by {@code factor}, for extrapolations. */
  public Latency scaled(double factor) {
    return new Latency(
        count,
        Math.round(p50Nanos * factor),
        Math.round(p99Nanos * factor),
        meanNanos * factor,
        Math.round(maxNanos * factor));
  }
}
