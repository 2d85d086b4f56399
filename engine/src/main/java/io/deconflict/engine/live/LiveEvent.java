package io.deconflict.engine.live;

import java.time.Duration;
import java.time.Instant;

/**
 * Something that changed in the live picture, as returned by {@link LiveTracker#report} and {@link
 * LiveTracker#tick}.
 *
 * <p>A call returns the net change over the reports it applied, sorted by kind (in the order the
 * kinds are declared here), then by the identities involved, then by time.
 */
public sealed interface LiveEvent
    permits LiveEvent.EncounterChanged,
        LiveEvent.EncounterEnded,
        LiveEvent.ConformanceChanged,
        LiveEvent.IncursionChanged {

  /** When the change was observed. */
  Instant time();

  /**
   * A new encounter, or an encounter whose level changed.
   *
   * @param encounter the encounter as now evaluated; its level is never NONE
   */
  record EncounterChanged(Encounter encounter) implements LiveEvent {
    @Override
    public Instant time() {
      return encounter.time();
    }
  }

  /**
   * An encounter that ended.
   *
   * @param unitA first unit (as in {@link Encounter})
   * @param unitB second unit
   * @param partyA first unit's party
   * @param partyB second unit's party
   * @param time when it ended
   * @param reason {@code "clear"} (no loss of separation ahead any more) or {@code "stale"} (a
   *     track stopped reporting)
   */
  record EncounterEnded(
      String unitA, String unitB, String partyA, String partyB, Instant time, String reason)
      implements LiveEvent {}

  /**
   * A unit's conformance to the movement it follows changed.
   *
   * @param unit the unit
   * @param party its party
   * @param movement the movement it follows
   * @param time the report that showed the change
   * @param conforming whether it now conforms
   * @param offTrackMeters distance from the planned route
   * @param early plan time at the nearest point of the route minus report time: positive when the
   *     unit is early, negative when late
   * @param reason {@code "conforming"}, {@code "plan removed"}, or what is wrong: {@code "off
   *     track"}, {@code "early"}, {@code "late"}, or two of them joined by {@code ", "}
   */
  record ConformanceChanged(
      String unit,
      String party,
      String movement,
      Instant time,
      boolean conforming,
      double offTrackMeters,
      Duration early,
      String reason)
      implements LiveEvent {}

  /**
   * A unit entered or left another party's zone or site, or the level of its incursion changed.
   *
   * @param unit the unit
   * @param party its party
   * @param itemId the zone or site
   * @param itemParty the zone's or site's party
   * @param itemKind {@code "site"} or {@code "zone"}
   * @param time the report that showed the change
   * @param inside whether the unit is now inside
   * @param level the incursion's level; NONE when {@code inside} is false
   */
  record IncursionChanged(
      String unit,
      String party,
      String itemId,
      String itemParty,
      String itemKind,
      Instant time,
      boolean inside,
      TacticalLevel level)
      implements LiveEvent {}
}
