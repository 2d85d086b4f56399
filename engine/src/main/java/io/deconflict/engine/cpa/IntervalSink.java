package io.deconflict.engine.cpa;

import it.unimi.dsi.fastutil.ints.IntArrays;
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
    int[] order = null;
    for (int i = 1; i < size && order == null; i++) {
      if (compareSpans(i - 1, i) > 0) {
        order = new int[size];
        for (int k = 0; k < size; k++) {
          order[k] = k;
        }
        // Stable, as the output's ties (equal spans) keep the order they were added in.
        IntArrays.mergeSort(order, this::compareSpans);
      }
    }
    if (order == null) {
      // Already in order (the common case: a pair's pieces come in time order): merge in place,
      // writing slot n only after reading slot k >= n.
      int n = 0;
      for (int k = 0; k < size; k++) {
        n = mergeInto(n, start[k], end[k], minD2[k], minTime[k], gapSeconds);
      }
      size = n;
      return;
    }
    double[] s = Arrays.copyOf(start, size);
    double[] e = Arrays.copyOf(end, size);
    double[] d = Arrays.copyOf(minD2, size);
    double[] t = Arrays.copyOf(minTime, size);
    int n = 0;
    for (int k = 0; k < size; k++) {
      int i = order[k];
      n = mergeInto(n, s[i], e[i], d[i], t[i], gapSeconds);
    }
    size = n;
  }

  private int compareSpans(int x, int y) {
    int c = Double.compare(start[x], start[y]);
    return c != 0 ? c : Double.compare(end[x], end[y]);
  }

  /**
   * Appends a sub-interval to the first {@code n} merged ones, or merges it into the last when it
   * overlaps or touches it; returns the new count.
   */
  private int mergeInto(int n, double from, double until, double d2, double time, double gap) {
    if (n > 0 && from <= end[n - 1] + gap) {
      end[n - 1] = Math.max(end[n - 1], until);
      if (d2 < minD2[n - 1] || (d2 == minD2[n - 1] && time < minTime[n - 1])) {
        minD2[n - 1] = d2;
        minTime[n - 1] = time;
      }
      return n;
    }
    start[n] = from;
    end[n] = until;
    minD2[n] = d2;
    minTime[n] = time;
    return n + 1;
  }
}
