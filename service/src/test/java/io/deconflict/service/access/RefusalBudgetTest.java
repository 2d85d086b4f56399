package io.deconflict.service.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The bound on journaled refusals, at given times: a burst of 20, then one per 6 s; what is left
 * out is counted into the next record, or into a record of its own once there is room.
 */
class RefusalBudgetTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @Test
  void aBurstThenOnePerSixSecondsAndNothingLost() {
    RefusalBudget budget = new RefusalBudget();
    for (int i = 0; i < RefusalBudget.BURST; i++) {
      assertThat(budget.take(T0)).isZero();
    }
    for (int i = 0; i < 1000; i++) {
      assertThat(budget.take(T0)).isEqualTo(-1);
    }
    assertThat(budget.take(T0.plusSeconds(5))).isEqualTo(-1);
    assertThat(budget.take(T0.plusSeconds(6))).isEqualTo(1001);
    assertThat(budget.flush(T0.plusSeconds(6))).isZero();
    assertThat(budget.take(T0.plusSeconds(7))).isEqualTo(-1);
    assertThat(budget.flush(T0.plusSeconds(11))).isZero(); // no room yet
    assertThat(budget.flush(T0.plusSeconds(12))).isEqualTo(1);
  }

  @Test
  void aQuietHourRefillsOnlyTheBurst() {
    RefusalBudget budget = new RefusalBudget();
    budget.take(T0);
    int recorded = 0;
    for (int i = 0; i < 100; i++) {
      if (budget.take(T0.plusSeconds(3600)) >= 0) {
        recorded++;
      }
    }
    assertThat(recorded).isEqualTo(RefusalBudget.BURST);
  }
}
