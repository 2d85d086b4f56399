package io.deconflict.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** One cell's detector in Flink's operator harness: what it reports, under which identities. */
class CellDetectorTest {

  private static final long CELL = 7;

  /** Two movements of different parties crossing the same point at 08:30. */
  private static String crossing(String id, String party, double fromLon, double toLon) {
    return "{\"type\":\"Feature\",\"id\":\""
        + id
        + "\",\"properties\":{\"kind\":\"movement\",\"party\":\""
        + party
        + "\",\"separationMeters\":500,"
        + "\"times\":[\"2027-03-01T08:00:00Z\",\"2027-03-01T09:00:00Z\"]},"
        + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[["
        + fromLon
        + ",36.5],["
        + toLon
        + ",36.5]]}}";
  }

  private static final String A = crossing("a", "blue", 40.0, 40.2);
  private static final String B = crossing("b", "red", 40.2, 40.0);

  @Test
  void aConflictAppearsUnderTheVersionsOfItsTwoItems() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<Long, CellNotification, ConflictChange> cell =
        harness()) {
      cell.processElement(new CellNotification(CELL, "a", 3, A), 0);
      cell.processElement(new CellNotification(CELL, "b", 4, B), 0);
      List<ConflictChange> out = cell.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).appeared()).isTrue();
      assertThat(out.get(0).identity()).startsWith("movement-movement|a@3|b@4|2027-03-01T08:");
      assertThat(ConflictCodec.read(out.get(0).conflict()).a()).isEqualTo("a");
    }
  }

  /**
   * Regression: an item notified again unchanged leaves the engine's conflicts as they were (its
   * delta is empty), but their identities name the old version; reported through the delta alone,
   * the old identity would stay live for ever and a later change would withdraw one never raised.
   */
  @Test
  void anUnchangedReNotificationReRaisesItsConflictsUnderTheNewVersion() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<Long, CellNotification, ConflictChange> cell =
        harness()) {
      cell.processElement(new CellNotification(CELL, "a", 3, A), 0);
      cell.processElement(new CellNotification(CELL, "b", 4, B), 0);
      cell.processElement(new CellNotification(CELL, "a", 9, A), 0);
      List<ConflictChange> out = cell.extractOutputValues();
      assertThat(out).hasSize(3);
      assertThat(out.get(1).appeared()).isFalse();
      assertThat(out.get(1).identity()).startsWith("movement-movement|a@3|b@4|");
      assertThat(out.get(2).appeared()).isTrue();
      assertThat(out.get(2).identity()).startsWith("movement-movement|a@9|b@4|");
    }
  }

  @Test
  void anItemLeavingTheCellWithdrawsItsConflicts() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<Long, CellNotification, ConflictChange> cell =
        harness()) {
      cell.processElement(new CellNotification(CELL, "a", 3, A), 0);
      cell.processElement(new CellNotification(CELL, "b", 4, B), 0);
      cell.processElement(new CellNotification(CELL, "b", 5, ""), 0);
      cell.processElement(new CellNotification(CELL, "b", 6, ""), 0);
      List<ConflictChange> out = cell.extractOutputValues();
      assertThat(out).hasSize(2);
      assertThat(out.get(1).appeared()).isFalse();
      assertThat(out.get(1).identity()).isEqualTo(out.get(0).identity());
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<Long, CellNotification, ConflictChange>
      harness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new CellDetector(1000), CellNotification::cell, Types.LONG);
  }
}
