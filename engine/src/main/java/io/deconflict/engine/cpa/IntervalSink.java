package io.deconflict.engine.cpa;

import java.util.Arrays;

/**
 * A growable list of conflict sub-intervals found by the kernels, each with the squared chord
 * distance and time of its closest approach. Times are seconds since the epoch.
 *
 * <p>Not thread-safe; reused between calls to avoid allocation.
 */
public final class IntervalSink {

  private double[] start = new double[16];
  private double[] end = new double[16];
  private double[] minD2 = new double[16];
  private double[] minTime = new double[16];
  private int[] tags = new int[16];
  private int size;

  /** Appends a sub-interval. */
  public void add(double from, double until, double closestD2, double closestTime) {
    if (size == start.length) {
      int capacity = size * 2;
      start = Arrays.copyOf(start, capacity);
      end = Arrays.copyOf(end, capacity);
      minD2 = Arrays.copyOf(minD2, capacity);
      minTime = Arrays.copyOf(minTime, capacity);
      tags = Arrays.copyOf(tags, capacity);
    }
    start[size] = from;
    end[size] = until;
    minD2[size] = closestD2;
    minTime[size] = closestTime;
    tags[size] = -1;
    size++;
  }

  /**
   * Tags the sub-intervals added since the last call with {@code tag} (the detectors use the other
   * item's slot).
   */
  public void tagRecent(int tag) {
    for (int i = size - 1; i >= 0 && tags[i] == -1; i--) {
      tags[i] = tag;
    }
  }

  /** The tag of sub-interval {@code i}, or -1. */
  public int tagOf(int i) {
    return tags[i];
  }

  /** Indices of the sub-intervals ordered by tag, then by insertion. */
  public int[] orderByTag() {
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = ((long) tags[i] << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  /** Keeps, in order, only the sub-intervals whose index {@code keep} accepts. */
  public void retain(java.util.function.IntPredicate keep) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (keep.test(i)) {
        start[n] = start[i];
        end[n] = end[i];
        minD2[n] = minD2[i];
        minTime[n] = minTime[i];
        tags[n] = tags[i];
        n++;
      }
    }
    size = n;
  }

  /** Forgets every sub-interval. */
  public void clear() {
    size = 0;
  }

  /** Number of sub-intervals. */
  public int size() {
    return size;
  }

  /** Start of sub-interval {@code i}. */
  public double start(int i) {
    return start[i];
  }

  /** End of sub-interval {@code i}. */
  public double end(int i) {
    return end[i];
  }

  /** Squared chord distance at the closest approach of sub-interval {@code i}. */
  public double minD2(int i) {
    return minD2[i];
  }

  /** Time of the closest approach of sub-interval {@code i}. */
  public double minTime(int i) {
    return minTime[i];
  }

  /**
   * Sorts the sub-intervals by start and merges those that overlap or touch (within {@code
   * gapSeconds}), keeping the smallest distance of each merged group. Deterministic whatever the
   * order the sub-intervals were added in: ties in distance keep the earlier closest approach.
   */
  public void mergeTouching(double gapSeconds) {
    if (size < 2) {
      return;
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (x, y) -> {
          int c = Double.compare(start[x], start[y]);
          return c != 0 ? c : Double.compare(end[x], end[y]);
        });
    double[] s = new double[size];
    double[] e = new double[size];
    double[] d = new double[size];
    double[] t = new double[size];
    int n = 0;
    for (int k = 0; k < size; k++) {
      int i = order[k];
      if (n > 0 && start[i] <= e[n - 1] + gapSeconds) {
        e[n - 1] = Math.max(e[n - 1], end[i]);
        if (minD2[i] < d[n - 1] || (minD2[i] == d[n - 1] && minTime[i] < t[n - 1])) {
          d[n - 1] = minD2[i];
          t[n - 1] = minTime[i];
        }
      } else {
        s[n] = start[i];
        e[n] = end[i];
        d[n] = minD2[i];
        t[n] = minTime[i];
        n++;
      }
    }
    System.arraycopy(s, 0, start, 0, n);
    System.arraycopy(e, 0, end, 0, n);
    System.arraycopy(d, 0, minD2, 0, n);
    System.arraycopy(t, 0, minTime, 0, n);
    size = n;
  }
}
