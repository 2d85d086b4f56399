package io.deconflict.engine.index;

import java.util.Arrays;

/**
 * The entries of one grid cell, stored flat in one {@code long[]} so that a cell costs one array
 * and a map slot: element 0 holds the number of entries (lower 32 bits) and the longest time span
 * ever inserted in order (upper 32 bits, seconds; see {@link #insertByStart}), then five longs per
 * entry.
 *
 * <ol>
 *   <li>the entry itself, whose meaning the grid defines (its upper 32 bits are the item's slot);
 *   <li>its time span: start and end in whole seconds since {@link #EPOCH_SECONDS}, floored and
 *       ceiled, as two ints;
 *   <li>three longs holding its bounding box as six floats rounded outwards: min x, y, z, max x, y,
 *       z.
 * </ol>
 *
 * <p>Static methods only. Arrays grow by half their size and shrink when a quarter full.
 */
public final class Cell {

  /** The origin of span times: 2020-01-01T00:00:00Z, seconds since 1970. */
  public static final long EPOCH_SECONDS = 1_577_836_800L;

  private static final int STRIDE = 5;

  private static final double[] EVERYWHERE = {
    Double.NEGATIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.POSITIVE_INFINITY,
    Double.POSITIVE_INFINITY,
    Double.POSITIVE_INFINITY
  };

  private Cell() {}

  /** A time in seconds since 1970 as a span start (floored, clamped to int). */
  public static int spanFloor(double seconds) {
    return (int)
        Math.max(
            Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.floor(seconds - EPOCH_SECONDS)));
  }

  /** A time in seconds since 1970 as a span end (ceiled, clamped to int). */
  public static int spanCeil(double seconds) {
    return (int)
        Math.max(
            Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.ceil(seconds - EPOCH_SECONDS)));
  }

  /** Number of entries in a cell. */
  public static int size(long[] cell) {
    return (int) cell[0];
  }

  private static void setSize(long[] cell, int n) {
    cell[0] = (cell[0] & 0xFFFFFFFF00000000L) | n;
  }

  /**
   * The longest span, in seconds, of the entries inserted with {@link #insertByStart} (removals do
   * not shrink it).
   */
  public static int longestSpan(long[] cell) {
    return (int) (cell[0] >>> 32);
  }

  /** The start, in span seconds, of entry {@code i}. */
  public static int spanStart(long[] cell, int i) {
    return (int) (cell[2 + STRIDE * i] >> 32);
  }

  /**
   * In a cell whose entries were all inserted with {@link #insertByStart}: the index of the first
   * entry whose span starts after {@code start}, or {@link #size}.
   */
  public static int firstStartingAfter(long[] cell, long start) {
    int lo = 0;
    int hi = size(cell);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (spanStart(cell, mid) > start) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Inserts an entry after every entry that starts no later, keeping the cell ordered by span
   * start; returns the cell, or a larger copy.
   */
  static long[] insertByStart(long[] cell, long entry, int spanStart, int spanEnd, double[] box) {
    int at = firstStartingAfter(cell, spanStart);
    long[] c = add(cell, entry, spanStart, spanEnd, box);
    int n = size(c);
    if (at < n - 1) {
      long[] moved = new long[STRIDE];
      System.arraycopy(c, 1 + STRIDE * (n - 1), moved, 0, STRIDE);
      System.arraycopy(c, 1 + STRIDE * at, c, 1 + STRIDE * (at + 1), STRIDE * (n - 1 - at));
      System.arraycopy(moved, 0, c, 1 + STRIDE * at, STRIDE);
    }
    long span = Math.min(Integer.MAX_VALUE, (long) spanEnd - spanStart);
    if (span > longestSpan(c)) {
      c[0] = (span << 32) | n;
    }
    return c;
  }

  /** Entry {@code i}. */
  public static long entry(long[] cell, int i) {
    return cell[1 + STRIDE * i];
  }

  /** Whether entry {@code i}'s time span overlaps {@code (start, end)} in span seconds. */
  public static boolean spanOverlaps(long[] cell, int i, int start, int end) {
    long span = cell[2 + STRIDE * i];
    return (int) (span >> 32) < end && (int) span > start;
  }

  /** Whether entry {@code i}'s bounding box overlaps {@code box} (min x, y, z, max x, y, z). */
  public static boolean boxOverlaps(long[] cell, int i, double[] box) {
    int o = 3 + STRIDE * i;
    long b0 = cell[o];
    long b1 = cell[o + 1];
    long b2 = cell[o + 2];
    return hi(b0) <= box[3] // min x
        && lo(b1) >= box[0] // max x
        && lo(b0) <= box[4] // min y
        && hi(b2) >= box[1] // max y
        && hi(b1) <= box[5] // min z
        && lo(b2) >= box[2]; // max z
  }

  // Box layout: b0 = (minX, minY), b1 = (minZ, maxX), b2 = (maxY, maxZ); hi() is the first float.
  private static float hi(long v) {
    return Float.intBitsToFloat((int) (v >>> 32));
  }

  private static float lo(long v) {
    return Float.intBitsToFloat((int) v);
  }

  private static long pack(float high, float low) {
    return ((long) Float.floatToRawIntBits(high) << 32)
        | (Float.floatToRawIntBits(low) & 0xFFFFFFFFL);
  }

  /** Appends an entry valid at all times and places; returns the cell, or a larger copy. */
  static long[] addUnbounded(long[] cell, long entry) {
    return add(cell, entry, Integer.MIN_VALUE, Integer.MAX_VALUE, EVERYWHERE);
  }

  /** Appends an entry; returns the cell, or a larger copy. */
  static long[] add(long[] cell, long entry, int spanStart, int spanEnd, double[] box) {
    int n = size(cell);
    long[] c = cell;
    if (1 + STRIDE * (n + 1) > c.length) {
      int capacity = n + (n >> 1) + 1;
      c = Arrays.copyOf(c, 1 + STRIDE * capacity);
    }
    int o = 1 + STRIDE * n;
    c[o] = entry;
    c[o + 1] = ((long) spanStart << 32) | (spanEnd & 0xFFFFFFFFL);
    c[o + 2] = pack(down(box[0]), down(box[1]));
    c[o + 3] = pack(down(box[2]), up(box[3]));
    c[o + 4] = pack(up(box[4]), up(box[5]));
    setSize(c, n + 1);
    return c;
  }

  /**
   * Removes every entry whose upper 32 bits are {@code slot}; returns the cell, a smaller copy, or
   * the cell with size 0.
   */
  static long[] removeSlot(long[] cell, int slot) {
    int size = size(cell);
    int n = 0;
    for (int i = 0; i < size; i++) {
      int from = 1 + STRIDE * i;
      if ((int) (cell[from] >>> 32) != slot) {
        System.arraycopy(cell, from, cell, 1 + STRIDE * n, STRIDE);
        n++;
      }
    }
    setSize(cell, n);
    int capacity = (cell.length - 1) / STRIDE;
    if (n > 0 && n < capacity / 4) {
      return Arrays.copyOf(cell, 1 + STRIDE * (n + (n >> 1)));
    }
    return cell;
  }

  /** Heap bytes of a cell's array. */
  static long heapBytes(long[] cell) {
    return 16L + 8L * cell.length;
  }

  private static float down(double v) {
    float f = (float) v;
    return f > v ? Math.nextDown(f) : f;
  }

  private static float up(double v) {
    float f = (float) v;
    return f < v ? Math.nextUp(f) : f;
  }
}
