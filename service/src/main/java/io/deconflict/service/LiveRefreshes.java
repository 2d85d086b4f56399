package io.deconflict.service;

import io.deconflict.engine.live.Encounter;
import io.deconflict.engine.live.LiveTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * When the live situation of each open unit-pair conflict comes due again ({@link
 * Live#LIVE_REFRESH} of report time after it was last sent), so that a batch of reports under dead
 * reckoning looks only at the conflicts due rather than at every open encounter: walking them all
 * (building and sorting one record per encounter) on every batch was most of the writer's time
 * under live load. Derived from what {@link Live} keeps (which conflict each encounter is under,
 * when its situation was last sent), never written to a snapshot.
 *
 * <p>Entries are never removed in place: a conflict sent again gets a new entry, and an entry that
 * no longer matches the conflict's last sending is dropped when it comes up. Not thread-safe (the
 * state machine's).
 */
final class LiveRefreshes {

  /** An encounter's two units, as its key names them. */
  record Units(String partyA, String unitA, String partyB, String unitB) {

    /**
     * The units of a key {@code enc|partyA/unitA|partyB/unitB}: party ids hold neither {@code /}
     * nor {@code |}, unit ids no {@code /}.
     */
    static Units of(String key) {
      int slashB = key.lastIndexOf('/');
      int pipe = key.lastIndexOf('|', slashB);
      int slashA = key.indexOf('/');
      return new Units(
          key.substring("enc|".length(), slashA),
          key.substring(slashA + 1, pipe),
          key.substring(pipe + 1, slashB),
          key.substring(slashB + 1));
    }

    /** The tracker's current encounter of these units, if they are in one. */
    Optional<Encounter> encounter(LiveTracker tracker) {
      return tracker.encounter(partyA, unitA, partyB, unitB);
    }
  }

  /** A conflict due at {@code at}, and its encounter's two units. */
  private record Due(Instant at, String conflictId, Units units) {}

  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(Comparator.comparing(Due::at).thenComparing(Due::conflictId));

  /** The conflict's situation was sent for encounter time {@code at}; it is due again later. */
  void sent(String conflictId, Encounter e, Instant at) {
    queue.add(
        new Due(
            at.plus(Live.LIVE_REFRESH),
            conflictId,
            new Units(e.partyA(), e.unitA(), e.partyB(), e.unitB())));
  }

  /**
   * The same, from the encounter's key ({@link Units#of}), for a state restored from a snapshot.
   */
  void sent(String conflictId, String key, Instant at) {
    queue.add(new Due(at.plus(Live.LIVE_REFRESH), conflictId, Units.of(key)));
  }

  /**
   * The current encounters of the conflicts due at report time {@code reported}, in the order of
   * {@link LiveTracker#encounters} (so their facts come in the order a walk of every encounter
   * gave). Takes them out; the caller sends each again (or not) and calls {@link #sent}.
   *
   * @param lastSent when each conflict's situation was last sent
   */
  List<Encounter> due(Instant reported, Map<String, Instant> lastSent, LiveTracker tracker) {
    TreeMap<String, Encounter> byConflict = new TreeMap<>();
    while (!queue.isEmpty() && !queue.peek().at().isAfter(reported)) {
      Due d = queue.poll();
      Instant last = lastSent.get(d.conflictId());
      if (last == null || !last.plus(Live.LIVE_REFRESH).equals(d.at())) {
        continue; // sent again since, or over
      }
      d.units().encounter(tracker).ifPresent(e -> byConflict.put(d.conflictId(), e));
    }
    List<Encounter> out = new ArrayList<>(byConflict.values());
    out.sort(LiveTracker.ENCOUNTER_ORDER);
    return out;
  }

  /** Forgets every entry (a state restored from a snapshot is filled again by {@link #sent}). */
  void clear() {
    queue.clear();
  }
}
