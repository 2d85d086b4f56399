package io.deconflict.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.item.Item;
import io.deconflict.geojson.GeoJsonFeatures;
import io.deconflict.geojson.InvalidInputException;
import io.deconflict.geojson.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by item id: sends each notification to every cell the item touches, and a removal to every
 * cell it touched before and no longer does.
 *
 * <p>State per item: the keys of the cells it is in, and the highest version applied (kept after a
 * withdrawal). A message whose version is not above it (a copy, or an older version arriving late
 * from another writer: D32) is skipped and counted in the metric {@code staleNotifications}. A
 * notification whose feature the engine refuses (bad JSON, a rule of docs/formats.md, an id other
 * than the message key) is logged, counted in the metric {@code invalidNotifications} and skipped:
 * the item keeps its previous version.
 */
final class ItemFanOut extends KeyedProcessFunction<String, Notification, CellNotification> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ItemFanOut.class);
  private static final long[] NONE = {};

  private final double cellMeters;
  private final double defaultSeparationMeters;
  private transient @Nullable ValueState<long[]> cells;
  private transient @Nullable ValueState<Long> version;
  private transient @Nullable Counter stale;
  private transient @Nullable Counter invalid;

  ItemFanOut(double cellMeters, double defaultSeparationMeters) {
    this.cellMeters = cellMeters;
    this.defaultSeparationMeters = defaultSeparationMeters;
  }

  @Override
  public void open(OpenContext context) {
    cells =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "cells", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    invalid = getRuntimeContext().getMetricGroup().counter("invalidNotifications");
    version = getRuntimeContext().getState(new ValueStateDescriptor<>("version", Types.LONG));
    stale = getRuntimeContext().getMetricGroup().counter("staleNotifications");
  }

  @Override
  public void processElement(
      Notification n,
      KeyedProcessFunction<String, Notification, CellNotification>.Context context,
      Collector<CellNotification> out)
      throws IOException {
    ValueState<Long> last = Objects.requireNonNull(version);
    Long lastVersion = last.value();
    if (lastVersion != null && n.version() <= lastVersion) {
      // a copy or an older version: several service nodes publish every notification (D32)
      Objects.requireNonNull(stale).inc();
      return;
    }
    ValueState<long[]> state = Objects.requireNonNull(cells);
    long[] before = state.value();
    if (before == null) {
      before = NONE;
    }
    long[] now = NONE;
    if (!n.withdrawn()) {
      try {
        now = new Cells(cellMeters).of(parse(n, defaultSeparationMeters));
      } catch (IllegalArgumentException e) {
        LOG.warn("notification {} of item {} skipped: {}", n.version(), n.id(), e.getMessage());
        Objects.requireNonNull(invalid).inc();
        return;
      }
    }
    for (long cell : now) {
      out.collect(new CellNotification(cell, n.id(), n.version(), n.feature()));
    }
    for (long cell : before) {
      if (Arrays.binarySearch(now, cell) < 0) {
        out.collect(new CellNotification(cell, n.id(), n.version(), ""));
      }
    }
    last.update(n.version()); // kept after a withdrawal, so that an older copy stays ignored
    if (now.length == 0) {
      state.clear();
    } else {
      state.update(now);
    }
  }

  /**
   * The item a notification's feature describes.
   *
   * @throws IllegalArgumentException if the feature is not valid or names another id
   */
  static Item parse(Notification n, double defaultSeparationMeters) {
    return parse(n.id(), n.feature(), defaultSeparationMeters);
  }

  /**
   * The item a feature describes.
   *
   * @throws IllegalArgumentException if the feature is not valid or names an id other than {@code
   *     id}
   */
  static Item parse(String id, String feature, double defaultSeparationMeters) {
    JsonNode json;
    try {
      json = StrictJson.readTree(feature.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    Item item;
    try {
      item = GeoJsonFeatures.parse(json, defaultSeparationMeters);
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!item.id().equals(id)) {
      throw new IllegalArgumentException(
          "the feature's id \"" + item.id() + "\" differs from the message key \"" + id + "\"");
    }
    return item;
  }
}
