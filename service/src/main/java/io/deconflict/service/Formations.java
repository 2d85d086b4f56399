package io.deconflict.service;

import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Which formation each live unit moves in (design-decisions.md, D29): the notified movement its
 * newest report naming one named ({@code movement} on {@code POST /positions}, a route link on
 * TAK), else the party's movement whose id is the unit's own (the unit follows that plan), else
 * none: a lone unit is its own formation.
 *
 * <p>Cost: one map entry per unit that named a movement. Not thread-safe; owned by {@link Live}.
 */
final class Formations {

  /**
   * A formation: a movement of a party, or a lone unit.
   *
   * @param key {@code party/id}, the movement's engine id for a movement
   * @param party its party
   * @param id the movement's id, or the lone unit's id
   * @param lone whether it is a lone unit
   */
  record Formation(String key, String party, String id, boolean lone) {

    static Formation of(String party, String id, boolean lone) {
      return new Formation(party + "/" + id, party, id, lone);
    }
  }

  /** Unit ({@code party/unit}) to the id of the movement it last reported under. */
  private final Map<String, String> reportedUnder = new TreeMap<>();

  /** Whether an engine id ({@code party/id}) is a notified movement now. */
  private final Predicate<String> movement;

  Formations(Predicate<String> movement) {
    this.movement = movement;
  }

  /** The unit now reports under the movement {@code movementId} of its party. */
  void reports(String party, String unit, String movementId) {
    reportedUnder.put(party + "/" + unit, movementId);
  }

  /** The formation a unit moves in now. */
  Formation of(String party, String unit) {
    String named = reportedUnder.get(party + "/" + unit);
    if (named != null && movement.test(party + "/" + named)) {
      return Formation.of(party, named, false);
    }
    if (movement.test(party + "/" + unit)) {
      return Formation.of(party, unit, false);
    }
    return Formation.of(party, unit, true);
  }

  /** A movement was cancelled: its units report under nothing until they name one again. */
  void cancelled(String party, String movementId) {
    Iterator<Map.Entry<String, String>> it = reportedUnder.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, String> e = it.next();
      if (e.getValue().equals(movementId) && e.getKey().startsWith(party + "/")) {
        it.remove();
      }
    }
  }

  /** Forgets the units ({@code party/unit}) that left the live tracker. */
  void retain(Predicate<String> tracked) {
    reportedUnder.keySet().removeIf(unit -> !tracked.test(unit));
  }

  void writeTo(StateOut out) {
    out.int32(reportedUnder.size());
    reportedUnder.forEach((unit, movementId) -> out.text(unit).text(movementId));
  }

  void readFrom(StateIn in) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      reportedUnder.put(in.text(), in.text());
    }
  }
}
