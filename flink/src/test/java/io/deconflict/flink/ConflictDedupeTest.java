package io.deconflict.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The deduplication in Flink's operator harness: the first cell raises, the last withdraws. */
class ConflictDedupeTest {

  private static final ConflictChange UP = new ConflictChange("k", true, "{}");
  private static final ConflictChange DOWN = new ConflictChange("k", false, "{}");

  @Test
  void copiesFromSeveralCellsCollapseIntoOneAppearanceAndOneTombstone() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ConflictChange, ConflictChange> dedupe =
        harness()) {
      dedupe.processElement(UP, 0);
      dedupe.processElement(UP, 0);
      dedupe.processElement(UP, 0);
      assertThat(dedupe.extractOutputValues()).containsExactly(UP);
      dedupe.processElement(DOWN, 0);
      dedupe.processElement(DOWN, 0);
      assertThat(dedupe.extractOutputValues()).containsExactly(UP);
      dedupe.processElement(DOWN, 0);
      dedupe.processElement(UP, 0);
      List<ConflictChange> out = dedupe.extractOutputValues();
      assertThat(out).containsExactly(UP, DOWN, UP);
    }
  }

  @Test
  void aWithdrawalOfAConflictNoCellHoldsIsRefusedNamingIt() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ConflictChange, ConflictChange> dedupe =
        harness()) {
      assertThatThrownBy(() -> dedupe.processElement(DOWN, 0))
          .hasMessageContaining("conflict k vanished from more cells than it appeared in");
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ConflictChange, ConflictChange>
      harness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new ConflictDedupe(), ConflictChange::identity, Types.STRING);
  }
}
