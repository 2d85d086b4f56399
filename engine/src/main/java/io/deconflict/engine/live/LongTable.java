package io.deconflict.engine.live;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An open-addressing hash map from a non-negative {@code long} key to a value, with linear probing
 * and backward-shift deletion, so that a lookup allocates nothing.
 *
 * <p>Not thread-safe.
 */
final class LongTable<V> {

  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private @Nullable Object[] values;
  private int size;
  private int mask;

  LongTable() {
    keys = new long[64];
    Arrays.fill(keys, EMPTY);
    values = new Object[64];
    mask = 63;
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The value at {@code key}, or null. */
  @SuppressWarnings("unchecked")
  @Nullable V get(long key) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return (V) values[i];
      }
      if (k == EMPTY) {
        return null;
      }
      i = (i + 1) & mask;
    }
  }

  /** Sets the value at {@code key}. */
  void put(long key, V value) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        values[i] = value;
        return;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes {@code key} if present. */
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
    // Backward-shift deletion: move later entries of the probe run into the hole.
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

  /** Number of keys. */
  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    @Nullable Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    values = new Object[oldKeys.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        Object v = oldValues[i];
        if (v != null) {
          put(oldKeys[i], castValue(v));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private V castValue(Object v) {
    return (V) v;
  }
}
