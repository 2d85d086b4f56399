package io.deconflict.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Which formation each live unit moves in (design-decisions.md, D29): the group its party declared
 * it in ({@code PUT /formations/{id}}), else the notified movement named by the last report (in
 * arrival order) that names one ({@code movement} on {@code POST /positions}, a route link on TAK),
 * else the party's movement whose id is the unit's own (the unit follows that plan), else none: a
 * lone unit is its own formation.
 *
 * <p>Cost: one map entry per unit that named a movement or is in a group. Not thread-safe; owned by
 * {@link Live}.
 */
final class Formations {

  /** What a formation is. */
  enum Kind {
    /** A notified movement its units report under. */
    MOVEMENT,
    /** A group its party declared. */
    GROUP,
    /** A lone unit. */
    UNIT
  }

  /**
   * A formation: a movement or declared group of a party, or a lone unit.
   *
   * @param key {@code party/id}, the movement's engine id for a movement
   * @param party its party
   * @param id the movement's or group's id, or the lone unit's id
   * @param kind what it is
   */
  record Formation(String key, String party, String id, Kind kind) {

    static Formation of(String party, String id, Kind kind) {
      return new Formation(party + "/" + id, party, id, kind);
    }

    /** Whether it is a lone unit. */
    boolean lone() {
      return kind == Kind.UNIT;
    }

    /**
     * Whether units of two different parties in formations {@code this} and {@code other} move in
     * one joint movement (D39): a participant's unit reporting under it and the lead's, or two
     * participants'. They never conflict with each other.
     */
    boolean sameJointMovement(Formation other) {
      return kind == Kind.MOVEMENT && key.equals(other.key);
    }
  }

  /** Unit ({@code party/unit}) to the id of the movement it last reported under. */
  private final Map<String, String> reportedUnder = new TreeMap<>();

  /** Declared groups ({@code party/id}) to their units. */
  private final TreeMap<String, TreeSet<String>> groups = new TreeMap<>();

  /** Unit ({@code party/unit}) to the id of the group it is declared in. */
  private final Map<String, String> inGroup = new TreeMap<>();

  /** Whether an engine id ({@code party/id}) is a notified movement now. */
  private final Predicate<String> movement;

  /**
   * Whether a party takes part, accepted, in the joint movement of an engine id ({@code lead/id},
   * D39).
   */
  private final BiPredicate<String, String> takesPartIn;

  Formations(Predicate<String> movement, BiPredicate<String, String> takesPartIn) {
    this.movement = movement;
    this.takesPartIn = takesPartIn;
  }

  /** The unit now reports under the movement {@code movementId} of its party. */
  void reports(String party, String unit, String movementId) {
    reportedUnder.put(party + "/" + unit, movementId);
  }

  /** The formation a unit moves in now. */
  Formation of(String party, String unit) {
    String group = inGroup.get(party + "/" + unit);
    if (group != null) {
      return Formation.of(party, group, Kind.GROUP);
    }
    String named = reportedUnder.get(party + "/" + unit);
    if (named != null && movement.test(party + "/" + named)) {
      return Formation.of(party, named, Kind.MOVEMENT);
    }
    if (named != null && takesPartIn.test(party, named)) {
      // a participant's unit in a joint movement (D39): the lead's formation, named lead/id
      int slash = named.indexOf('/');
      return Formation.of(named.substring(0, slash), named.substring(slash + 1), Kind.MOVEMENT);
    }
    if (movement.test(party + "/" + unit)) {
      return Formation.of(party, unit, Kind.MOVEMENT);
    }
    return Formation.of(party, unit, Kind.UNIT);
  }

  /** The group a unit is declared in, if any. */
  Optional<String> groupOf(String party, String unit) {
    return Optional.ofNullable(inGroup.get(party + "/" + unit));
  }

  /** Declares (or, with no units, disbands) a party's group; the caller checked it. */
  void declare(String party, String id, List<String> units) {
    TreeSet<String> old = groups.remove(party + "/" + id);
    if (old != null) {
      old.forEach(u -> inGroup.remove(party + "/" + u));
    }
    if (units.isEmpty()) {
      return;
    }
    groups.put(party + "/" + id, new TreeSet<>(units));
    units.forEach(u -> inGroup.put(party + "/" + u, id));
  }

  /** A party's declared groups: id to units, by id. */
  SortedMap<String, SortedSet<String>> groups(String party) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    groups
        .subMap(party + "/", party + "0") // '0' follows '/': exactly the party's keys
        .forEach(
            (key, units) ->
                out.put(
                    key.substring(party.length() + 1), Collections.unmodifiableSortedSet(units)));
    return out;
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

  /** A party's declared groups as {@code GET /formations} lists them: {@code id}, {@code units}. */
  List<ObjectNode> groupsJson(String party) {
    List<ObjectNode> out = new ArrayList<>();
    groups(party)
        .forEach(
            (id, units) -> {
              ObjectNode g = Json.object().put("id", id);
              units.forEach(g.putArray("units")::add);
              out.add(g);
            });
    return out;
  }

  /** Forgets the units ({@code party/unit}) that left the live tracker. */
  void retain(Predicate<String> tracked) {
    reportedUnder.keySet().removeIf(unit -> !tracked.test(unit));
  }

  void writeTo(StateOut out) {
    out.int32(reportedUnder.size());
    reportedUnder.forEach((unit, movementId) -> out.text(unit).text(movementId));
    out.int32(groups.size());
    groups.forEach(
        (key, units) -> {
          out.text(key).int32(units.size());
          units.forEach(out::text);
        });
  }

  void readFrom(StateIn in) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      reportedUnder.put(in.text(), in.text());
    }
    n = in.count();
    for (int i = 0; i < n; i++) {
      String key = in.text();
      int slash = key.indexOf('/');
      if (slash < 1) {
        throw in.malformed("a formation group is " + key);
      }
      int size = in.count();
      List<String> units = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        units.add(in.text());
      }
      declare(key.substring(0, slash), key.substring(slash + 1), units);
    }
  }
}
