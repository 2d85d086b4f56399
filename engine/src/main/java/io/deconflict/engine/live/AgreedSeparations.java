package io.deconflict.engine.live;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The separation each pair of parties agreed, as a step function of event time, and the default for
 * pairs and times without one. Parties are the tracker's small integer ids.
 *
 * <p>{@link #at} is what a pair of units that follow no movement keep from each other at an
 * instant; {@link #reach} is the largest separation a party's units may ever be held to, which the
 * corridor grid grows their corridors by (so an agreement that takes effect later never makes a
 * pair the grid has not found).
 *
 * <p>Cost: {@link #at} is an array lookup and a scan of the pair's steps (agreements change rarely:
 * a few steps). Not thread-safe.
 */
final class AgreedSeparations {

  private final double fallbackMeters;

  /** Per pair of party ids (both orders), the instants of the steps, milliseconds, ascending. */
  private long[][][] from = new long[0][][];

  /** Per pair of party ids, the separation from each step on, metres. */
  private double[][][] meters = new double[0][][];

  /** Per party id, the largest separation in any of its steps, or the default. */
  private double[] reach = new double[0];

  AgreedSeparations(double fallbackMeters) {
    this.fallbackMeters = fallbackMeters;
  }

  /**
   * Replaces the steps of two parties ({@code steps}: from each instant on, until the next, the
   * separation in metres; before the first, the default).
   *
   * @throws IllegalArgumentException if a separation is not positive and finite, or the parties are
   *     the same
   */
  void set(int partyA, int partyB, NavigableMap<Instant, Double> steps) {
    if (partyA == partyB) {
      throw new IllegalArgumentException("an agreed separation needs two parties, got one");
    }
    grow(Math.max(partyA, partyB) + 1);
    long[] times = new long[steps.size()];
    double[] values = new double[steps.size()];
    int i = 0;
    for (Map.Entry<Instant, Double> step : steps.entrySet()) {
      double m = step.getValue();
      if (!(m > 0) || Double.isInfinite(m)) {
        throw new IllegalArgumentException(
            "an agreed separation must be positive and finite, got "
                + m
                + " from "
                + step.getKey());
      }
      times[i] = step.getKey().toEpochMilli();
      values[i] = m;
      i++;
    }
    from[partyA][partyB] = times;
    from[partyB][partyA] = times;
    meters[partyA][partyB] = values;
    meters[partyB][partyA] = values;
    reach[partyA] = largest(partyA);
    reach[partyB] = largest(partyB);
  }

  /**
   * The steps set for two parties ({@link #set}), or null if none were; as an ascending map of
   * instants to metres.
   */
  @Nullable NavigableMap<Instant, Double> steps(int partyA, int partyB) {
    if (partyA >= from.length || partyB >= from.length || from[partyA][partyB] == null) {
      return null;
    }
    long[] times = from[partyA][partyB];
    double[] values = meters[partyA][partyB];
    NavigableMap<Instant, Double> out = new TreeMap<>();
    for (int i = 0; i < times.length; i++) {
      out.put(Instant.ofEpochMilli(times[i]), values[i]);
    }
    return out;
  }

  /** The number of party ids there is room for. */
  int parties() {
    return from.length;
  }

  /** The separation between units of two parties at {@code millis} (event time). */
  double at(int partyA, int partyB, long millis) {
    if (partyA >= from.length || partyB >= from.length) {
      return fallbackMeters;
    }
    long[] times = from[partyA][partyB];
    if (times == null) {
      return fallbackMeters;
    }
    for (int i = times.length - 1; i >= 0; i--) {
      if (times[i] <= millis) {
        return meters[partyA][partyB][i];
      }
    }
    return fallbackMeters;
  }

  /** The largest separation a party's units can be held to, at any time, by anyone. */
  double reach(int party) {
    return party < reach.length ? reach[party] : fallbackMeters;
  }

  private double largest(int party) {
    double best = fallbackMeters;
    for (double[] values : meters[party]) {
      if (values != null) {
        for (double m : values) {
          best = Math.max(best, m);
        }
      }
    }
    return best;
  }

  private void grow(int parties) {
    if (parties <= from.length) {
      return;
    }
    int n = Math.max(parties, 2 * from.length);
    long[][][] f = new long[n][n][];
    double[][][] m = new double[n][n][];
    for (int i = 0; i < from.length; i++) {
      System.arraycopy(from[i], 0, f[i], 0, from.length);
      System.arraycopy(meters[i], 0, m[i], 0, from.length);
    }
    from = f;
    meters = m;
    int old = reach.length;
    reach = Arrays.copyOf(reach, n);
    Arrays.fill(reach, old, n, fallbackMeters);
  }
}
