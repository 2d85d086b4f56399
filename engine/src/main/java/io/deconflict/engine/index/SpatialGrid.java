package io.deconflict.engine.index;

import org.jspecify.annotations.Nullable;

/**
 * A uniform grid over earth-centred space for static items (sites and zones): each is entered, by
 * slot, in every cell its bounding box touches. Time is left to the exact kernels, since static
 * items are few and often valid without end.
 *
 * <p>Not thread-safe.
 */
public final class SpatialGrid {

  private final double cellMeters;
  private final CellMap cells = new CellMap();

  /**
   * Creates an empty grid.
   *
   * @param cellMeters edge of a cell, at least 3,200 m
   */
  public SpatialGrid(double cellMeters) {
    if (!(cellMeters >= 3200)) {
      throw new IllegalArgumentException("cellMeters must be at least 3200, got " + cellMeters);
    }
    this.cellMeters = cellMeters;
  }

  /** The cell index of an ECEF coordinate. */
  public int cell(double coordinate) {
    return (int) Math.floor(coordinate / cellMeters);
  }

  /** The cell at a key (see {@link Cell}), or null. */
  public long @Nullable [] cell(long key) {
    return cells.get(key);
  }

  /** The key of a cell. */
  public static long key(int ix, int iy, int iz) {
    return SpaceTimeGrid.key(ix, iy, iz, 0);
  }

  /** Enters a box (min x, y, z, max x, y, z) under {@code slot}. */
  public void add(int slot, double[] box) {
    for (int ix = cell(box[0]); ix <= cell(box[3]); ix++) {
      for (int iy = cell(box[1]); iy <= cell(box[4]); iy++) {
        for (int iz = cell(box[2]); iz <= cell(box[5]); iz++) {
          long key = key(ix, iy, iz);
          long[] cell = cells.get(key);
          long[] grown = Cell.addUnbounded(cell == null ? new long[1] : cell, (long) slot << 32);
          if (grown != cell) {
            cells.put(key, grown);
          }
        }
      }
    }
  }

  /** Removes a box entered under {@code slot}. */
  public void remove(int slot, double[] box) {
    for (int ix = cell(box[0]); ix <= cell(box[3]); ix++) {
      for (int iy = cell(box[1]); iy <= cell(box[4]); iy++) {
        for (int iz = cell(box[2]); iz <= cell(box[5]); iz++) {
          cells.removeSlot(key(ix, iy, iz), slot);
        }
      }
    }
  }

  /** Approximate heap bytes of the grid. */
  public long heapBytes() {
    return cells.heapBytes();
  }
}
