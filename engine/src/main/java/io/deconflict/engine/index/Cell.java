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

  long[] entries = NONE;
  int[] spans = NO_SPANS;
  int size;

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

  void add(long entry) {
    add(entry, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  void add(long entry, int spanStart, int spanEnd) {
    if (size == entries.length) {
      int capacity = Math.max(4, size + (size >> 1) + 1);
      entries = Arrays.copyOf(entries, capacity);
      spans = Arrays.copyOf(spans, 2 * capacity);
    }
    spans[2 * size] = spanStart;
    spans[2 * size + 1] = spanEnd;
    entries[size++] = entry;
  }

  /** Widens the last entry's span to end at {@code spanEnd}. */
  void extendLast(long entry, int spanEnd) {
    entries[size - 1] = entry;
    spans[2 * size - 1] = Math.max(spans[2 * size - 1], spanEnd);
  }

  /** Removes every entry whose upper 32 bits are {@code slot}. */
  void removeSlot(int slot) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if ((int) (entries[i] >>> 32) != slot) {
        spans[2 * n] = spans[2 * i];
        spans[2 * n + 1] = spans[2 * i + 1];
        entries[n++] = entries[i];
      }
    }
    size = n;
    if (size < entries.length / 4) {
      int capacity = size + (size >> 1);
      entries = Arrays.copyOf(entries, capacity);
      spans = Arrays.copyOf(spans, 2 * capacity);
    }
  }

  long heapBytes() {
    return 40L + 16 + 8L * entries.length + 16 + 4L * spans.length;
  }
}
