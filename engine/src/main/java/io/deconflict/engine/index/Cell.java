package io.deconflict.engine.index;

import java.util.Arrays;

/**
 * The entries of one grid cell: packed {@code long}s whose meaning the grid defines.
 *
 * <p>Not thread-safe.
 */
public final class Cell {

  private static final long[] NONE = new long[0];

  private static final int[] NO_SPANS = new int[0];
  private static final float[] NO_BOXES = new float[0];

  long[] entries = NONE;
  int[] spans = NO_SPANS;
  float[] boxes = NO_BOXES;
  int size;

  /**
   * Whether entry {@code i}'s bounding box (the union of its pieces' grown boxes, rounded outwards
   * to floats) overlaps {@code box} (min x, y, z, max x, y, z).
   */
  public boolean boxOverlaps(int i, double[] box) {
    int o = 6 * i;
    return boxes[o] <= box[3]
        && boxes[o + 3] >= box[0]
        && boxes[o + 1] <= box[4]
        && boxes[o + 4] >= box[1]
        && boxes[o + 2] <= box[5]
        && boxes[o + 5] >= box[2];
  }

  /** Start of entry {@code i}'s time span, whole seconds since {@link #EPOCH_SECONDS}, floored. */
  public int spanStart(int i) {
    return spans[2 * i];
  }

  /** End of entry {@code i}'s time span, whole seconds since {@link #EPOCH_SECONDS}, ceiled. */
  public int spanEnd(int i) {
    return spans[2 * i + 1];
  }

  /** The origin of span times: 2020-01-01T00:00:00Z, seconds since 1970. */
  public static final long EPOCH_SECONDS = 1_577_836_800L;

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

  /** Number of entries. */
  public int size() {
    return size;
  }

  /** Entry {@code i}. */
  public long entry(int i) {
    return entries[i];
  }

  /** The last entry; the cell must not be empty. */
  long last() {
    return entries[size - 1];
  }

  private static final double[] EVERYWHERE = {
    Double.NEGATIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.POSITIVE_INFINITY,
    Double.POSITIVE_INFINITY,
    Double.POSITIVE_INFINITY
  };

  void add(long entry) {
    add(entry, Integer.MIN_VALUE, Integer.MAX_VALUE, EVERYWHERE);
  }

  void add(long entry, int spanStart, int spanEnd, double[] box) {
    if (size == entries.length) {
      int capacity = Math.max(4, size + (size >> 1) + 1);
      entries = Arrays.copyOf(entries, capacity);
      spans = Arrays.copyOf(spans, 2 * capacity);
      boxes = Arrays.copyOf(boxes, 6 * capacity);
    }
    spans[2 * size] = spanStart;
    spans[2 * size + 1] = spanEnd;
    int o = 6 * size;
    for (int d = 0; d < 3; d++) {
      boxes[o + d] = down(box[d]);
      boxes[o + 3 + d] = up(box[3 + d]);
    }
    entries[size++] = entry;
  }

  /**
   * Replaces the last entry, widening its span to end at {@code spanEnd} and its box by {@code
   * box}.
   */
  void extendLast(long entry, int spanEnd, double[] box) {
    entries[size - 1] = entry;
    spans[2 * size - 1] = Math.max(spans[2 * size - 1], spanEnd);
    int o = 6 * (size - 1);
    for (int d = 0; d < 3; d++) {
      boxes[o + d] = Math.min(boxes[o + d], down(box[d]));
      boxes[o + 3 + d] = Math.max(boxes[o + 3 + d], up(box[3 + d]));
    }
  }

  private static float down(double v) {
    float f = (float) v;
    return f > v ? Math.nextDown(f) : f;
  }

  private static float up(double v) {
    float f = (float) v;
    return f < v ? Math.nextUp(f) : f;
  }

  /** Removes every entry whose upper 32 bits are {@code slot}. */
  void removeSlot(int slot) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if ((int) (entries[i] >>> 32) != slot) {
        spans[2 * n] = spans[2 * i];
        spans[2 * n + 1] = spans[2 * i + 1];
        System.arraycopy(boxes, 6 * i, boxes, 6 * n, 6);
        entries[n++] = entries[i];
      }
    }
    size = n;
    if (size < entries.length / 4) {
      int capacity = size + (size >> 1);
      entries = Arrays.copyOf(entries, capacity);
      spans = Arrays.copyOf(spans, 2 * capacity);
      boxes = Arrays.copyOf(boxes, 6 * capacity);
    }
  }

  long heapBytes() {
    return 48L + 16 + 8L * entries.length + 16 + 4L * spans.length + 16 + 4L * boxes.length;
  }
}
