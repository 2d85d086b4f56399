package io.deconflict.engine.index;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An open-addressing hash map from a cell key ({@code long}) to its cell array (see {@link Cell}),
 * with linear probing and backward-shift deletion, so that looking a cell up allocates nothing.
 *
 * <p>Not thread-safe.
 */
final class CellMap {

  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private @Nullable long[][] values;
  private int size;
  private int mask;

  CellMap() {
    keys = new long[64];
    Arrays.fill(keys, EMPTY);
    values = new long[64][];
    mask = 63;
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The cell at {@code key}, or null. */
  long @Nullable [] get(long key) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return null;
      }
      i = (i + 1) & mask;
    }
  }

  /** Sets the cell at {@code key}. */
  void put(long key, long[] cell) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        values[i] = cell;
        return;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = cell;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes the entries of {@code slot} from the cell at {@code key}, and the cell if emptied. */
  void removeSlot(long key, int slot) {
    long[] cell = get(key);
    if (cell == null) {
      return;
    }
    long[] kept = Cell.removeSlot(cell, slot);
    if (Cell.size(kept) == 0) {
      remove(key);
    } else if (kept != cell) {
      put(key, kept);
    }
  }

  /** Removes the cell at {@code key}, if present. */
  void remove(long key) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == EMPTY) {
        return;
      }
      if (k == key) {
        break;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion keeps every probe chain unbroken.
    int hole = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      long k = keys[j];
      if (k == EMPTY) {
        break;
      }
      int home = hash(k) & mask;
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = k;
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    values[hole] = null;
    size--;
  }

  /** Number of cells. */
  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    @Nullable long[][] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    values = new long[oldKeys.length * 2][];
    mask = keys.length - 1;
    for (int n = 0; n < oldKeys.length; n++) {
      if (oldKeys[n] != EMPTY) {
        int i = hash(oldKeys[n]) & mask;
        while (keys[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[n];
        values[i] = oldValues[n];
      }
    }
  }

  /** Approximate heap bytes of the table and its cells. */
  long heapBytes() {
    long bytes = 16L + 8L * keys.length + 16 + 4L * values.length;
    for (long[] c : values) {
      if (c != null) {
        bytes += Cell.heapBytes(c);
      }
    }
    return bytes;
  }
}
