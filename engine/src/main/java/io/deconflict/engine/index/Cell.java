package io.deconflict.engine.index;

import java.util.Arrays;

/**
 * The entries of one grid cell, stored flat in one {@code long[]} so that a cell costs one array
 * and a map slot: element 0 holds the number of entries (lower 32 bits) and the longest time span
 * ever inserted (upper 32 bits, seconds; removals do not shrink it), then two longs per entry.
 *
 * <ol>
 *   <li>the entry itself, whose meaning the grid defines (its upper 32 bits are the item's slot);
 *   <li>its bounds within the cell: the time span as whole seconds from the start of the cell's
 *       time bucket (12 bits each, start floored and end ceiled, clamped to the bucket) and the
 *       bounding box as six bins of a 64 × 64 × 64 division of the cell (6 bits each, clamped to
 *       the cell).
 * </ol>
 *
 * <p>Clamping to the cell and binning are both monotone, so two boxes that share a point of the
 * cell share its bin, and two spans that share an instant of the bucket overlap here: an overlap
 * inside the cell is never missed, and one outside it is found in the cell that holds it. Bounds
 * layout, from the top bit: start (12), end (12), 4 unused, then min x, y, z, max x, y, z (6 each).
 *
 * <p>The space-time grid keeps entries in order of span start ({@link #insertByStart}); the spatial
 * grid appends ({@link #addUnbounded}) and reads entries only. Static methods only. Arrays grow by
 * half their size and shrink when a quarter full.
 */
public final class Cell {

  /** Largest span offset within a bucket, seconds: buckets are at most this long. */
  public static final int MAX_OFFSET = 0xFFF;

  /** Bins per axis of a cell. */
  public static final int BINS = 64;

  private static final int STRIDE = 2;

  /** The whole bucket and the whole cell: start 0, end {@link #MAX_OFFSET}, bins 0 to 63. */
  private static final long EVERYWHERE = ((long) MAX_OFFSET << 40) | 0x3FFFF;

  private Cell() {}

  /** Number of entries in a cell. */
  public static int size(long[] cell) {
    return (int) cell[0];
  }

  private static void setSize(long[] cell, int n) {
    cell[0] = (cell[0] & 0xFFFFFFFF00000000L) | n;
  }

  /** The longest span, in seconds, of the entries inserted (removals do not shrink it). */
  public static int longestSpan(long[] cell) {
    return (int) (cell[0] >>> 32);
  }

  /** Entry {@code i}. */
  public static long entry(long[] cell, int i) {
    return cell[1 + STRIDE * i];
  }

  /** The bounds word of entry {@code i}. */
  public static long bounds(long[] cell, int i) {
    return cell[2 + STRIDE * i];
  }

  /** The span start of entry {@code i}, seconds from the start of the cell's bucket. */
  public static int start(long[] cell, int i) {
    return (int) (cell[2 + STRIDE * i] >>> 52);
  }

  /**
   * A bounds word: span {@code [start, end]} in seconds from the bucket's start and the box as bins
   * {@code min x, y, z, max x, y, z}, each in {@code [0, BINS)}.
   */
  public static long bounds(int start, int end, int[] bins) {
    long b = ((long) start << 52) | ((long) end << 40);
    for (int i = 0; i < 6; i++) {
      b |= (long) bins[i] << (30 - 6 * i);
    }
    return b;
  }

  /**
   * Whether a bounds word overlaps a query's span {@code (start, end)} (strictly: they share more
   * than an instant) and bins {@code qBins}.
   */
  public static boolean overlaps(long bounds, int start, int end, int[] qBins) {
    return (int) (bounds >>> 52) < end
        && (int) ((bounds >>> 40) & MAX_OFFSET) > start
        && (int) ((bounds >>> 30) & 63) <= qBins[3]
        && (int) ((bounds >>> 12) & 63) >= qBins[0]
        && (int) ((bounds >>> 24) & 63) <= qBins[4]
        && (int) ((bounds >>> 6) & 63) >= qBins[1]
        && (int) ((bounds >>> 18) & 63) <= qBins[5]
        && (int) (bounds & 63) >= qBins[2];
  }

  /**
   * The index of the first entry whose span starts after {@code start} (seconds from the bucket's
   * start), or {@link #size}; entries must have been inserted with {@link #insertByStart}.
   */
  public static int firstStartingAfter(long[] cell, long start) {
    int lo = 0;
    int hi = size(cell);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (start(cell, mid) > start) {
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
  static long[] insertByStart(long[] cell, long entry, long bounds) {
    int at = firstStartingAfter(cell, bounds >>> 52);
    long[] c = grow(cell);
    int n = size(c);
    int o = 1 + STRIDE * at;
    System.arraycopy(c, o, c, o + STRIDE, STRIDE * (n - at));
    c[o] = entry;
    c[o + 1] = bounds;
    long span = ((bounds >>> 40) & MAX_OFFSET) - (bounds >>> 52);
    c[0] = (Math.max(span, longestSpan(c)) << 32) | (n + 1);
    return c;
  }

  /** Appends an entry valid at all times and places; returns the cell, or a larger copy. */
  static long[] addUnbounded(long[] cell, long entry) {
    long[] c = grow(cell);
    int n = size(c);
    c[1 + STRIDE * n] = entry;
    c[2 + STRIDE * n] = EVERYWHERE;
    setSize(c, n + 1);
    return c;
  }

  private static long[] grow(long[] cell) {
    int n = size(cell);
    if (1 + STRIDE * (n + 1) <= cell.length) {
      return cell;
    }
    return Arrays.copyOf(cell, 1 + STRIDE * (n + (n >> 1) + 1));
  }

  /**
   * Removes every entry whose upper 32 bits are {@code slot}, keeping the order of the others;
   * returns the cell, a smaller copy, or the cell with size 0.
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
}
