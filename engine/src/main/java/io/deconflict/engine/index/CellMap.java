package io.deconflict.engine.index;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The cells of a grid by key ({@code long}): fastutil's open-addressing map (linear probing,
 * backward-shift deletion, no allocation on lookup), the one hash map of the engine's grids, with
 * what the grids add to it: removing one item's entries from a cell, and the heap a grid holds.
 *
 * <p>Not thread-safe.
 */
final class CellMap {

  private final Long2ObjectOpenHashMap<long[]> cells = new Long2ObjectOpenHashMap<>();

  long @Nullable [] get(long key) {
    return cells.get(key);
  }

  void put(long key, long[] cell) {
    cells.put(key, cell);
  }

  /** Removes the entries of {@code slot} from the cell at {@code key}, and the cell once empty. */
  void removeSlot(long key, int slot) {
    long[] cell = cells.get(key);
    if (cell == null) {
      return;
    }
    long[] kept = Cell.removeSlot(cell, slot);
    if (Cell.size(kept) == 0) {
      cells.remove(key);
    } else if (kept != cell) {
      cells.put(key, kept);
    }
  }

  /** Number of cells. */
  int size() {
    return cells.size();
  }

  /** Approximate heap bytes: the map's two arrays at its load factor, and every cell. */
  long heapBytes() {
    long slots =
        HashCommon.arraySize(Math.max(1, cells.size()), Long2ObjectOpenHashMap.DEFAULT_LOAD_FACTOR)
            + 1L;
    long bytes = 16L + 8L * slots + 16 + 4L * slots;
    for (long[] c : cells.values()) {
      bytes += Cell.heapBytes(c);
    }
    return bytes;
  }
}
