package io.deconflict.flink;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictDelta;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.item.Item;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

/**
 * Keyed by cell: runs the engine's indexed detector on the items in the cell and emits the
 * conflicts that appear and vanish, each with its identity.
 *
 * <p>State per cell: the items' features and versions (Flink state, checkpointed). The detector
 * itself is derived state: kept in memory per cell and rebuilt from the features the first time a
 * cell is touched after a start or restore. A replaced item is removed, then put, so that every
 * conflict of its old version vanishes under the old identity and its conflicts appear under the
 * new one, even where they did not change.
 */
final class CellDetector extends KeyedProcessFunction<Long, CellNotification, ConflictChange> {

  private static final long serialVersionUID = 1L;

  private final double defaultSeparationMeters;
  private transient @Nullable MapState<String, Long> versions;
  private transient @Nullable MapState<String, String> features;
  private transient @Nullable Map<Long, Detector> detectors;

  CellDetector(double defaultSeparationMeters) {
    this.defaultSeparationMeters = defaultSeparationMeters;
  }

  @Override
  public void open(OpenContext context) {
    versions =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("versions", Types.STRING, Types.LONG));
    features =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("features", Types.STRING, Types.STRING));
    detectors = new HashMap<>();
  }

  @Override
  public void processElement(
      CellNotification n,
      KeyedProcessFunction<Long, CellNotification, ConflictChange>.Context context,
      Collector<ConflictChange> out)
      throws Exception {
    MapState<String, Long> v = Objects.requireNonNull(versions);
    MapState<String, String> f = Objects.requireNonNull(features);
    Detector detector = detector(n.cell(), f);
    if (v.contains(n.id())) {
      emit(detector.remove(n.id()), v, out);
      v.remove(n.id());
      f.remove(n.id());
    }
    if (!n.removal()) {
      Item item = ItemFanOut.parse(n.id(), n.feature(), defaultSeparationMeters);
      v.put(n.id(), n.version());
      f.put(n.id(), n.feature());
      emit(detector.put(item), v, out);
    }
    if (detector.size() == 0) {
      Objects.requireNonNull(detectors).remove(n.cell());
    }
  }

  private Detector detector(long cell, MapState<String, String> f) throws Exception {
    Map<Long, Detector> all = Objects.requireNonNull(detectors);
    Detector d = all.get(cell);
    if (d == null) {
      d = Detectors.indexed();
      List<Item> items = new ArrayList<>();
      for (Map.Entry<String, String> e : f.entries()) {
        items.add(ItemFanOut.parse(e.getKey(), e.getValue(), defaultSeparationMeters));
      }
      d.load(items);
      all.put(cell, d);
    }
    return d;
  }

  private static void emit(
      ConflictDelta delta, MapState<String, Long> v, Collector<ConflictChange> out)
      throws Exception {
    for (Conflict c : delta.vanished()) {
      out.collect(change(c, v, false));
    }
    for (Conflict c : delta.appeared()) {
      out.collect(change(c, v, true));
    }
  }

  private static ConflictChange change(Conflict c, MapState<String, Long> v, boolean appeared)
      throws Exception {
    long va = Objects.requireNonNull(v.get(c.a()));
    long vb = Objects.requireNonNull(v.get(c.b()));
    return new ConflictChange(
        ConflictCodec.identity(c, va, vb), appeared, ConflictCodec.write(c, va, vb));
  }
}
