package io.deconflict.engine.index;

import java.util.Arrays;

/**
 * The entries of one grid cell: packed {@code long}s whose meaning the grid defines.
 *
 * <p>Not thread-safe.
 */
public final class Cell {

  private static final long[] NONE = new long[0];

  long[] entries = NONE;
  int size;

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

  /** Replaces the last entry. */
  void setLast(long entry) {
    entries[size - 1] = entry;
  }

  void add(long entry) {
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, Math.max(4, size + (size >> 1) + 1));
    }
    entries[size++] = entry;
  }

  /** Removes every entry whose upper 32 bits are {@code slot}. */
  void removeSlot(int slot) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if ((int) (entries[i] >>> 32) != slot) {
        entries[n++] = entries[i];
      }
    }
    size = n;
    if (size < entries.length / 4) {
      entries = Arrays.copyOf(entries, size + (size >> 1));
    }
  }

  long heapBytes() {
    return 32L + 16 + 8L * entries.length;
  }
}
