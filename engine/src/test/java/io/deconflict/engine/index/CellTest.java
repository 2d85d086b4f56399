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
  void spansAndBoxesGrowWhenARunIsExtendedAndSurviveRemoval() {
    long[] cell = Cell.add(new long[1], 1L << 32, 10, 20, BOX);
    double[] next = {120, -180, 6_000_020, 130, -170, 6_000_030};
    Cell.extendLast(cell, (1L << 32) | 1, 30, next);
    cell = Cell.add(cell, 2L << 32, 0, 5, next);
    assertThat(Cell.spanOverlaps(cell, 0, 25, 26)).isTrue();
    assertThat(Cell.spanOverlaps(cell, 0, 30, 40)).isFalse();
    assertThat(Cell.boxOverlaps(cell, 0, next)).isTrue();
    cell = Cell.removeSlot(cell, 1);
    assertThat(Cell.size(cell)).isEqualTo(1);
    assertThat(Cell.entry(cell, 0)).isEqualTo(2L << 32);
    assertThat(Cell.spanOverlaps(cell, 0, 4, 6)).isTrue();
    assertThat(Cell.boxOverlaps(cell, 0, BOX)).isFalse();
  }
}
