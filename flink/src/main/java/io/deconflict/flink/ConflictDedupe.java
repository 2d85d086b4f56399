package io.deconflict.flink;

import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

/**
 * Keyed by conflict identity: collapses the copies of a conflict that neighbouring cells find.
 *
 * <p>State per identity: how many cells currently hold the conflict. The conflict appears when the
 * first cell reports it and vanishes when the last one withdraws it. Each cell reports a conflict's
 * appearance before its disappearance, so the count never goes below zero (D30).
 */
final class ConflictDedupe extends KeyedProcessFunction<String, ConflictChange, ConflictChange> {

  private static final long serialVersionUID = 1L;

  private transient @Nullable ValueState<Integer> cells;

  @Override
  public void open(OpenContext context) {
    cells = getRuntimeContext().getState(new ValueStateDescriptor<>("cells", Types.INT));
  }

  @Override
  public void processElement(
      ConflictChange change,
      KeyedProcessFunction<String, ConflictChange, ConflictChange>.Context context,
      Collector<ConflictChange> out)
      throws Exception {
    ValueState<Integer> state = Objects.requireNonNull(cells);
    Integer stored = state.value();
    int before = stored == null ? 0 : stored;
    int after = before + (change.appeared() ? 1 : -1);
    if (after < 0) {
      throw new IllegalStateException(
          "conflict " + change.identity() + " vanished from more cells than it appeared in");
    }
    if (after == 0) {
      state.clear();
    } else {
      state.update(after);
    }
    if (before == 0 && after == 1 || before == 1 && after == 0) {
      out.collect(change);
    }
  }
}
