package io.deconflict.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellTest {

  private static final int[] BINS = {10, 20, 30, 12, 25, 40};

  @Test
  void boundsOverlapIsTestedOnTimeAndEveryFace() {
    long bounds = Cell.bounds(100, 200, BINS);
    assertThat(Cell.overlaps(bounds, 150, 160, BINS)).isTrue();
    assertThat(Cell.overlaps(bounds, 0, 100, BINS)).as("ends as the entry starts").isFalse();
    assertThat(Cell.overlaps(bounds, 200, 300, BINS)).as("starts as the entry ends").isFalse();
    assertThat(Cell.overlaps(bounds, 0, 101, BINS)).isTrue();
    for (int axis = 0; axis < 3; axis++) {
      int[] below = BINS.clone();
      below[3 + axis] = BINS[axis] - 1;
      below[axis] = 0;
      int[] above = BINS.clone();
      above[axis] = BINS[3 + axis] + 1;
      above[3 + axis] = 63;
      int[] touching = BINS.clone();
      touching[axis] = 0;
      touching[3 + axis] = BINS[axis];
      assertThat(Cell.overlaps(bounds, 150, 160, below)).as("below on axis %d", axis).isFalse();
      assertThat(Cell.overlaps(bounds, 150, 160, above)).as("above on axis %d", axis).isFalse();
      assertThat(Cell.overlaps(bounds, 150, 160, touching)).as("touching %d", axis).isTrue();
    }
  }

  @Test
  void entriesInsertedByStartStayInOrderAndRemovalKeepsTheOrder() {
    long[] cell = new long[1];
    int[][] spans = {{50, 60}, {10, 20}, {30, 200}, {10, 15}, {40, 45}};
    for (int i = 0; i < spans.length; i++) {
      cell =
          Cell.insertByStart(
              cell, (long) (i + 1) << 32, Cell.bounds(spans[i][0], spans[i][1], BINS));
    }
    assertThat(Cell.size(cell)).isEqualTo(5);
    assertThat(slots(cell)).containsExactly(2, 4, 3, 5, 1); // equal starts keep insertion order
    assertThat(Cell.longestSpan(cell)).isEqualTo(170);
    assertThat(Cell.firstStartingAfter(cell, 9)).isZero();
    assertThat(Cell.firstStartingAfter(cell, 10)).isEqualTo(2);
    assertThat(Cell.firstStartingAfter(cell, 45)).isEqualTo(4);
    assertThat(Cell.firstStartingAfter(cell, 50)).isEqualTo(5);
    cell = Cell.removeSlot(cell, 3);
    assertThat(slots(cell)).containsExactly(2, 4, 5, 1);
    assertThat(Cell.longestSpan(cell)).as("kept: an upper bound").isEqualTo(170);
    assertThat(Cell.overlaps(Cell.bounds(cell, 2), 44, 46, BINS)).isTrue();
    assertThat(Cell.overlaps(Cell.bounds(cell, 2), 45, 46, BINS)).isFalse();
  }

  @Test
  void anUnboundedEntryOverlapsEveryQuery() {
    long[] cell = Cell.addUnbounded(new long[1], 9L << 32);
    assertThat(Cell.entry(cell, 0)).isEqualTo(9L << 32);
    assertThat(Cell.overlaps(Cell.bounds(cell, 0), 0, 1, new int[] {0, 0, 0, 0, 0, 0})).isTrue();
    assertThat(Cell.overlaps(Cell.bounds(cell, 0), 4000, 4095, new int[] {63, 63, 63, 63, 63, 63}))
        .isTrue();
  }

  @Test
  void aBinIsMonotoneAndClampedToTheCell() {
    SpaceTimeGrid grid = new SpaceTimeGrid(10_000, 3_600);
    int[] bins = new int[6];
    grid.bins(new double[] {-5, 0, 9_999.9, 10_000, 156.25, 40_000}, 0, 0, 0, bins);
    assertThat(bins).containsExactly(0, 0, 63, 63, 1, 63);
    grid.bins(new double[] {-20_000, -20_000, -20_000, 20_000, 20_000, 20_000}, 1, -1, 1, bins);
    assertThat(bins).containsExactly(0, 0, 0, 63, 63, 63);
  }

  @Test
  void spanOffsetsAreClampedSoThatASpanCoveringTheBucketOverlapsEveryQueryInIt() {
    SpaceTimeGrid grid = new SpaceTimeGrid(10_000, 3_600);
    long bucket = grid.bucket(7_300); // [7200, 10800)
    assertThat(grid.offset(7_300.5, bucket, false)).isEqualTo(100);
    assertThat(grid.offset(7_300.5, bucket, true)).isEqualTo(101);
    assertThat(grid.offset(0, bucket, false)).isZero();
    assertThat(grid.offset(1e9, bucket, false)).isEqualTo(3_599);
    assertThat(grid.offset(0, bucket, true)).isEqualTo(1);
    assertThat(grid.offset(1e9, bucket, true)).isEqualTo(3_600);
  }

  private static int[] slots(long[] cell) {
    int[] slots = new int[Cell.size(cell)];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = (int) (Cell.entry(cell, i) >>> 32);
    }
    return slots;
  }
}
