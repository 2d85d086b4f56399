package io.deconflict.bench;

import java.util.Arrays;

/**
 * A set of non-negative longs, open addressing with linear probing and backward-shift deletion. Not
 * thread-safe.
 */
final class LongSet {
  private long[] keys = new long[1 << 10];
  private int size;

  LongSet() {
    Arrays.fill(keys, -1);
  }

  int size() {
    return size;
  }

  /** Adds a key (at least 0); returns whether it was absent. */
  boolean add(long key) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] >= 0) {
      if (keys[i] == key) {
        return false;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    size++;
    return true;
  }

  /** Removes a key; returns whether it was present. */
  boolean remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != key) {
      if (keys[i] < 0) {
        return false;
      }
      i = (i + 1) & mask;
    }
    keys[i] = -1;
    size--;
    // shift back the entries that probed past the hole
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      long k = keys[j];
      if (k < 0) {
        return true;
      }
      int home = slot(k, mask);
      boolean between = i <= j ? i < home && home <= j : i < home || home <= j;
      if (!between) {
        keys[i] = k;
        keys[j] = -1;
        i = j;
      }
    }
  }

  private void grow() {
    long[] old = keys;
    keys = new long[old.length * 2];
    Arrays.fill(keys, -1);
    size = 0;
    for (long k : old) {
      if (k >= 0) {
        add(k);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
