package io.deconflict.engine.live;

import java.util.Map;
import java.util.TreeMap;

/**
 * Labels that order units as their keys ({@code party/unit}) compare as strings: {@code a.order <
 * b.order} exactly when {@code a.key.compareTo(b.key) < 0}. Sorting by a label costs one {@code
 * long} comparison instead of walking two strings that, with a hundred thousand units, are rarely
 * in cache.
 *
 * <p>A new unit takes the midpoint between its neighbours' labels (or a fixed step past the last);
 * when there is no room, every unit is labelled again, evenly spaced, in key order (an order
 * maintenance list: amortised O(log n) per unit added, O(n) at a relabelling). Labels are internal:
 * nothing the tracker returns or keeps in a snapshot depends on them, only on the order they give.
 * Not thread-safe.
 */
final class KeyOrder {

  /** Labels lie in [1, LIMIT]. */
  private static final long LIMIT = 1L << 62;

  /** The gap left after the last unit. */
  private static final long STEP = 1L << 32;

  private final TreeMap<String, Unit> byKey = new TreeMap<>();

  /** Gives {@code u} (not yet in this order) its label. */
  void add(Unit u) {
    Map.Entry<String, Unit> lo = byKey.lowerEntry(u.key);
    Map.Entry<String, Unit> hi = byKey.higherEntry(u.key);
    byKey.put(u.key, u);
    long lower = lo == null ? 0 : lo.getValue().order;
    if (hi == null) {
      if (lower <= LIMIT - STEP) {
        u.order = lower + STEP;
        return;
      }
    } else {
      long upper = hi.getValue().order;
      if (upper - lower >= 2) {
        u.order = lower + (upper - lower) / 2;
        return;
      }
    }
    relabel();
  }

  /** Takes {@code u} out (its label is no longer compared with anything). */
  void remove(Unit u) {
    byKey.remove(u.key);
  }

  private void relabel() {
    long step = LIMIT / (2L * byKey.size() + 2);
    long label = 0;
    for (Unit u : byKey.values()) {
      label += step;
      u.order = label;
    }
  }
}
