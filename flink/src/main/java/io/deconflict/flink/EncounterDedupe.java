package io.deconflict.flink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

/**
 * Keyed by pair of units: turns the owning cells' events into the job's encounter events, with a
 * stable identity (the pair and the instant the encounter opened), and collapses what repeats.
 *
 * <p>Events of one pair may come from different cells as unit A moves from one to the next, over
 * different channels; they wait until the watermark passes the end of the step that told them
 * (events of a later step are later in event time) and are then taken in event time (an end before
 * an opening at the same instant). An opening or change of level while the pair has no open
 * encounter opens one ({@code open}); a level other than the one told changes it ({@code level});
 * the same level again (a new owner picking the pair up) is dropped; an end closes it ({@code
 * close}) and an end with nothing open is dropped.
 *
 * <p>State per pair: the buffer, the opening instant and the level told.
 */
final class EncounterDedupe extends KeyedProcessFunction<String, CellEncounter, EncounterEvent> {

  private static final long serialVersionUID = 1L;
  private static final Comparator<CellEncounter> ORDER =
      Comparator.comparingLong(CellEncounter::timeMillis)
          .thenComparing(c -> !c.ended())
          .thenComparing(CellEncounter::level)
          .thenComparing(CellEncounter::json);

  private transient @Nullable ListState<CellEncounter> buffer;
  private transient @Nullable ValueState<Long> opened;
  private transient @Nullable ValueState<String> level;

  @Override
  public void open(OpenContext context) {
    buffer =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>("buffer", TypeInformation.of(CellEncounter.class)));
    opened = getRuntimeContext().getState(new ValueStateDescriptor<>("opened", Types.LONG));
    level = getRuntimeContext().getState(new ValueStateDescriptor<>("level", Types.STRING));
  }

  @Override
  public void processElement(
      CellEncounter c,
      KeyedProcessFunction<String, CellEncounter, EncounterEvent>.Context context,
      Collector<EncounterEvent> out)
      throws Exception {
    Objects.requireNonNull(buffer).add(c);
    context.timerService().registerEventTimeTimer(c.stepEndMillis());
  }

  @Override
  public void onTimer(
      long timestamp,
      KeyedProcessFunction<String, CellEncounter, EncounterEvent>.OnTimerContext context,
      Collector<EncounterEvent> out)
      throws Exception {
    ListState<CellEncounter> buffered = Objects.requireNonNull(buffer);
    List<CellEncounter> due = new ArrayList<>();
    List<CellEncounter> later = new ArrayList<>();
    Iterable<CellEncounter> all = buffered.get();
    if (all != null) {
      for (CellEncounter c : all) {
        (c.stepEndMillis() <= timestamp ? due : later).add(c);
      }
    }
    buffered.update(later);
    due.sort(ORDER);
    for (CellEncounter c : due) {
      apply(c, out);
    }
  }

  private void apply(CellEncounter c, Collector<EncounterEvent> out) throws Exception {
    ValueState<Long> o = Objects.requireNonNull(opened);
    ValueState<String> l = Objects.requireNonNull(level);
    Long since = o.value();
    if (c.ended()) {
      if (since != null) {
        out.collect(EncounterCodec.event(c, "close", since));
        o.clear();
        l.clear();
      }
    } else if (since == null) {
      o.update(c.timeMillis());
      l.update(c.level());
      out.collect(EncounterCodec.event(c, "open", c.timeMillis()));
    } else if (!c.level().equals(l.value())) {
      l.update(c.level());
      out.collect(EncounterCodec.event(c, "level", since));
    }
  }
}
