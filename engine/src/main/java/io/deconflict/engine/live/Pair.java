package io.deconflict.engine.live;

import io.deconflict.engine.geo.Wgs84;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of an encounter between two units of different parties: its level after hysteresis, the
 * level last told, the numbers of its latest evaluation (the {@link Encounter} record is built only
 * when asked for, and not kept), and how it ended.
 *
 * <p>Not thread-safe.
 */
final class Pair {

  /** The two units, {@code a.key < b.key}. */
  final Unit a;

  final Unit b;

  /** The pair's place in {@code a.pairs} and in {@code b.pairs}, or -1 when in neither. */
  int aIndex = -1;

  int bIndex = -1;

  /** Their slots (they change when {@link LiveTracker#forget} moves a unit to another slot). */
  int aSlot;

  int bSlot;

  TacticalLevel level = TacticalLevel.NONE;
  TacticalLevel told = TacticalLevel.NONE;
  long endMillis;
  String endReason = "";
  boolean dirty;

  /** Index in the tracker's list of current encounters, or -1. */
  int activeIndex = -1;

  /**
   * With dead reckoning: when its level is next due to change if neither unit departs from its
   * prediction ({@link DueQueue#NEVER} if never), and its place in the {@link DueQueue} (-1 if not
   * queued; in the current slot's heap or in a later slot's bucket).
   */
  long dueMillis = DueQueue.NEVER;

  int dueIndex = -1;
  boolean dueInHeap;

  private long timeMillis;
  private double separation;
  private double distanceNow;
  private double timeToClosest;
  private double distanceAtClosest;
  private double timeToLoss;
  private double ax;
  private double ay;
  private double az;
  private double bx;
  private double by;
  private double bz;

  Pair(Unit a, Unit b) {
    this.a = a;
    this.b = b;
    this.aSlot = a.slot;
    this.bSlot = b.slot;
  }

  /** Takes the units' slots again, after one of them moved. */
  void slotsMoved() {
    aSlot = a.slot;
    bSlot = b.slot;
  }

  Unit other(Unit u) {
    return u == a ? b : a;
  }

  /** Keeps the numbers of an evaluation ({@code swapped}: the evaluation had b first). */
  void record(Cpa cpa, boolean swapped) {
    timeMillis = cpa.timeMillis;
    separation = cpa.separation;
    distanceNow = cpa.distanceNow;
    timeToClosest = cpa.timeToClosest;
    distanceAtClosest = cpa.distanceAtClosest;
    timeToLoss = cpa.timeToLoss;
    if (swapped) {
      ax = cpa.bx;
      ay = cpa.by;
      az = cpa.bz;
      bx = cpa.ax;
      by = cpa.ay;
      bz = cpa.az;
    } else {
      ax = cpa.ax;
      ay = cpa.ay;
      az = cpa.az;
      bx = cpa.bx;
      by = cpa.by;
      bz = cpa.bz;
    }
  }

  /** The state kept in a snapshot; level and level told are equal between calls. */
  TrackerState.EncounterState state() {
    return new TrackerState.EncounterState(
        a.slot,
        b.slot,
        level,
        timeMillis,
        separation,
        distanceNow,
        timeToClosest,
        distanceAtClosest,
        timeToLoss,
        ax,
        ay,
        az,
        bx,
        by,
        bz,
        dueMillis);
  }

  /** Sets what {@link #state} gave. */
  void restore(TrackerState.EncounterState s) {
    level = s.level();
    told = s.level();
    timeMillis = s.timeMillis();
    separation = s.separation();
    distanceNow = s.distanceNow();
    timeToClosest = s.timeToClosest();
    distanceAtClosest = s.distanceAtClosest();
    timeToLoss = s.timeToLoss();
    ax = s.ax();
    ay = s.ay();
    az = s.az();
    bx = s.bx();
    by = s.by();
    bz = s.bz();
  }

  /**
   * The encounter as last evaluated, at the current level (which must not be NONE), built anew at
   * each call: kept, the record and its positions and durations cost about 230 bytes per open
   * encounter for as long as it is not evaluated again, which with dead reckoning is long.
   */
  Encounter encounter(double lookAheadSeconds) {
    Optional<Duration> loss =
        Double.isNaN(timeToLoss) || timeToLoss > lookAheadSeconds
            ? Optional.empty()
            : Optional.of(duration(timeToLoss));
    return new Encounter(
        a.unit,
        b.unit,
        a.party,
        b.party,
        Instant.ofEpochMilli(timeMillis),
        level,
        separation,
        distanceNow,
        duration(timeToClosest),
        distanceAtClosest,
        loss,
        Wgs84.toGeo(ax, ay, az),
        Wgs84.toGeo(bx, by, bz));
  }

  /** Sets the level. */
  void level(TacticalLevel next) {
    level = next;
  }

  static Duration duration(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1e3));
  }
}
