package io.deconflict.flink;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

/**
 * Keyed by unit ({@code party/unit}): sends each position report to every cell within the live halo
 * of where the unit is, so that the cell owning a pair holds both of its units (D38).
 *
 * <p>State per unit: the highest version applied. A report whose version is not above it (a copy
 * from another service node, D32) is skipped and counted in the metric {@code staleReports}.
 */
final class ReportFanOut extends KeyedProcessFunction<String, UnitReport, CellReport> {

  private static final long serialVersionUID = 1L;

  private final double cellMeters;
  private final double haloMeters;
  private transient @Nullable ValueState<Long> version;
  private transient @Nullable Counter stale;
  private transient @Nullable Cells cells;

  ReportFanOut(double cellMeters, double haloMeters) {
    this.cellMeters = cellMeters;
    this.haloMeters = haloMeters;
  }

  @Override
  public void open(OpenContext context) {
    version = getRuntimeContext().getState(new ValueStateDescriptor<>("version", Types.LONG));
    stale = getRuntimeContext().getMetricGroup().counter("staleReports");
    cells = new Cells(cellMeters);
  }

  @Override
  public void processElement(
      UnitReport r,
      KeyedProcessFunction<String, UnitReport, CellReport>.Context context,
      Collector<CellReport> out)
      throws IOException {
    ValueState<Long> last = Objects.requireNonNull(version);
    Long lastVersion = last.value();
    if (lastVersion != null && r.version() <= lastVersion) {
      Objects.requireNonNull(stale).inc();
      return;
    }
    last.update(r.version());
    for (long cell : Objects.requireNonNull(cells).around(r.lon(), r.lat(), haloMeters)) {
      out.collect(new CellReport(cell, r));
    }
  }
}
