package io.deconflict.flink;

import io.deconflict.engine.live.LiveEvent;
import io.deconflict.engine.live.LiveSettings;
import io.deconflict.engine.live.LiveTracker;
import io.deconflict.engine.live.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

/**
 * Keyed by cell: runs the engine's {@link LiveTracker} on the reports of every unit within the live
 * halo of the cell, in event time, and tells the encounter events of the pairs the cell owns.
 *
 * <p><b>Event time.</b> A report waits in the cell's buffer until the watermark passes the end of
 * its step ({@code --live-step}, a timer at the step boundary at or after its time); then the
 * step's reports are applied one at a time in the order (time, unit, version), and the tracker is
 * ticked to the boundary, which ends the encounters of units gone stale. Each report also sets a
 * timer at the first boundary after it would go stale, so that a cell whose units fall silent still
 * ends their encounters. A report whose time is not after the watermark when it arrives is late:
 * dropped and counted in the metric {@code lateReports}. So the tracker sees the same reports in
 * the same order, and ticks at the same instants, whatever order they arrived in, in every run and
 * after every restore.
 *
 * <p><b>Ownership.</b> Every cell within the halo of both units evaluates a pair alike (the job's
 * trackers run without dead reckoning, so a track is its unit's newest report). Only the cell that
 * holds unit A's newest position tells the pair's events; the others stay silent, so a pair has one
 * voice at every instant. Units the cell has not heard from for three stale times and that take
 * part in nothing are forgotten.
 *
 * <p>State per cell: the buffer and the tracker's {@link TrackerBytes} (rewritten after each step
 * that changed it); the tracker itself is kept in memory and rebuilt from the bytes after a
 * restore. Cost per step: the reports' cost in the tracker plus one encoding of the cell's units.
 */
final class CellTracker extends KeyedProcessFunction<Long, CellReport, CellEncounter> {

  private static final long serialVersionUID = 1L;
  private static final Comparator<UnitReport> ORDER =
      Comparator.comparingLong(UnitReport::timeMillis)
          .thenComparing(UnitReport::key)
          .thenComparingLong(UnitReport::version);

  private final double cellMeters;
  private final double separationMeters;
  private final long stepMillis;
  private transient @Nullable ListState<UnitReport> buffer;
  private transient @Nullable ValueState<byte[]> saved;
  private transient @Nullable Map<Long, LiveTracker> trackers;
  private transient @Nullable Cells cells;
  private transient @Nullable LiveSettings settings;
  private transient @Nullable Counter late;

  CellTracker(double cellMeters, double separationMeters, Duration step) {
    this.cellMeters = cellMeters;
    this.separationMeters = separationMeters;
    this.stepMillis = step.toMillis();
  }

  /** The live settings of the job's trackers: the defaults, dead reckoning off (D38). */
  static LiveSettings settings(double separationMeters) {
    LiveSettings d = LiveSettings.DEFAULT;
    return new LiveSettings(
        d.lookAhead(),
        d.stale(),
        d.advisory(),
        d.caution(),
        d.warning(),
        d.hysteresisFraction(),
        separationMeters,
        d.conformanceDistanceMeters(),
        d.conformanceTime(),
        LiveSettings.DeadReckoning.OFF);
  }

  /** The step boundary at or after {@code millis}. */
  static long boundary(long millis, long stepMillis) {
    return Math.floorDiv(millis + stepMillis - 1, stepMillis) * stepMillis;
  }

  @Override
  public void open(OpenContext context) {
    buffer =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>("buffer", TypeInformation.of(UnitReport.class)));
    saved =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "tracker", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    trackers = new HashMap<>();
    cells = new Cells(cellMeters);
    settings = settings(separationMeters);
    late = getRuntimeContext().getMetricGroup().counter("lateReports");
  }

  @Override
  public void processElement(
      CellReport r,
      KeyedProcessFunction<Long, CellReport, CellEncounter>.Context context,
      Collector<CellEncounter> out)
      throws Exception {
    long t = r.report().timeMillis();
    if (t <= context.timerService().currentWatermark()) {
      Objects.requireNonNull(late).inc();
      return;
    }
    Objects.requireNonNull(buffer).add(r.report());
    context.timerService().registerEventTimeTimer(boundary(t, stepMillis));
  }

  @Override
  public void onTimer(
      long timestamp,
      KeyedProcessFunction<Long, CellReport, CellEncounter>.OnTimerContext context,
      Collector<CellEncounter> out)
      throws Exception {
    long cell = context.getCurrentKey();
    ListState<UnitReport> buffered = Objects.requireNonNull(buffer);
    List<UnitReport> due = new ArrayList<>();
    List<UnitReport> later = new ArrayList<>();
    Iterable<UnitReport> all = buffered.get();
    if (all != null) {
      for (UnitReport r : all) {
        (r.timeMillis() <= timestamp ? due : later).add(r);
      }
    }
    buffered.update(later);
    LiveTracker tracker = tracker(cell);
    due.sort(ORDER);
    long staleMillis = tracker.settings().stale().toMillis();
    for (UnitReport r : due) {
      emit(cell, timestamp, tracker, tracker.report(r.toPositionReport()), out);
      context
          .timerService()
          .registerEventTimeTimer(boundary(r.timeMillis() + staleMillis + 1, stepMillis));
    }
    emit(cell, timestamp, tracker, tracker.tick(Instant.ofEpochMilli(timestamp)), out);
    tracker.forget(Instant.ofEpochMilli(timestamp - 3 * staleMillis));
    if (tracker.units() == 0) {
      Objects.requireNonNull(trackers).remove(cell);
      Objects.requireNonNull(saved).clear();
    } else {
      Objects.requireNonNull(saved).update(TrackerBytes.write(tracker.state()));
    }
  }

  /** The cell's tracker: in memory, else rebuilt from the saved bytes, else new if reports came. */
  private LiveTracker tracker(long cell) throws Exception {
    Map<Long, LiveTracker> all = Objects.requireNonNull(trackers);
    LiveTracker t = all.get(cell);
    if (t == null) {
      byte[] bytes = Objects.requireNonNull(saved).value();
      LiveSettings s = Objects.requireNonNull(settings);
      t = bytes == null ? new LiveTracker(s) : LiveTracker.restore(s, TrackerBytes.read(bytes));
      all.put(cell, t);
    }
    return t;
  }

  private void emit(
      long cell,
      long stepEnd,
      LiveTracker tracker,
      List<LiveEvent> events,
      Collector<CellEncounter> out) {
    for (LiveEvent e : events) {
      if (e instanceof LiveEvent.EncounterChanged c) {
        if (owns(cell, tracker, c.encounter().partyA(), c.encounter().unitA())) {
          out.collect(EncounterCodec.changed(c, stepEnd));
        }
      } else if (e instanceof LiveEvent.EncounterEnded ended) {
        if (owns(cell, tracker, ended.partyA(), ended.unitA())) {
          out.collect(EncounterCodec.ended(ended, stepEnd));
        }
      }
    }
  }

  /** Whether unit A's newest position, as this cell knows it, lies in this cell. */
  private boolean owns(long cell, LiveTracker tracker, String party, String unit) {
    Track a = tracker.track(party, unit).orElseThrow();
    return Objects.requireNonNull(cells).cube(a.position().lon(), a.position().lat()) == cell;
  }
}
