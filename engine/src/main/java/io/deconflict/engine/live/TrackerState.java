package io.deconflict.engine.live;

import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Everything a {@link LiveTracker} holds that its inputs do not give back: the units with their
 * newest reports, conformance and incursions, the open encounters with the numbers of their latest
 * evaluation, the parties' agreed separations, and its counters. With the notified movements, zones
 * and sites (which its owner keeps anyway and hands back through {@link LiveTracker#plan}, {@link
 * LiveTracker#zone} and {@link LiveTracker#site}), {@link LiveTracker#restore} rebuilds a tracker
 * that answers every later call exactly as the original would.
 *
 * <p>It is canonical: two trackers that answer alike give equal states (units in slot order, which
 * fixes the order of every pair evaluation; encounters by unit keys; agreed separations by party).
 * The spatial index and per-call scratch are rebuilt, not kept. Immutable.
 *
 * @param nowMillis the tracker's "now", or {@link Long#MIN_VALUE} before any report or tick
 * @param applied reports applied so far
 * @param ignored reports ignored so far
 * @param parties the parties in the order first seen (their small ids)
 * @param agreed the agreed separations, by party pair
 * @param units the units, in slot order
 * @param encounters the open encounters, by unit A's key, then unit B's
 * @param pending with dead reckoning, the pairs not yet in an encounter whose level is due to rise
 *     at a known time, by unit A's key, then unit B's
 */
public record TrackerState(
    long nowMillis,
    long applied,
    long ignored,
    List<String> parties,
    List<Agreed> agreed,
    List<UnitState> units,
    List<EncounterState> encounters,
    List<Pending> pending) {

  /** Copies the lists. */
  public TrackerState {
    parties = List.copyOf(parties);
    agreed = List.copyOf(agreed);
    units = List.copyOf(units);
    encounters = List.copyOf(encounters);
    pending = List.copyOf(pending);
  }

  /**
   * The separation two parties agreed, over event time (as given to {@link
   * LiveTracker#agreedSeparation}).
   */
  public record Agreed(String partyA, String partyB, NavigableMap<Instant, Double> steps) {}

  /**
   * One unit.
   *
   * @param party its party
   * @param unit its id
   * @param millis its newest report's time, or {@link Long#MIN_VALUE}
   * @param lon that report's longitude
   * @param lat its latitude
   * @param ve the velocity east, m/s
   * @param vn the velocity north, m/s
   * @param separation the separation its corridor is grown by
   * @param indexed whether it is in the spatial index (not stale when last seen)
   * @param conforming whether it conforms to its plan
   * @param conformingTold the conformance last told
   * @param conformanceChange the change that last flipped it
   * @param inside the zones and sites it is inside, by item id
   * @param insideTold those last told
   * @param insideChangedMillis when {@code inside} last changed
   * @param modelMillis with dead reckoning, the time of the state the unit is predicted from (else
   *     equal to {@code millis}, as are the other model fields to theirs)
   * @param modelLon that state's longitude
   * @param modelLat its latitude
   * @param modelVe its velocity east, m/s
   * @param modelVn its velocity north, m/s
   * @param predicting whether its next report may be absorbed by its prediction (dead reckoning)
   * @param heardHae its newest report's height above the ellipsoid, NaN if none (D37)
   * @param heardVerticalRate the vertical rate derived at that report, m/s
   * @param modelHae the predicted-from state's height, NaN if none
   * @param modelVerticalRate its vertical rate, m/s
   */
  public record UnitState(
      String party,
      String unit,
      long millis,
      double lon,
      double lat,
      double ve,
      double vn,
      double separation,
      boolean indexed,
      boolean conforming,
      boolean conformingTold,
      Optional<LiveEvent.ConformanceChanged> conformanceChange,
      List<Inside> inside,
      List<Inside> insideTold,
      long insideChangedMillis,
      long modelMillis,
      double modelLon,
      double modelLat,
      double modelVe,
      double modelVn,
      boolean predicting,
      double heardHae,
      double heardVerticalRate,
      double modelHae,
      double modelVerticalRate) {

    /** Copies the lists. */
    public UnitState {
      inside = List.copyOf(inside);
      insideTold = List.copyOf(insideTold);
    }
  }

  /** A zone or site a unit is inside, at which level, since when (milliseconds). */
  public record Inside(
      String itemId, String itemParty, String kind, TacticalLevel level, long sinceMillis) {}

  /**
   * An open encounter: its level (also the level last told), its latest evaluation (positions
   * earth-centred, metres; times in seconds) and, with dead reckoning, when its level is next due
   * to change ({@link Long#MAX_VALUE} if never).
   */
  public record EncounterState(
      int slotA,
      int slotB,
      TacticalLevel level,
      long timeMillis,
      double separation,
      double distanceNow,
      double timeToClosest,
      double distanceAtClosest,
      double timeToLoss,
      double ax,
      double ay,
      double az,
      double bx,
      double by,
      double bz,
      long dueMillis) {}

  /**
   * A pair of units (by slot) not yet in an encounter, due to be evaluated at {@code dueMillis}.
   */
  public record Pending(int slotA, int slotB, long dueMillis) {}
}
