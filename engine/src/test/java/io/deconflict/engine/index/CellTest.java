package io.deconflict.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellTest {

  private static final double[] BOX = {100.25, -200.5, 6_000_000.1, 110.75, -190.5, 6_000_010.9};

  @Test
  void boxOverlapIsTestedOnEveryFace() {
    long[] cell = Cell.add(new long[1], 7L << 32, 10, 20, BOX);
    assertThat(Cell.boxOverlaps(cell, 0, BOX)).isTrue();
    for (int axis = 0; axis < 3; axis++) {
      double[] below = BOX.clone();
      below[3 + axis] = BOX[axis] - 1; // ends before the entry starts on this axis
      below[axis] = below[3 + axis] - 5;
      double[] above = BOX.clone();
      above[axis] = BOX[3 + axis] + 1; // starts after the entry ends on this axis
      above[3 + axis] = above[axis] + 5;
      double[] touching = BOX.clone();
      touching[3 + axis] = BOX[axis];
      touching[axis] = BOX[axis] - 5;
      assertThat(Cell.boxOverlaps(cell, 0, below)).as("below on axis %d", axis).isFalse();
      assertThat(Cell.boxOverlaps(cell, 0, above)).as("above on axis %d", axis).isFalse();
      assertThat(Cell.boxOverlaps(cell, 0, touching)).as("touching on axis %d", axis).isTrue();
    }
  }

  @Test
  void entriesInsertedByStartStayInOrderAndRemovalKeepsTheOrder() {
    long[] cell = new long[1];
    int[][] spans = {{50, 60}, {10, 20}, {30, 200}, {10, 15}, {40, 45}};
    for (int i = 0; i < spans.length; i++) {
      cell = Cell.insertByStart(cell, (long) (i + 1) << 32, spans[i][0], spans[i][1], BOX);
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
    assertThat(Cell.spanOverlaps(cell, 2, 44, 46)).isTrue();
    assertThat(Cell.spanOverlaps(cell, 2, 45, 46)).isFalse();
  }

  @Test
  void theLongestSpanOfAnEntryForAllTimeDoesNotOverflow() {
    long[] cell =
        Cell.insertByStart(new long[1], 1L << 32, Integer.MIN_VALUE, Integer.MAX_VALUE, BOX);
    assertThat(Cell.longestSpan(cell)).isEqualTo(Integer.MAX_VALUE);
    assertThat(Cell.firstStartingAfter(cell, (long) Integer.MIN_VALUE - Integer.MAX_VALUE))
        .isZero();
  }

  private static int[] slots(long[] cell) {
    int[] slots = new int[Cell.size(cell)];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = (int) (Cell.entry(cell, i) >>> 32);
    }
    return slots;
  }
}
