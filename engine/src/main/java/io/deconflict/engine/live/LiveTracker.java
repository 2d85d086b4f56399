package io.deconflict.engine.live;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.live.LiveEvent.ConformanceChanged;
import io.deconflict.engine.live.LiveEvent.EncounterChanged;
import io.deconflict.engine.live.LiveEvent.EncounterEnded;
import io.deconflict.engine.live.LiveEvent.IncursionChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Live tracking: applies position reports and tells what changed — tactical encounters between
 * units of different parties, conformance of units to the movements they follow, incursions into
 * other parties' zones and sites.
 *
 * <p><b>Encounters.</b> When a unit reports, its encounters are re-evaluated against the fresh
 * tracks of other parties that could come within separation within the look-ahead: the closest
 * point of approach under constant velocity ({@link Cpa}; DAIDALUS-style linear CPA in the tangent
 * plane between the two units). The separation of a pair is the larger of the two units': a unit
 * that follows a movement keeps that movement's separation; a unit that follows none keeps the
 * separation its party agreed with the other unit's party ({@link #agreedSeparation}), in force at
 * the later of the two report times, else the default. The level comes from the time to loss of
 * separation; it rises at once and falls only past the threshold grown by the hysteresis fraction,
 * never while the distance is below the separation grown by that fraction (no flicker on noisy
 * reports). Candidates come from {@link CorridorGrid}, a hash grid of swept corridors; a
 * package-private constructor evaluates all pairs instead, with identical results.
 *
 * <p><b>Conformance.</b> A unit whose id equals a notified movement's id (same party) follows it;
 * each report is measured against the route ({@link Plan}): off-track distance and how early or
 * late it is. <b>Incursions.</b> A unit inside another party's NOTICE zone without its plan
 * covering it (the plan in the zone within the conformance time of the report), inside a FORBIDDEN
 * zone, or within another party's site radius, while the item is valid.
 *
 * <p><b>Dead reckoning</b> ({@link LiveSettings.DeadReckoning}, on by default). A report that
 * agrees with what its unit's accepted state predicts ({@link Reckoner}) changes nothing and
 * re-evaluates nothing (its unit's track, conformance and incursions still follow it); a report
 * that departs from the prediction becomes the accepted state and re-evaluates the unit's pairs.
 * Each pair's next level change under the predictions is scheduled in event time ({@link
 * DueQueue}), including the rise to ADVISORY of pairs not yet in an encounter, and fires when a
 * report or tick carries "now" past it, evaluated at the due time. A prediction older than half the
 * stale time restarts from itself at the next agreeing report, which only looks for new partners.
 * See {@code docs/design-decisions.md} D28.
 *
 * <p><b>Time.</b> The tracker reads no clock: "now" is the newest report time seen so far, or a
 * {@link #tick} argument if later. A track whose report is older than the stale time takes no part
 * in new encounters; {@link #tick} ends its encounters. Millisecond resolution throughout.
 *
 * <p><b>Determinism.</b> Reports of one call are applied in time order (ties by party, unit, then
 * every field), and the events returned are the net change over the call, sorted. No output depends
 * on hash order.
 *
 * <p><b>Cost.</b> A report costs O(corridor cells × entries per cell) for the index plus O(1) per
 * candidate pair, and O(pieces) of its plan if it follows one; nothing is allocated unless
 * something changes, apart from a few small objects. Not thread-safe: callers serialise access.
 */
public final class LiveTracker {

  private static final Comparator<PositionReport> ORDER =
      Comparator.comparingLong((PositionReport r) -> r.time().toEpochMilli())
          .thenComparing(PositionReport::party)
          .thenComparing(PositionReport::unit)
          .thenComparing(PositionReport::time)
          .thenComparingDouble(PositionReport::lon)
          .thenComparingDouble(PositionReport::lat)
          .thenComparingDouble(PositionReport::courseDegrees)
          .thenComparingDouble(PositionReport::speedMps)
          .thenComparingDouble(PositionReport::accuracyMeters);

  private static final Comparator<LiveEvent> EVENT_ORDER =
      Comparator.comparingInt(LiveTracker::kind)
          .thenComparing(LiveTracker::compareIds)
          .thenComparing(LiveEvent::time)
          .thenComparing(Object::toString);

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private LiveSettings settings;
  private final boolean bruteForce;
  private final long staleMillis;
  private final double warning;
  private final double caution;
  private final double advisory;
  private final double warningFall;
  private final double cautionFall;
  private final double advisoryFall;
  private final double fallDistanceFactor;
  private final double lookAheadSeconds;
  private @Nullable Reckoner reckoner;
  private final DueQueue due = new DueQueue();
  private final ArrayList<Pair> firing = new ArrayList<>();

  private final HashMap<String, HashMap<String, Unit>> byParty = new HashMap<>();
  private final HashMap<String, Integer> partyIds = new HashMap<>();
  private final KeyOrder keyOrder = new KeyOrder();
  private Unit[] units = new Unit[64];
  private int unitCount;
  private int[] stamps = new int[64];
  private double[] state = new double[64 * Cpa.STRIDE];

  /** Per slot, the time of the unit's newest report (its freshness). */
  private long[] heard = new long[64];

  /** Per slot, the separation of the movement the unit follows, or NaN if it follows none. */
  private double[] planSeparation = new double[64];

  private int stamp;
  private final AgreedSeparations agreed;

  private CorridorGrid grid;
  private final StaticItems items = new StaticItems();
  private final HashMap<String, Plan> plans = new HashMap<>();
  private final ArrayList<Pair> active = new ArrayList<>();
  private final ArrayList<Pair> dirtyPairs = new ArrayList<>();
  private final ArrayList<Unit> dirtyUnits = new ArrayList<>();

  private long nowMillis = Long.MIN_VALUE;
  private long ignored;
  private long applied;
  private long evaluations;
  private long absorbed;
  private long refreshes;

  private final Cpa cpa = new Cpa();
  private final double[] scratch = new double[6];
  private final ArrayList<StaticItems.Item> near = new ArrayList<>();
  private final Coordinate lonLat = new Coordinate();

  /** Creates an empty tracker using the spatial index. */
  public LiveTracker(LiveSettings settings) {
    this(settings, false);
  }

  /** Creates an empty tracker; {@code bruteForce} evaluates every pair instead of the index. */
  LiveTracker(LiveSettings settings, boolean bruteForce) {
    this.settings = settings;
    this.bruteForce = bruteForce;
    this.staleMillis = settings.stale().toMillis();
    double grow = 1 + settings.hysteresisFraction();
    this.warning = seconds(settings.warning());
    this.caution = seconds(settings.caution());
    this.advisory = seconds(settings.advisory());
    this.warningFall = warning * grow;
    this.cautionFall = caution * grow;
    this.advisoryFall = seconds(settings.lookAhead()) * grow;
    this.fallDistanceFactor = grow;
    this.lookAheadSeconds = seconds(settings.lookAhead());
    this.reckoner = reckonerOf(settings);
    this.grid = gridOf(settings);
    this.agreed = new AgreedSeparations(settings.defaultSeparationMeters());
  }

  // A prediction restarts once half the stale time old; pairs are looked for and kept up to the
  // look-ahead plus the time until both units' next restart (see CorridorGrid).

  private static @Nullable Reckoner reckonerOf(LiveSettings settings) {
    long age = settings.stale().toMillis() / 2;
    return settings.deadReckoning().enabled()
        ? new Reckoner(settings, age, age + settings.stale().toMillis())
        : null;
  }

  private static CorridorGrid gridOf(LiveSettings settings) {
    long stale = settings.stale().toMillis();
    double lookAhead = seconds(settings.lookAhead());
    long age = stale / 2;
    return settings.deadReckoning().enabled()
        ? new CorridorGrid(CorridorGrid.CELL_METERS, lookAhead, stale, age, age + stale)
        : new CorridorGrid(CorridorGrid.CELL_METERS, lookAhead, stale);
  }

  /**
   * Applies other dead reckoning from now on (the service does so where its journal records a
   * change of its settings, so a replay switches at the same record). Tolerances alone: later
   * reports are checked against the new ones. Switched on: every unit's next report is applied in
   * full (re-evaluating and scheduling its pairs), as after a change of separation. Switched off:
   * every unit is predicted from its newest report again, nothing stays scheduled, and pairs not in
   * an encounter are forgotten. Either way the corridors are entered again in slot order. Tells
   * nothing: encounters keep their levels until their next evaluation. Deterministic; cost
   * O(units), plus re-entering each unit in the spatial index when switched on or off.
   */
  public void reckon(LiveSettings.DeadReckoning reckoning) {
    if (reckoning.equals(settings.deadReckoning())) {
      return;
    }
    boolean switched = reckoning.enabled() != settings.deadReckoning().enabled();
    settings = settings.withDeadReckoning(reckoning);
    reckoner = reckonerOf(settings);
    if (!switched) {
      return;
    }
    grid = gridOf(settings);
    ArrayList<Pair> unqueued = new ArrayList<>();
    for (int s = 0; s < unitCount; s++) {
      Unit u = units[s];
      for (Pair p : u.pairs) {
        if (p.a == u && p.dueIndex >= 0) {
          due.remove(p);
          if (p.level == TacticalLevel.NONE) {
            unqueued.add(p);
          }
        }
      }
    }
    for (Pair p : unqueued) {
      unlink(p);
    }
    for (int s = 0; s < unitCount; s++) {
      Unit u = units[s];
      if (!reckoning.enabled()) {
        u.setState(u.heardMillis, u.heardLon, u.heardLat, u.heardVe, u.heardVn, scratch);
        u.h = u.heardH;
        u.vh = u.heardVh;
        store(u);
      }
      u.predicting = false;
      boolean indexed = u.indexed;
      u.indexed = false;
      u.cellCount = 0;
      if (indexed) {
        grid.reindex(u);
      }
    }
  }

  /** The settings. */
  public LiveSettings settings() {
    return settings;
  }

  /**
   * Applies reports (any order, duplicates allowed) and returns what changed. Keeps the newest
   * report per unit by report time; an older or equal-time report of a unit changes nothing and
   * counts as {@linkplain #ignored() ignored}.
   */
  public List<LiveEvent> report(List<PositionReport> reports) {
    PositionReport[] sorted = reports.toArray(new PositionReport[0]);
    if (sorted.length > 1) {
      Arrays.sort(sorted, ORDER);
    }
    for (PositionReport r : sorted) {
      apply(r);
    }
    return finish();
  }

  /** Applies one report; see {@link #report(List)}. */
  public List<LiveEvent> report(PositionReport report) {
    apply(report);
    return finish();
  }

  /**
   * Advances "now" to {@code now} (if later) and ends the encounters of tracks gone stale, with
   * reason {@code "stale"}; re-evaluates nothing else.
   */
  public List<LiveEvent> tick(Instant now) {
    nowMillis = Math.max(nowMillis, now.toEpochMilli());
    fireDue();
    for (Pair p : new ArrayList<>(active)) {
      if (p.a.stale(nowMillis, staleMillis) || p.b.stale(nowMillis, staleMillis)) {
        end(p, "stale", nowMillis);
      }
    }
    for (int s = 0; s < unitCount; s++) {
      Unit u = units[s];
      if (u.stale(nowMillis, staleMillis)) {
        u.predicting = false;
        if (u.indexed) {
          grid.remove(u);
        }
      }
    }
    return finish();
  }

  /**
   * Forgets the units whose newest report is older than {@code before} and that take part in
   * nothing: no encounter (open or still to be told), conforming, inside nothing, with nothing left
   * to tell. A unit forgotten that reports again starts afresh, as a unit never seen. To keep the
   * slots dense, the unit in the last slot moves into each slot freed; slots are visited from the
   * last down, so the same state and the same {@code before} always leave the same slots (a
   * snapshot keeps them, and a pair is evaluated in slot order). Reads no clock: {@code before}
   * comes from the caller's event time.
   *
   * <p>Cost: O(units), plus re-entering each moved unit in the spatial index.
   *
   * @return how many units were forgotten
   */
  public int forget(Instant before) {
    long cutoff = before.toEpochMilli();
    int forgotten = 0;
    for (int s = unitCount - 1; s >= 0; s--) {
      Unit u = units[s];
      if (u.millis < cutoff
          && u.pairs.isEmpty()
          && !u.dirty
          && u.conforming
          && u.conformingTold
          && u.inside.isEmpty()
          && u.insideTold.isEmpty()) {
        drop(u);
        forgotten++;
      }
    }
    return forgotten;
  }

  /** Removes a unit that takes part in nothing, moving the last slot's unit into its slot. */
  private void drop(Unit u) {
    grid.remove(u);
    HashMap<String, Unit> ofParty = byParty.get(u.party);
    if (ofParty != null) {
      ofParty.remove(u.unit);
      keyOrder.remove(u);
      if (ofParty.isEmpty()) {
        byParty.remove(u.party);
      }
    }
    int last = --unitCount;
    int freed = u.slot;
    if (freed != last) {
      Unit moved = units[last];
      boolean indexed = moved.indexed;
      grid.remove(moved);
      moved.slot = freed;
      units[freed] = moved;
      stamps[freed] = stamps[last];
      planSeparation[freed] = planSeparation[last];
      heard[freed] = heard[last];
      store(moved);
      for (int i = 0; i < moved.pairs.size(); i++) {
        moved.pairs.get(i).slotsMoved();
      }
      if (indexed) {
        grid.reindex(moved);
      }
    }
    units[last] = null;
  }

  /**
   * Stores a notified movement, replacing any with its id. A unit of the movement's party whose id
   * equals the movement's id follows it: its separation becomes the movement's, and its reports are
   * checked for conformance.
   */
  public void plan(Movement movement) {
    Plan old = plans.put(planKey(movement.party(), movement.id()), new Plan(movement));
    if (old != null) {
      refreshSeparation(old.movement.party(), old.movement.id());
    }
    refreshSeparation(movement.party(), movement.id());
  }

  /**
   * Sets the separation two parties agreed, as it changes over event time: from each key of {@code
   * steps} on (until the next key) a unit of one that follows no movement keeps that separation
   * from the units of the other; before the first key, the default. Replaces what was set for the
   * two parties before. A pair is evaluated at the separation in force at the later of its two
   * report times, so a replay evaluates alike.
   *
   * @throws IllegalArgumentException if the parties are the same or a separation is not positive
   *     and finite
   */
  public void agreedSeparation(String partyA, String partyB, NavigableMap<Instant, Double> steps) {
    if (partyA.equals(partyB)) {
      throw new IllegalArgumentException("an agreed separation needs two parties, got " + partyA);
    }
    int a = partyId(partyA);
    int b = partyId(partyB);
    agreed.set(a, b, steps);
    // Units without a plan are indexed by their party's reach; keep it in step (slot order).
    for (int s = 0; s < unitCount; s++) {
      Unit u = units[s];
      if (u.partyId == a || u.partyId == b) {
        refreshSeparation(u);
      }
    }
  }

  /** Removes a party's notified movement; ids are per party, as units are. */
  public void unplan(String party, String movementId) {
    Plan old = plans.remove(planKey(party, movementId));
    if (old != null) {
      refreshSeparation(old.movement.party(), old.movement.id());
    }
  }

  /** Stores another party's zone (its party is {@code zone.party()}) under {@code id}. */
  public void zone(String id, Zone zone, Access access) {
    items.zone(id, zone, access);
  }

  /** Stores a site: units of other parties within its radius while it is valid alert. */
  public void site(Site site) {
    items.site(site);
  }

  /** Removes the zone or site with this id (movements: {@link #unplan}). */
  public void remove(String itemId) {
    items.remove(itemId);
  }

  /** The track of a unit, if it has reported. */
  public Optional<Track> track(String party, String unit) {
    Unit u = find(party, unit);
    return u == null ? Optional.empty() : Optional.of(u.track(settings.stale()));
  }

  /** Every track, sorted by {@code party/unit}. */
  public List<Track> tracks() {
    Unit[] sorted = Arrays.copyOf(units, unitCount);
    Arrays.sort(sorted, Comparator.comparing((Unit u) -> u.key));
    List<Track> out = new ArrayList<>(unitCount);
    for (Unit u : sorted) {
      out.add(u.track(settings.stale()));
    }
    return out;
  }

  /** The order of {@link #encounters}: by unit A, then unit B (party, then unit id). */
  public static final Comparator<Encounter> ENCOUNTER_ORDER = LiveTracker::compareEncounters;

  /** The current encounters, sorted by unit A then unit B. */
  public List<Encounter> encounters() {
    List<Encounter> out = new ArrayList<>(active.size());
    for (Pair p : active) {
      out.add(p.encounter(lookAheadSeconds));
    }
    out.sort(LiveTracker::compareEncounters);
    return out;
  }

  /**
   * The current encounter of two units, as {@link #encounters} lists it, if they are in one:
   * without building the others. Cost: a look through unit A's pairs.
   */
  public Optional<Encounter> encounter(String partyA, String unitA, String partyB, String unitB) {
    Unit a = find(partyA, unitA);
    Unit b = find(partyB, unitB);
    if (a == null || b == null) {
      return Optional.empty();
    }
    for (Pair p : a.pairs) {
      if (p.other(a) == b && p.activeIndex >= 0) {
        return Optional.of(p.encounter(lookAheadSeconds));
      }
    }
    return Optional.empty();
  }

  /**
   * The encounter of two units as predicted at {@code at} (or at the later of their accepted
   * states, if later), at its current level, if they are in one. Changes nothing: with dead
   * reckoning the encounters keep the numbers of their last evaluation, and this gives the
   * situation the predictions put at a later time. Cost: one evaluation.
   */
  public Optional<Encounter> situation(
      String partyA, String unitA, String partyB, String unitB, Instant at) {
    Unit a = find(partyA, unitA);
    Unit b = find(partyB, unitB);
    if (a == null || b == null) {
      return Optional.empty();
    }
    for (Pair p : a.pairs) {
      if (p.other(a) == b && p.level != TacticalLevel.NONE) {
        int lo = Math.min(a.slot, b.slot);
        int hi = Math.max(a.slot, b.slot);
        long millis = at.toEpochMilli();
        Cpa c = new Cpa();
        c.compute(state, lo, hi, pairSeparation(lo, hi, millis), millis);
        Pair view = new Pair(p.a, p.b);
        view.level(p.level);
        view.record(c, p.a.slot != lo);
        return Optional.of(view.encounter(lookAheadSeconds));
      }
    }
    return Optional.empty();
  }

  /** Whether reports that agree with their unit's prediction are absorbed (dead reckoning). */
  public boolean reckoning() {
    return reckoner != null;
  }

  /** Number of units that have reported. */
  public int units() {
    return unitCount;
  }

  /** Number of reports ignored as older than, or as old as, their unit's newest. */
  public long ignored() {
    return ignored;
  }

  /** Number of reports applied. */
  public long applied() {
    return applied;
  }

  /**
   * Number of applied reports that agreed with their unit's prediction (dead reckoning), so
   * re-evaluated no encounter; {@link #applied} minus this is the number that did.
   */
  public long absorbed() {
    return absorbed;
  }

  /**
   * Number of absorbed reports at which a unit's prediction restarted from itself (and the unit
   * looked for new partners, re-evaluating none of its encounters).
   */
  public long refreshes() {
    return refreshes;
  }

  /** Number of pair evaluations so far (closest points of approach computed). */
  public long evaluations() {
    return evaluations;
  }

  /** Number of pairs whose level is due to change at a known time (dead reckoning). */
  public int scheduled() {
    return due.size();
  }

  /**
   * The earliest time a pair's level is due to change (dead reckoning), if any: a {@link #tick} at
   * or after it tells the change, at its own event time.
   */
  public Optional<Instant> nextDue() {
    long next = due.earliest();
    return next == DueQueue.NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
  }

  /** "Now": the newest report time or tick seen, if any. */
  public Optional<Instant> now() {
    return nowMillis == Long.MIN_VALUE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(nowMillis));
  }

  /**
   * What this tracker holds beyond its movements, zones and sites (see {@link TrackerState}). Cost:
   * O(units + encounters); allocates the copy.
   */
  public TrackerState state() {
    List<String> parties = new ArrayList<>(Collections.nCopies(partyIds.size(), ""));
    partyIds.forEach((party, id) -> parties.set(id, party));
    List<TrackerState.Agreed> agreedSteps = new ArrayList<>();
    for (int a = 0; a < parties.size(); a++) {
      for (int b = 0; b < parties.size(); b++) {
        NavigableMap<Instant, Double> steps = a == b ? null : agreed.steps(a, b);
        if (steps != null && parties.get(a).compareTo(parties.get(b)) < 0) {
          agreedSteps.add(new TrackerState.Agreed(parties.get(a), parties.get(b), steps));
        }
      }
    }
    agreedSteps.sort(
        Comparator.comparing(TrackerState.Agreed::partyA)
            .thenComparing(TrackerState.Agreed::partyB));
    List<TrackerState.UnitState> unitStates = new ArrayList<>(unitCount);
    for (int s = 0; s < unitCount; s++) {
      Unit u = units[s];
      unitStates.add(
          new TrackerState.UnitState(
              u.party,
              u.unit,
              u.heardMillis,
              u.heardLon,
              u.heardLat,
              u.heardVe,
              u.heardVn,
              u.separation,
              u.indexed,
              u.conforming,
              u.conformingTold,
              Optional.ofNullable(u.conformanceChange),
              insideStates(u.inside),
              insideStates(u.insideTold),
              u.insideChangedMillis,
              u.millis,
              u.lon,
              u.lat,
              u.ve,
              u.vn,
              u.predicting,
              u.heardH,
              u.heardVh,
              u.h,
              u.vh));
    }
    Comparator<Pair> byKeys = Comparator.comparing((Pair p) -> p.a.key).thenComparing(p -> p.b.key);
    List<Pair> open = new ArrayList<>(active);
    open.sort(byKeys);
    List<TrackerState.EncounterState> encounterStates = new ArrayList<>(open.size());
    for (Pair p : open) {
      encounterStates.add(p.state());
    }
    List<Pair> waiting = new ArrayList<>();
    for (int s = 0; s < unitCount; s++) {
      for (Pair p : units[s].pairs) {
        if (p.a == units[s] && p.level == TacticalLevel.NONE && p.dueIndex >= 0) {
          waiting.add(p);
        }
      }
    }
    waiting.sort(byKeys);
    List<TrackerState.Pending> pending = new ArrayList<>(waiting.size());
    for (Pair p : waiting) {
      pending.add(new TrackerState.Pending(p.a.slot, p.b.slot, p.dueMillis));
    }
    return new TrackerState(
        nowMillis, applied, ignored, parties, agreedSteps, unitStates, encounterStates, pending);
  }

  /**
   * A tracker holding {@code state} (from {@link #state}), which then answers every call as the
   * tracker that gave the state would, once its owner has handed back the same movements ({@link
   * #plan}), zones ({@link #zone}) and sites ({@link #site}). Cost: O(units + encounters) plus
   * entering each unit in the spatial index.
   *
   * @throws IllegalArgumentException if the state is inconsistent (an encounter of an unknown unit,
   *     a unit listed twice)
   */
  public static LiveTracker restore(LiveSettings settings, TrackerState state) {
    LiveTracker t = new LiveTracker(settings);
    for (String party : state.parties()) {
      t.partyId(party);
    }
    if (t.partyIds.size() != state.parties().size()) {
      throw new IllegalArgumentException("a tracker state lists a party twice");
    }
    for (TrackerState.Agreed a : state.agreed()) {
      t.agreed.set(t.partyId(a.partyA()), t.partyId(a.partyB()), a.steps());
    }
    for (TrackerState.UnitState s : state.units()) {
      if (t.find(s.party(), s.unit()) != null) {
        throw new IllegalArgumentException(
            "a tracker state lists unit " + s.party() + "/" + s.unit() + " twice");
      }
      Unit u = t.unit(s.party(), s.unit());
      u.setState(s.millis(), s.lon(), s.lat(), s.ve(), s.vn(), t.scratch);
      u.hear(s.millis(), s.lon(), s.lat(), s.ve(), s.vn(), t.scratch);
      u.setState(s.modelMillis(), s.modelLon(), s.modelLat(), s.modelVe(), s.modelVn(), t.scratch);
      u.heardH = s.heardHae();
      u.heardVh = s.heardVerticalRate();
      u.h = s.modelHae();
      u.vh = s.modelVerticalRate();
      t.heard[u.slot] = s.millis();
      u.separation = s.separation();
      u.conforming = s.conforming();
      u.conformingTold = s.conformingTold();
      u.conformanceChange = s.conformanceChange().orElse(null);
      u.inside = insides(s.inside());
      u.insideTold = insides(s.insideTold());
      u.insideChangedMillis = s.insideChangedMillis();
      u.predicting = s.predicting();
      t.store(u);
    }
    for (int slot = 0; slot < t.unitCount; slot++) {
      if (state.units().get(slot).indexed()) {
        t.grid.reindex(t.units[slot]);
      }
    }
    for (TrackerState.EncounterState e : state.encounters()) {
      if (e.slotA() < 0
          || e.slotA() >= t.unitCount
          || e.slotB() < 0
          || e.slotB() >= t.unitCount
          || e.level() == TacticalLevel.NONE) {
        throw new IllegalArgumentException("a tracker state has a malformed encounter: " + e);
      }
      Pair p = new Pair(t.units[e.slotA()], t.units[e.slotB()]);
      link(p);
      p.restore(e);
      t.activate(p);
      if (e.dueMillis() != DueQueue.NEVER) {
        t.due.schedule(p, e.dueMillis());
      }
    }
    for (TrackerState.Pending w : state.pending()) {
      if (w.slotA() < 0
          || w.slotA() >= t.unitCount
          || w.slotB() < 0
          || w.slotB() >= t.unitCount
          || w.dueMillis() == DueQueue.NEVER) {
        throw new IllegalArgumentException("a tracker state has a malformed pending pair: " + w);
      }
      Pair p = new Pair(t.units[w.slotA()], t.units[w.slotB()]);
      link(p);
      t.due.schedule(p, w.dueMillis());
    }
    t.nowMillis = state.nowMillis();
    t.applied = state.applied();
    t.ignored = state.ignored();
    return t;
  }

  private static List<TrackerState.Inside> insideStates(List<Unit.Inside> list) {
    List<TrackerState.Inside> out = new ArrayList<>(list.size());
    for (Unit.Inside in : list) {
      out.add(
          new TrackerState.Inside(in.itemId(), in.itemParty(), in.kind(), in.level(), in.since()));
    }
    return out;
  }

  private static List<Unit.Inside> insides(List<TrackerState.Inside> list) {
    List<Unit.Inside> out = new ArrayList<>(list.size());
    for (TrackerState.Inside in : list) {
      out.add(
          new Unit.Inside(in.itemId(), in.itemParty(), in.kind(), in.level(), in.sinceMillis()));
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------------------------------------

  private void apply(PositionReport r) {
    long t = r.time().toEpochMilli();
    nowMillis = Math.max(nowMillis, t);
    fireDue();
    Unit u = unit(r.party(), r.unit());
    if (u.heardMillis != Long.MIN_VALUE && t <= u.heardMillis) {
      ignored++;
      return;
    }
    applied++;
    double ve = 0;
    double vn = 0;
    if (r.hasVelocity()) {
      if (r.speedMps() > 0) {
        double c = Math.toRadians(r.courseDegrees());
        ve = r.speedMps() * Math.sin(c);
        vn = r.speedMps() * Math.cos(c);
      }
    } else if (u.heardMillis != Long.MIN_VALUE) {
      // Displacement since the previous report, as a chord, taken horizontal at the new position:
      // on the sphere that is exactly the direction of the great circle there.
      double dt = (t - u.heardMillis) * 1e-3;
      Wgs84.toEcef(r.lon(), r.lat(), scratch, 0);
      double dx = (scratch[0] - u.hx) / dt;
      double dy = (scratch[1] - u.hy) / dt;
      double dz = (scratch[2] - u.hz) / dt;
      double phi = Math.toRadians(r.lat());
      double lambda = Math.toRadians(r.lon());
      double sinPhi = Math.sin(phi);
      double cosLambda = Math.cos(lambda);
      double sinLambda = Math.sin(lambda);
      ve = -dx * sinLambda + dy * cosLambda;
      vn = -dx * sinPhi * cosLambda - dy * sinPhi * sinLambda + dz * Math.cos(phi);
      // A jump (a position fix gone wrong) is no velocity: keep it within what a report may say.
      double speed = Math.hypot(ve, vn);
      if (speed > PositionReport.MAX_SPEED_MPS) {
        ve *= PositionReport.MAX_SPEED_MPS / speed;
        vn *= PositionReport.MAX_SPEED_MPS / speed;
      }
    }
    double hae = r.haeMeters();
    double vh = 0;
    if (r.hasHae() && !Double.isNaN(u.heardH)) {
      // The vertical rate from the unit's previous report (D37), bounded as a speed is.
      vh = (hae - u.heardH) / ((t - u.heardMillis) * 1e-3);
      vh = Math.max(-PositionReport.MAX_SPEED_MPS, Math.min(PositionReport.MAX_SPEED_MPS, vh));
    }
    Reckoner dr = reckoner;
    if (dr != null && predicted(u, t)) {
      Unit.ecef(r.lon(), r.lat(), ve, vn, scratch);
      if (dr.agrees(u, t, scratch) && dr.agreesVertically(u, t, hae, vh)) {
        u.hear(t, r.lon(), r.lat(), ve, vn, scratch);
        u.heardH = hae;
        u.heardVh = vh;
        heard[u.slot] = t;
        absorbed++;
        if (t - u.millis >= dr.refreshMillis()) {
          refresh(u, t);
        }
        Plan plan = u.plan;
        conformance(u, plan);
        incursions(u, plan);
        return;
      }
    }
    u.setState(t, r.lon(), r.lat(), ve, vn, scratch);
    u.hear(t, r.lon(), r.lat(), ve, vn, scratch);
    u.h = hae;
    u.vh = vh;
    u.heardH = hae;
    u.heardVh = vh;
    heard[u.slot] = t;
    store(u);
    if (u.stale(nowMillis, staleMillis)) {
      // Arrived stale: it takes no part in encounters.
      u.predicting = false;
      if (u.indexed) {
        grid.remove(u);
      }
      for (int i = 0; i < u.pairs.size(); i++) {
        Pair p = u.pairs.get(i);
        if (p.level != TacticalLevel.NONE) {
          end(p, "stale", nowMillis);
        } else {
          drop(p);
        }
      }
    } else {
      u.predicting = true;
      encounters(u, true);
    }
    Plan plan = u.plan;
    conformance(u, plan);
    incursions(u, plan);
  }

  /**
   * Whether a report of {@code u} at {@code t} may be absorbed by its prediction: the unit has one,
   * is in the index, did not go stale since its previous report, and the report is not stale.
   */
  private boolean predicted(Unit u, long t) {
    return u.predicting
        && t - u.heardMillis <= staleMillis
        && nowMillis - t <= staleMillis
        && t >= u.millis;
  }

  /**
   * Restarts {@code u}'s prediction from itself at {@code t} (the same line, so no encounter of it
   * changes), moves its corridor there and looks for new partners.
   */
  private void refresh(Unit u, long t) {
    refreshes++;
    if (!Double.isNaN(u.h)) {
      u.h += u.vh * ((t - u.millis) * 1e-3);
    }
    Reckoner.predict(u, t, scratch);
    u.setState(t, scratch[0], scratch[1], scratch[2], scratch[3], scratch);
    store(u);
    encounters(u, false);
  }

  /**
   * Evaluates {@code u}'s candidates from the index and, if {@code all}, its existing pairs; with
   * {@code all} false the existing pairs are only skipped (their due times stand).
   */
  private void encounters(Unit u, boolean all) {
    int s = nextStamp();
    stamps[u.slot] = s;
    // Every partner, so that candidates found below never need to look for their pair. A pair
    // that ended earlier in this call is evaluated again as any candidate would be: if it was not
    // a candidate it cannot rise (the index is conservative), so both paths agree.
    for (int i = 0; i < u.pairs.size(); i++) {
      Pair p = u.pairs.get(i);
      int o = p.a == u ? p.bSlot : p.aSlot;
      stamps[o] = s;
      if (!all) {
        continue;
      }
      if (!fresh(o)) {
        if (p.level != TacticalLevel.NONE) {
          end(p, "stale", nowMillis);
        } else {
          drop(p);
        }
      } else {
        evaluate(u, o, p, evaluationTime());
      }
    }
    boolean everyone = bruteForce || !grid.update(u, nowMillis, stamps, s);
    if (everyone) {
      for (int k = 0; k < unitCount; k++) {
        if (units[k].partyId != u.partyId && stamps[k] != s) {
          stamps[k] = s;
          if (fresh(k)) {
            evaluate(u, k, null, evaluationTime());
          }
        }
      }
    } else {
      for (int k = 0, n = grid.foundCount(); k < n; k++) {
        int slot = grid.found(k);
        if (fresh(slot)) {
          evaluate(u, slot, null, evaluationTime());
        }
      }
    }
  }

  /** Whether the unit in {@code slot} is not stale now. */
  private boolean fresh(int slot) {
    return freshAt(slot, nowMillis);
  }

  /** Whether the unit in {@code slot} is not stale at {@code millis}. */
  private boolean freshAt(int slot, long millis) {
    return millis - heard[slot] <= staleMillis;
  }

  /**
   * The time a report's evaluations extrapolate to: without dead reckoning the later of the two
   * report times; with it "now" (never earlier than any accepted state), so due times are later.
   */
  private long evaluationTime() {
    return reckoner == null ? Long.MIN_VALUE : nowMillis;
  }

  /**
   * Evaluates, in due order, every pair whose level is due to change at or before "now", each at
   * its due time; a pair with a unit stale by then ends (or, not yet in an encounter, is dropped).
   */
  private void fireDue() {
    if (due.size() == 0) {
      return;
    }
    for (due.takeDue(nowMillis, firing); !firing.isEmpty(); due.takeDue(nowMillis, firing)) {
      for (Pair p : firing) {
        fire(p);
      }
    }
  }

  /** Evaluates a pair taken from the queue at its due time. */
  private void fire(Pair p) {
    long at = p.dueMillis;
    p.dueMillis = DueQueue.NEVER;
    if (!freshAt(p.aSlot, at) || !freshAt(p.bSlot, at)) {
      if (p.level != TacticalLevel.NONE) {
        end(p, "stale", nowMillis);
      } else {
        drop(p);
      }
    } else {
      evaluate(p.a, p.bSlot, p, at);
    }
  }

  /** Forgets a pair that is not in an encounter (it leaves its units' lists at the end of call). */
  private void drop(Pair p) {
    due.remove(p);
    markDirty(p);
  }

  private int nextStamp() {
    if (++stamp == Integer.MAX_VALUE) {
      Arrays.fill(stamps, 0);
      stamp = 1;
    }
    return stamp;
  }

  /** Evaluates the pair of {@code u} and the unit in slot {@code other}; updates its level. */
  private void evaluate(Unit u, int other, @Nullable Pair p, long at) {
    // Always in slot order, so the pair gives the same bits whichever unit reports.
    int lo = Math.min(u.slot, other);
    int hi = Math.max(u.slot, other);
    double separation = pairSeparation(lo, hi, at);
    evaluations++;
    cpa.compute(state, lo, hi, separation, at);
    TacticalLevel raw = level(cpa.timeToLoss, warning, caution, advisory);
    TacticalLevel current = p == null ? TacticalLevel.NONE : p.level;
    TacticalLevel next;
    if (raw.above(current) || current == TacticalLevel.NONE) {
      next = raw;
    } else if (cpa.distanceNow < separation * fallDistanceFactor) {
      next = current;
    } else {
      TacticalLevel held = level(cpa.timeToLoss, warningFall, cautionFall, advisoryFall);
      next = held.above(current) ? current : (raw.above(held) ? raw : held);
    }
    Reckoner dr = reckoner;
    if (next == TacticalLevel.NONE) {
      if (p != null && p.level != TacticalLevel.NONE) {
        end(p, "clear", cpa.timeMillis);
      }
      long rise = dr == null ? DueQueue.NEVER : dr.nextDue(cpa, TacticalLevel.NONE);
      if (rise != DueQueue.NEVER) {
        due.schedule(p != null ? p : pair(u, other), rise);
      } else if (p != null && p.dueIndex >= 0) {
        drop(p);
      }
      return;
    }
    Pair pair = p != null ? p : pair(u, other);
    if (pair.level == TacticalLevel.NONE) {
      activate(pair);
    }
    if (next != pair.level) {
      pair.level(next);
      markDirty(pair);
    }
    pair.record(cpa, pair.a.slot != lo);
    if (dr != null) {
      due.schedule(pair, dr.nextDue(cpa, next));
    }
  }

  /** A new pair of {@code u} and the unit in slot {@code other}, in both units' lists. */
  private Pair pair(Unit u, int other) {
    Unit o = units[other];
    Unit a = u.key.compareTo(o.key) < 0 ? u : o;
    Unit b = a == u ? o : u;
    Pair pair = new Pair(a, b);
    link(pair);
    return pair;
  }

  /** Adds a pair to both its units' lists. */
  private static void link(Pair p) {
    p.aIndex = p.a.pairs.size();
    p.a.pairs.add(p);
    p.bIndex = p.b.pairs.size();
    p.b.pairs.add(p);
  }

  /**
   * Takes a pair out of both its units' lists in O(1): the last pair of a list takes its place (no
   * result depends on a list's order: each pair's evaluation reads only its two units, and events
   * and snapshots are sorted).
   */
  private static void unlink(Pair p) {
    if (p.aIndex < 0) {
      return;
    }
    unlink(p.a.pairs, p.aIndex, p.a);
    unlink(p.b.pairs, p.bIndex, p.b);
    p.aIndex = -1;
    p.bIndex = -1;
  }

  private static void unlink(ArrayList<Pair> list, int index, Unit u) {
    Pair last = list.remove(list.size() - 1);
    if (index < list.size()) {
      list.set(index, last);
      if (last.a == u) {
        last.aIndex = index;
      } else {
        last.bIndex = index;
      }
    }
  }

  /**
   * The separation of the units in two slots: the larger of theirs, a unit's being its plan's, else
   * what the two parties agreed at the later report time, else the default.
   */
  private double pairSeparation(int lo, int hi, long at) {
    double a = planSeparation[lo];
    double b = planSeparation[hi];
    if (Double.isNaN(a) || Double.isNaN(b)) {
      long t =
          Math.max(
              at, Math.max((long) state[lo * Cpa.STRIDE + 6], (long) state[hi * Cpa.STRIDE + 6]));
      double agreedMeters = agreed.at(units[lo].partyId, units[hi].partyId, t);
      a = Double.isNaN(a) ? agreedMeters : a;
      b = Double.isNaN(b) ? agreedMeters : b;
    }
    return Math.max(a, b);
  }

  private static TacticalLevel level(double timeToLoss, double w, double c, double a) {
    if (Double.isNaN(timeToLoss)) {
      return TacticalLevel.NONE;
    }
    if (timeToLoss <= w) {
      return TacticalLevel.WARNING;
    }
    if (timeToLoss <= c) {
      return TacticalLevel.CAUTION;
    }
    if (timeToLoss <= a) {
      return TacticalLevel.ADVISORY;
    }
    return TacticalLevel.NONE;
  }

  private void end(Pair p, String reason, long millis) {
    due.remove(p);
    p.level(TacticalLevel.NONE);
    p.endReason = reason;
    p.endMillis = millis;
    deactivate(p);
    markDirty(p);
  }

  private void activate(Pair p) {
    p.activeIndex = active.size();
    active.add(p);
  }

  private void deactivate(Pair p) {
    int i = p.activeIndex;
    if (i < 0) {
      return;
    }
    Pair last = active.remove(active.size() - 1);
    if (last != p) {
      active.set(i, last);
      last.activeIndex = i;
    }
    p.activeIndex = -1;
  }

  private void markDirty(Pair p) {
    if (!p.dirty) {
      p.dirty = true;
      dirtyPairs.add(p);
    }
  }

  private void markDirty(Unit u) {
    if (!u.dirty) {
      u.dirty = true;
      dirtyUnits.add(u);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void conformance(Unit u, @Nullable Plan plan) {
    if (plan == null) {
      ConformanceChanged last = u.conformanceChange;
      if (!u.conforming && last != null) {
        u.conforming = true;
        u.conformanceChange =
            new ConformanceChanged(
                u.unit,
                u.party,
                last.movement(),
                Instant.ofEpochMilli(u.heardMillis),
                true,
                0,
                Duration.ZERO,
                "plan removed");
        markDirty(u);
      }
      return;
    }
    double t = u.heardMillis * 1e-3;
    plan.measure(u.hx, u.hy, u.hz, t, settings.conformanceDistanceMeters(), scratch);
    double offTrack = scratch[0];
    double early = scratch[1];
    boolean off = offTrack > settings.conformanceDistanceMeters();
    boolean timing = Math.abs(early) > seconds(settings.conformanceTime());
    boolean ok = !off && !timing;
    if (ok == u.conforming) {
      return;
    }
    String reason;
    if (ok) {
      reason = "conforming";
    } else {
      String when = early > 0 ? "early" : "late";
      reason = off && timing ? "off track, " + when : (off ? "off track" : when);
    }
    u.conforming = ok;
    u.conformanceChange =
        new ConformanceChanged(
            u.unit,
            u.party,
            plan.movement.id(),
            Instant.ofEpochMilli(u.heardMillis),
            ok,
            offTrack,
            duration(early),
            reason);
    markDirty(u);
  }

  private void incursions(Unit u, @Nullable Plan plan) {
    if (items.isEmpty() && u.inside.isEmpty()) {
      return;
    }
    items.near(u.heardLon, u.heardLat, near);
    List<Unit.Inside> now = List.of();
    if (!near.isEmpty()) {
      Instant time = Instant.ofEpochMilli(u.heardMillis);
      lonLat.x = u.heardLon;
      lonLat.y = u.heardLat;
      ArrayList<Unit.Inside> found = null;
      for (StaticItems.Item item : near) {
        if (item.party.equals(u.party)
            || item.access == Access.OPEN
            || !item.validity.contains(time)
            || !item.atHeight(u.h)
            || !item.contains(u.hx, u.hy, u.hz, lonLat)
            || (item.access == Access.NOTICE && item.zone != null && covers(plan, item, u))) {
          continue;
        }
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(new Unit.Inside(item.id, item.party, item.kind, item.level(), u.heardMillis));
      }
      if (found != null) {
        found.sort(Comparator.comparing(Unit.Inside::itemId));
        now = found;
      }
    }
    if (sameIncursions(u.inside, now)) {
      return;
    }
    // Keep the start time of incursions that carry on unchanged.
    List<Unit.Inside> merged = new ArrayList<>(now.size());
    for (Unit.Inside in : now) {
      Unit.Inside before = find(u.inside, in.itemId());
      merged.add(before != null && before.level() == in.level() ? before : in);
    }
    u.inside = List.copyOf(merged);
    u.insideChangedMillis = u.heardMillis;
    markDirty(u);
  }

  /** Whether the unit's plan is in the zone within the conformance time of the report. */
  private boolean covers(@Nullable Plan plan, StaticItems.Item item, Unit u) {
    Zone zone = item.zone;
    if (plan == null || zone == null) {
      return false;
    }
    double t = u.heardMillis * 1e-3;
    double slack = seconds(settings.conformanceTime());
    List<GeoPoint> path = plan.between(t - slack, t + slack);
    List<Coordinate> coordinates = new ArrayList<>();
    for (GeoPoint g : path) {
      Coordinate c = new Coordinate(g.lon(), g.lat());
      if (coordinates.isEmpty() || !coordinates.get(coordinates.size() - 1).equals2D(c)) {
        coordinates.add(c);
      }
    }
    Geometry geometry =
        coordinates.size() == 1
            ? GEOMETRY.createPoint(coordinates.get(0))
            : GEOMETRY.createLineString(coordinates.toArray(new Coordinate[0]));
    return zone.polygon().intersects(geometry);
  }

  private static boolean sameIncursions(List<Unit.Inside> a, List<Unit.Inside> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).itemId().equals(b.get(i).itemId()) || a.get(i).level() != b.get(i).level()) {
        return false;
      }
    }
    return true;
  }

  private static Unit.@Nullable Inside find(List<Unit.Inside> list, String itemId) {
    for (Unit.Inside in : list) {
      if (in.itemId().equals(itemId)) {
        return in;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------

  /** Turns the changes of this call into events, sorted, and clears the per-call state. */
  private List<LiveEvent> finish() {
    if (dirtyPairs.isEmpty() && dirtyUnits.isEmpty()) {
      return List.of();
    }
    List<Told> events = new ArrayList<>(dirtyPairs.size() + dirtyUnits.size());
    for (Pair p : dirtyPairs) {
      p.dirty = false;
      if (p.level != TacticalLevel.NONE) {
        if (p.level != p.told) {
          events.add(
              new Told(
                  0,
                  p.a.order,
                  p.b.order,
                  "",
                  new EncounterChanged(p.encounter(lookAheadSeconds))));
          p.told = p.level;
        }
      } else {
        if (p.told != TacticalLevel.NONE) {
          events.add(
              new Told(
                  1,
                  p.a.order,
                  p.b.order,
                  "",
                  new EncounterEnded(
                      p.a.unit,
                      p.b.unit,
                      p.a.party,
                      p.b.party,
                      Instant.ofEpochMilli(p.endMillis),
                      p.endReason)));
          p.told = TacticalLevel.NONE;
        }
        if (p.dueIndex < 0) {
          unlink(p);
        }
      }
    }
    dirtyPairs.clear();
    for (Unit u : dirtyUnits) {
      u.dirty = false;
      ConformanceChanged change = u.conformanceChange;
      if (u.conforming != u.conformingTold && change != null) {
        events.add(new Told(2, u.order, 0, change.movement(), change));
        u.conformingTold = u.conforming;
      }
      incursionEvents(u, events);
    }
    dirtyUnits.clear();
    Collections.sort(events);
    List<LiveEvent> out = new ArrayList<>(events.size());
    for (Told t : events) {
      out.add(t.event);
    }
    return out;
  }

  /**
   * An event with the keys it sorts by: its kind, its unit's {@code party/unit} (unit A's for an
   * encounter) by its label in {@link KeyOrder}, then unit B's label, or the movement or the item.
   * This orders exactly as {@link #EVENT_ORDER} does, without walking two strings that are rarely
   * in cache at each comparison; equal keys fall back to it.
   */
  private record Told(int kind, long first, long second, String text, LiveEvent event)
      implements Comparable<Told> {

    @Override
    public int compareTo(Told o) {
      if (kind != o.kind) {
        return Integer.compare(kind, o.kind);
      }
      if (first != o.first) {
        return Long.compare(first, o.first);
      }
      if (second != o.second) {
        return Long.compare(second, o.second);
      }
      int byText = text.compareTo(o.text);
      return byText != 0 ? byText : EVENT_ORDER.compare(event, o.event);
    }
  }

  private static void incursionEvents(Unit u, List<Told> events) {
    for (Unit.Inside in : u.inside) {
      Unit.Inside before = find(u.insideTold, in.itemId());
      if (before == null || before.level() != in.level()) {
        events.add(
            new Told(
                3,
                u.order,
                0,
                in.itemId(),
                new IncursionChanged(
                    u.unit,
                    u.party,
                    in.itemId(),
                    in.itemParty(),
                    in.kind(),
                    Instant.ofEpochMilli(in.since()),
                    true,
                    in.level())));
      }
    }
    for (Unit.Inside before : u.insideTold) {
      if (find(u.inside, before.itemId()) == null) {
        events.add(
            new Told(
                3,
                u.order,
                0,
                before.itemId(),
                new IncursionChanged(
                    u.unit,
                    u.party,
                    before.itemId(),
                    before.itemParty(),
                    before.kind(),
                    Instant.ofEpochMilli(u.insideChangedMillis),
                    false,
                    TacticalLevel.NONE)));
      }
    }
    u.insideTold = u.inside;
  }

  private static int kind(LiveEvent e) {
    if (e instanceof EncounterChanged) {
      return 0;
    }
    if (e instanceof EncounterEnded) {
      return 1;
    }
    if (e instanceof ConformanceChanged) {
      return 2;
    }
    return 3;
  }

  /** Compares two events of one kind by the identities they concern. */
  private static int compareIds(LiveEvent x, LiveEvent y) {
    if (x instanceof EncounterChanged c && y instanceof EncounterChanged d) {
      return compareEncounters(c.encounter(), d.encounter());
    }
    if (x instanceof EncounterEnded c && y instanceof EncounterEnded d) {
      int first = Keys.compare(c.partyA(), c.unitA(), d.partyA(), d.unitA());
      return first != 0 ? first : Keys.compare(c.partyB(), c.unitB(), d.partyB(), d.unitB());
    }
    if (x instanceof ConformanceChanged c && y instanceof ConformanceChanged d) {
      int first = Keys.compare(c.party(), c.unit(), d.party(), d.unit());
      return first != 0 ? first : c.movement().compareTo(d.movement());
    }
    if (x instanceof IncursionChanged c && y instanceof IncursionChanged d) {
      int first = Keys.compare(c.party(), c.unit(), d.party(), d.unit());
      return first != 0 ? first : c.itemId().compareTo(d.itemId());
    }
    return 0;
  }

  private static int compareEncounters(Encounter c, Encounter d) {
    int first = Keys.compare(c.partyA(), c.unitA(), d.partyA(), d.unitA());
    return first != 0 ? first : Keys.compare(c.partyB(), c.unitB(), d.partyB(), d.unitB());
  }

  // ---------------------------------------------------------------------------------------------

  private Unit unit(String party, String unit) {
    HashMap<String, Unit> ofParty = byParty.computeIfAbsent(party, p -> new HashMap<>());
    Unit u = ofParty.get(unit);
    if (u != null) {
      return u;
    }
    int partyId = partyId(party);
    if (unitCount == units.length) {
      units = Arrays.copyOf(units, units.length * 2);
      stamps = Arrays.copyOf(stamps, stamps.length * 2);
      state = Arrays.copyOf(state, state.length * 2);
      planSeparation = Arrays.copyOf(planSeparation, planSeparation.length * 2);
      heard = Arrays.copyOf(heard, heard.length * 2);
    }
    u = new Unit(party, unit, partyId, unitCount, 0);
    units[unitCount++] = u;
    ofParty.put(unit, u);
    keyOrder.add(u);
    Plan plan = planOf(u);
    u.plan = plan;
    planSeparation[u.slot] = plan == null ? Double.NaN : separationOf(plan);
    u.separation = plan == null ? agreed.reach(partyId) : separationOf(plan);
    u.verticalSeparation = verticalSeparationOf(plan);
    store(u);
    return u;
  }

  /** The small integer id of a party, given in the order parties are first seen. */
  private int partyId(String party) {
    Integer id = partyIds.get(party);
    if (id == null) {
      id = partyIds.size();
      partyIds.put(party, id);
    }
    return id;
  }

  private @Nullable Unit find(String party, String unit) {
    HashMap<String, Unit> ofParty = byParty.get(party);
    return ofParty == null ? null : ofParty.get(unit);
  }

  private static String planKey(String party, String movementId) {
    return party + "/" + movementId;
  }

  private @Nullable Plan planOf(Unit u) {
    return plans.get(planKey(u.party, u.unit));
  }

  /** Copies the unit's kinematic state into the flat array the pair evaluations read. */
  private void store(Unit u) {
    int i = u.slot * Cpa.STRIDE;
    state[i] = u.x;
    state[i + 1] = u.y;
    state[i + 2] = u.z;
    state[i + 3] = u.vx;
    state[i + 4] = u.vy;
    state[i + 5] = u.vz;
    state[i + 6] = u.millis;
    state[i + 7] = u.separation;
    state[i + 8] = u.h;
    state[i + 9] = u.vh;
    state[i + 10] = u.verticalSeparation;
  }

  private static double verticalSeparationOf(@Nullable Plan plan) {
    return plan == null
        ? Band.DEFAULT_VERTICAL_SEPARATION_METERS
        : plan.movement.verticalSeparationMeters();
  }

  private static double separationOf(Plan plan) {
    return plan.movement.separationMeters();
  }

  private void refreshSeparation(String party, String unitId) {
    Unit u = find(party, unitId);
    if (u != null) {
      refreshSeparation(u);
    }
  }

  /**
   * Sets a unit's plan separation and its reach in the grid: its plan's separation, else the
   * largest its party agreed with anyone (or the default).
   */
  private void refreshSeparation(Unit u) {
    Plan plan = planOf(u);
    u.plan = plan;
    planSeparation[u.slot] = plan == null ? Double.NaN : separationOf(plan);
    double separation = plan == null ? agreed.reach(u.partyId) : separationOf(plan);
    double vertical = verticalSeparationOf(plan);
    if (separation != u.separation || vertical != u.verticalSeparation) {
      u.separation = separation;
      u.verticalSeparation = vertical;
      store(u);
      if (u.indexed) {
        grid.reindex(u);
      }
      // With dead reckoning: the unit's next report is applied in full, re-evaluating its pairs
      // at the new separation, as without it.
      u.predicting = false;
    }
  }

  private static double seconds(Duration d) {
    return d.toMillis() * 1e-3;
  }

  private static Duration duration(double seconds) {
    return Pair.duration(seconds);
  }

  /** The grid, for tests. */
  CorridorGrid grid() {
    return grid;
  }

  /** The internal state of a unit, for tests. */
  @Nullable Unit unitState(String party, String unit) {
    return find(party, unit);
  }
}
