package io.deconflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.live.Access;
import io.deconflict.engine.live.Encounter;
import io.deconflict.engine.live.LiveEvent;
import io.deconflict.engine.live.LiveSettings;
import io.deconflict.engine.live.LiveTracker;
import io.deconflict.engine.live.PositionReport;
import io.deconflict.engine.live.Track;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.alert.AlertBook;
import io.deconflict.service.alert.Subject;
import io.deconflict.service.command.Decimal;
import io.deconflict.service.command.ReportPositions;
import io.deconflict.service.notification.Notified;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import io.deconflict.service.snapshot.TrackerCodec;
import io.deconflict.service.view.TrackView;
import io.deconflict.service.visibility.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.jspecify.annotations.Nullable;

/**
 * Live tracks inside the state machine: position reports go to the engine's {@link LiveTracker},
 * and what it finds (two units closing, a unit off its plan, a unit inside another party's zone or
 * site) becomes alerts on the same acknowledge-and-escalate path as planned conflicts.
 *
 * <p>Not thread-safe; owned by {@link Deconfliction}.
 */
final class Live {

  /** How far ahead of the service's clock a report's time may be. */
  static final Duration MAX_FUTURE = Duration.ofSeconds(60);

  /** How often the service looks for tracks gone stale while encounters are open. */
  static final Duration STALE_CHECK = Duration.ofSeconds(30);

  /** Shortest wait between two checks for level changes come due (dead reckoning). */
  static final Duration DUE_CHECK = Duration.ofSeconds(1);

  /**
   * How much report time passes before an open encounter's live situation is sent again when its
   * level has not changed (a level change is sent at once).
   */
  static final Duration LIVE_REFRESH = Duration.ofSeconds(10);

  private final Alerting alerts;
  private final Visibility visibility;
  private final Directory directory;
  private LiveTracker tracker;
  private final Map<String, String> conflictOf = new HashMap<>();

  /** Per open encounter's conflict: the encounter time its live situation was last sent for. */
  private final Map<String, Instant> liveSentAt = new HashMap<>();

  /** When each of those is due again, for batches under dead reckoning (derived, not written). */
  private final LiveRefreshes refreshes = new LiveRefreshes();

  /** Walk every open encounter on every batch, as before {@link LiveRefreshes}: the reference. */
  private boolean walkEveryEncounter;

  private int openEncounters;
  private Instant lastCheck = Instant.EPOCH;

  /**
   * Whether encounters that open from now on are told per pair of formations (D29), else per pair
   * of units: the journaled settings' ({@link io.deconflict.service.OutcomeSettings#formations}).
   */
  private boolean formationRules;

  private final Formations formations;
  private final Tactical tactical;

  Live(
      Alerting alerts,
      Visibility visibility,
      Directory directory,
      LiveSettings settings,
      boolean formationRules,
      Predicate<String> movement,
      BiPredicate<String, String> takesPartIn) {
    this.alerts = alerts;
    this.visibility = visibility;
    this.directory = directory;
    this.tracker = new LiveTracker(settings);
    this.formationRules = formationRules;
    this.formations = new Formations(movement, takesPartIn);
    this.tactical = new Tactical(this, alerts);
  }

  /**
   * Writes which formation units reported under and the open formation pairs: a section of its own
   * ({@code formations}), written only under the rules of D29.
   */
  void writeFormationsTo(StateOut out) {
    formations.writeTo(out);
    tactical.writeTo(out);
  }

  /** Reads what {@link #writeFormationsTo} wrote, after {@link #readFrom}. */
  void readFormationsFrom(StateIn in) {
    formations.readFrom(in);
    tactical.readFrom(in);
  }

  /** The conflict linked with this one (a planned conflict and its tactical one), if any. */
  Optional<String> linkOf(String conflictId) {
    return tactical.linkOf(conflictId); // none without formations
  }

  /** The formations: declared groups, and which movement units report under. */
  Formations formations() {
    return formations;
  }

  /** A movement was cancelled: units reporting under it are in no formation any more. */
  void cancelled(String party, String movementId) {
    formations.cancelled(party, movementId);
  }

  /**
   * Writes what live tracking holds: which conflict each open encounter, non-conformance and
   * incursion is under, when each encounter's situation was last sent, and the tracker's state.
   */
  void writeTo(StateOut out) {
    writeMap(conflictOf, out, (v, o) -> o.text(v));
    writeMap(liveSentAt, out, (v, o) -> o.instant(v));
    out.int32(openEncounters).instant(lastCheck);
    TrackerCodec.write(tracker.state(), out);
  }

  /**
   * Reads what {@link #writeTo} wrote into this empty live state; the owner then hands the tracker
   * its movements, zones and sites again ({@link #notified}).
   *
   * @param vertical whether the tracker's units have heights (snapshot format 6 on)
   * @throws MalformedStateException if it is not what {@link #writeTo} writes
   */
  void readFrom(StateIn in, boolean vertical) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      conflictOf.put(in.text(), in.text());
    }
    n = in.count();
    for (int i = 0; i < n; i++) {
      liveSentAt.put(in.text(), in.instant());
    }
    refreshes.clear();
    for (Map.Entry<String, String> e : conflictOf.entrySet()) {
      Instant sent = liveSentAt.get(e.getValue());
      if (sent != null && e.getKey().startsWith("enc|")) {
        refreshes.sent(e.getValue(), e.getKey(), sent);
      }
    }
    openEncounters = in.int32();
    lastCheck = in.instant();
    try {
      tracker = LiveTracker.restore(tracker.settings(), TrackerCodec.read(in, vertical));
    } catch (IllegalArgumentException e) {
      throw in.malformed("the live tracker's state: " + e.getMessage());
    }
  }

  private static <V> void writeMap(
      Map<String, V> map, StateOut out, java.util.function.BiConsumer<V, StateOut> value) {
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(null);
    out.int32(keys.size());
    for (String key : keys) {
      out.text(key);
      value.accept(map.get(key), out);
    }
  }

  /** Applies other dead reckoning from now on ({@link LiveTracker#reckon}). */
  void reckon(LiveSettings.DeadReckoning reckoning) {
    tracker.reckon(reckoning);
  }

  /**
   * Tells encounters that open from now on per pair of formations, or per pair of units. What is
   * open stays as it was told until it ends: a unit pair's alert goes on as one, and a formation
   * pair's goes on as one (with its links), so a change never tells an encounter twice.
   */
  void formationRules(boolean on) {
    formationRules = on;
  }

  /** The engine's tracker (for reads). */
  LiveTracker tracker() {
    return tracker;
  }

  /** Parses and checks a batch of reports; throws before anything changes. */
  List<PositionReport> parse(Member member, ReportPositions command, Instant now) {
    List<PositionReport> out = new ArrayList<>(command.reports().size());
    for (int i = 0; i < command.reports().size(); i++) {
      String at = "/reports/" + i;
      ReportPositions.Report r = command.reports().get(i);
      Instant time = r.time().value();
      if (time.isAfter(now.plus(MAX_FUTURE))) {
        throw ServiceException.invalid(
            at + "/time",
            at
                + "/time "
                + time
                + " is "
                + Duration.between(now, time).toSeconds()
                + " s ahead of the service's clock ("
                + now
                + "); the limit is "
                + MAX_FUTURE.toSeconds()
                + " s");
      }
      try {
        out.add(
            new PositionReport(
                r.unit(),
                member.party(),
                time,
                r.lon().value(),
                r.lat().value(),
                r.course().map(Decimal::value).orElse(Double.NaN),
                r.speed().map(Decimal::value).orElse(Double.NaN),
                r.accuracy().map(Decimal::value).orElse(Double.NaN),
                r.hae().map(Decimal::value).orElse(Double.NaN)));
      } catch (IllegalArgumentException e) {
        throw ServiceException.invalid(at, at + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Applies checked reports; returns how many were new, and adds the facts they caused. {@code
   * command} names the movement each report's unit reports under, if any (checked by the caller).
   */
  int apply(ReportPositions command, List<PositionReport> reports, Instant now, List<Fact> facts) {
    // which movement each unit reports under is kept whatever the rules: formations switched on
    // later group the units that reported before
    for (ReportPositions.Report r : command.reports()) {
      r.movement().ifPresent(m -> formations.reports(reports.get(0).party(), r.unit(), m));
    }
    long before = tracker.applied();
    List<LiveEvent> events = tracker.report(reports);
    int applied = (int) (tracker.applied() - before);
    handle(events, now, facts);
    refreshLive(now, facts);
    return applied;
  }

  /**
   * Sends the live situation of open encounters again once {@link #LIVE_REFRESH} of report time has
   * passed since it was last sent: the distance and time to the closest approach change with every
   * report, not only the level. Deterministic: it counts report time, not the clock.
   */
  private void refreshLive(Instant now, List<Fact> facts) {
    if (openEncounters == 0 && tactical.isEmpty()) {
      return;
    }
    // With dead reckoning an encounter keeps the numbers of its last evaluation while the
    // reports agree with the predictions: the refresh then gives the predicted situation at the
    // newest report time.
    Instant reported = tracker.reckoning() ? tracker.now().orElse(now) : null;
    List<Encounter> current;
    if (reported != null && !walkEveryEncounter) {
      // under dead reckoning a situation is due by report time alone: only those due are looked at
      current = refreshes.due(reported, liveSentAt, tracker);
      flushTactical(this::currentEncounter, now, facts);
    } else {
      current = tracker.encounters();
      flushTactical(byKey(current)::get, now, facts);
    }
    for (Encounter e : current) {
      String conflictId = conflictOf.get("enc|" + e.keyA() + "|" + e.keyB());
      Instant last = conflictId == null ? null : liveSentAt.get(conflictId);
      Instant at = reported == null || reported.isBefore(e.time()) ? e.time() : reported;
      if (conflictId != null && (last == null || !at.isBefore(last.plus(LIVE_REFRESH)))) {
        Encounter situation =
            at.equals(e.time())
                ? e
                : tracker.situation(e.partyA(), e.unitA(), e.partyB(), e.unitB(), at).orElse(e);
        updateLive(conflictId, situation, now, facts);
      }
    }
  }

  /**
   * Looks at every open encounter on every batch (the walk {@link LiveRefreshes} replaced under
   * dead reckoning), so that a test can check the two give the same facts.
   */
  void walkEveryEncounter(boolean on) {
    walkEveryEncounter = on;
  }

  /** Ends encounters of tracks gone stale. */
  void tick(Instant now, List<Fact> facts) {
    lastCheck = now;
    if (tracker.units() > 0) {
      handle(tracker.tick(now), now, facts);
      if (!tactical.isEmpty()) {
        flushTactical(this::currentEncounter, now, facts);
      }
    }
  }

  /** Tells what changed of the formation pairs ({@link Tactical#flush}), if there are any. */
  private void flushTactical(
      java.util.function.Function<String, @Nullable Encounter> current,
      Instant now,
      List<Fact> facts) {
    if (!tactical.isEmpty()) {
      tactical.flush(current, now, facts);
    }
  }

  private static Map<String, Encounter> byKey(List<Encounter> encounters) {
    Map<String, Encounter> byKey = new HashMap<>();
    for (Encounter e : encounters) {
      byKey.put("enc|" + e.keyA() + "|" + e.keyB(), e);
    }
    return byKey;
  }

  /** The tracker's current encounter under a key {@code enc|partyA/unitA|partyB/unitB}, if any. */
  private @Nullable Encounter currentEncounter(String key) {
    return LiveRefreshes.Units.of(key).encounter(tracker).orElse(null);
  }

  /**
   * Forgets units silent since before {@code before} that take part in nothing ({@link
   * LiveTracker#forget}); their alerts, if any, are already resolved.
   */
  int forget(Instant before) {
    int forgotten = tracker.forget(before);
    if (forgotten > 0) {
      formations.retain(
          unit -> {
            int slash = unit.indexOf('/');
            return tracker.track(unit.substring(0, slash), unit.substring(slash + 1)).isPresent();
          });
    }
    return forgotten;
  }

  /**
   * When the service should next look for stale tracks, if any encounter is open, or tell a level
   * change that comes due with dead reckoning (at most once per {@link #DUE_CHECK}).
   */
  Optional<Instant> nextCheck(Instant latest) {
    Optional<Instant> due = tracker.nextDue();
    if (openEncounters == 0 && due.isEmpty()) {
      return Optional.empty();
    }
    Instant base = lastCheck.isAfter(latest) ? lastCheck : latest;
    Instant check = openEncounters == 0 ? Instant.MAX : base.plus(STALE_CHECK);
    if (due.isPresent()) {
      Instant soonest = base.plus(DUE_CHECK);
      Instant d = due.get().isBefore(soonest) ? soonest : due.get();
      check = d.isBefore(check) ? d : check;
    }
    return Optional.of(check);
  }

  /** Keeps the tracker's plans, zones and sites in step with the notified items. */
  void notified(Notified n, String engineId) {
    if (n.item() instanceof Movement m) {
      tracker.plan(
          new Movement(
              n.id(),
              m.party(),
              m.waypoints(),
              m.separationMeters(),
              m.bands(),
              m.verticalSeparationMeters()));
    } else if (n.item() instanceof Site s) {
      tracker.site(s);
    } else if (n.item() instanceof Zone z) {
      tracker.zone(engineId, z, access(n.feature()));
    }
  }

  /**
   * Sets the separation two parties agreed, over time, for their units that follow no movement
   * ({@link LiveTracker#agreedSeparation}).
   */
  void agreedSeparation(String partyA, String partyB, NavigableMap<Instant, Double> steps) {
    tracker.agreedSeparation(partyA, partyB, steps);
  }

  /** Forgets a cancelled item. */
  void removed(Notified n, String engineId) {
    if (n.kind().equals("movement")) {
      tracker.unplan(n.party(), n.id());
    } else {
      tracker.remove(engineId);
    }
  }

  /** A zone's access rule from {@code properties.access}; checked by {@link #checkAccess}. */
  static Access access(JsonNode feature) {
    String text = feature.path("properties").path("access").asText("notice");
    return Access.valueOf(text.toUpperCase(Locale.ROOT));
  }

  /** Throws unless a zone's {@code properties.access} is absent or valid. */
  static void checkAccess(JsonNode feature) {
    JsonNode access = feature.path("properties").path("access");
    if (access.isMissingNode()) {
      return;
    }
    if (!access.isTextual() || !List.of("open", "notice", "forbidden").contains(access.asText())) {
      throw ServiceException.invalid(
          "/feature/properties/access",
          "/feature/properties/access must be \"open\", \"notice\" or \"forbidden\", got "
              + access);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void handle(List<LiveEvent> events, Instant now, List<Fact> facts) {
    for (LiveEvent event : events) {
      if (event instanceof LiveEvent.EncounterChanged changed) {
        encounter(changed.encounter(), now, facts);
      } else if (event instanceof LiveEvent.EncounterEnded ended) {
        String key =
            "enc|"
                + ended.partyA()
                + "/"
                + ended.unitA()
                + "|"
                + ended.partyB()
                + "/"
                + ended.unitB();
        String conflictId = conflictOf.remove(key);
        if (conflictId != null) {
          openEncounters--;
          liveSentAt.remove(conflictId);
          alerts.resolveAll(
              conflictId,
              ended.reason().equals("stale")
                  ? "a track went stale"
                  : "the units are clear of each other",
              now,
              facts);
        } else if (tactical.ended(
            key,
            ended.reason().equals("stale")
                ? "a track went stale"
                : "the formations are clear of each other")) {
          openEncounters--;
        }
      } else if (event instanceof LiveEvent.ConformanceChanged c) {
        conformance(c, now, facts);
      } else if (event instanceof LiveEvent.IncursionChanged i) {
        incursion(i, now, facts);
      }
    }
  }

  /**
   * What an encounter predicts, each unit moving on at its reported course and speed.
   *
   * @param start the predicted loss of separation (or the closest approach, if it is not lost)
   * @param end the predicted end of the loss, at least a second after {@code start}
   * @param closest the closest approach: when, how far, where unit A and unit B will be
   */
  record Situation(Instant start, Instant end, ClosestApproach closest) {}

  /** What an encounter predicts now. */
  Situation situation(Encounter e) {
    Instant start = e.time().plus(e.timeToLoss().orElse(e.timeToClosest()));
    Duration inside = e.timeToClosest().minus(e.timeToLoss().orElse(e.timeToClosest()));
    Instant end =
        e.time().plus(e.timeToClosest()).plus(inside.isNegative() ? Duration.ZERO : inside);
    if (!end.isAfter(start)) {
      end = start.plusSeconds(1);
    }
    // where each unit will be at the closest approach: where its party must look
    Instant closestAt = e.time().plus(e.timeToClosest());
    GeoPoint closestA = ahead(e.partyA(), e.unitA(), e.positionA(), e.timeToClosest());
    GeoPoint closestB = ahead(e.partyB(), e.unitB(), e.positionB(), e.timeToClosest());
    return new Situation(
        start,
        end,
        new ClosestApproach(closestAt, e.distanceAtClosestMeters(), closestA, closestB));
  }

  private void encounter(Encounter e, Instant now, List<Fact> facts) {
    String keyA = e.partyA() + "/" + e.unitA();
    String keyB = e.partyB() + "/" + e.unitB();
    String key = "enc|" + keyA + "|" + keyB;
    String conflictId = conflictOf.get(key);
    if (conflictId == null
        && !tactical.has(key)
        && formations
            .of(e.partyA(), e.unitA())
            .sameJointMovement(formations.of(e.partyB(), e.unitB()))) {
      return; // two units of one joint movement never conflict (D39)
    }
    if (conflictId == null && (formationRules || tactical.has(key))) {
      Formations.Formation a = formations.of(e.partyA(), e.unitA());
      Formations.Formation b = formations.of(e.partyB(), e.unitB());
      if (tactical.has(key) || !(a.lone() && b.lone())) {
        if (tactical.changed(e, key, a, b)) {
          openEncounters++;
        }
        return;
      }
    }
    if (conflictId == null) {
      Situation s = situation(e);
      GeoPoint closestA = s.closest().a();
      GeoPoint closestB = s.closest().b();
      Subject subject =
          new Subject(
              "unit-unit",
              keyA,
              keyB,
              e.partyA(),
              e.partyB(),
              s.start(),
              s.end(),
              Optional.of(s.closest()));
      conflictId =
          alerts.raise(
              subject,
              List.of(
                  new AlertBook.Side(
                      e.partyA(),
                      e.partyB(),
                      e.unitA(),
                      e.unitB(),
                      closestA,
                      encounterView(e, true, shared(e.partyA(), e.partyB(), now))),
                  new AlertBook.Side(
                      e.partyB(),
                      e.partyA(),
                      e.unitB(),
                      e.unitA(),
                      closestB,
                      encounterView(e, false, shared(e.partyB(), e.partyA(), now)))),
              now,
              facts);
      conflictOf.put(key, conflictId);
      sent(conflictId, e);
      openEncounters++;
      return;
    }
    updateLive(conflictId, e, now, facts);
  }

  /**
   * Replaces an alert's live situation: only live tracking does (ServiceShapeTest), for its
   * formation pairs ({@link Tactical}) too.
   */
  void show(io.deconflict.service.alert.Alert alert, ObjectNode view) {
    alert.live(view);
  }

  /** Notes that the situation of encounter {@code e} was sent now under its conflict. */
  private void sent(String conflictId, Encounter e) {
    liveSentAt.put(conflictId, e.time());
    refreshes.sent(conflictId, e, e.time());
  }

  /** Sends both alerts of an encounter's conflict its live situation now. */
  private void updateLive(String conflictId, Encounter e, Instant now, List<Fact> facts) {
    sent(conflictId, e);
    for (io.deconflict.service.alert.Alert alert : alerts.alertsOf(conflictId)) {
      boolean sideA = alert.recipient().equals(e.partyA());
      ObjectNode view = encounterView(e, sideA, shared(alert.recipient(), alert.otherParty(), now));
      alert.live(view); // kept as text: the fact may take the tree
      ObjectNode body = Json.object().put("alert", alert.id()).put("conflictId", conflictId);
      body.set("live", view);
      facts.add(
          new Fact(
              Deconfliction.ALERT_UPDATED,
              false,
              Deconfliction.SYSTEM,
              body,
              new Audience(java.util.Set.of(alert.recipient()), true)));
    }
  }

  /**
   * Where a unit will be after {@code dt} at its reported velocity: from {@code at}, along the
   * geodesic of its course. (The tracker finds the time of the closest approach in a tangent plane;
   * this is the point on the ellipsoid the unit reaches by then.)
   */
  private GeoPoint ahead(String party, String unit, GeoPoint at, Duration dt) {
    Optional<Track> t = tracker.track(party, unit);
    double meters = t.map(Track::speedMps).orElse(0.0) * (dt.toMillis() / 1000.0);
    if (t.isEmpty() || !(meters > 0)) {
      return at;
    }
    GeodesicData d = Geodesic.WGS84.Direct(at.lat(), at.lon(), t.get().courseDegrees(), meters);
    double lon = Math.IEEEremainder(d.lon2, 360);
    return GeoPoint.of(lon == -180 ? 180 : lon, d.lat2);
  }

  /** What the recipient's counterpart shares with it in an alert. */
  Sharing shared(String recipient, String other, Instant now) {
    return visibility.sharing(recipient, other, Visibility.Of.ALERT, now);
  }

  static ObjectNode encounterView(Encounter e, boolean sideA, Sharing shared) {
    ObjectNode v = Json.object();
    v.put("level", e.level().name().toLowerCase(Locale.ROOT));
    v.put("at", e.time().toString());
    v.put("separationMeters", e.separationMeters());
    v.put("distanceNowMeters", round(e.distanceNowMeters()));
    v.put("timeToClosestSeconds", e.timeToClosest().toMillis() / 1000.0);
    v.put("distanceAtClosestMeters", round(e.distanceAtClosestMeters()));
    e.timeToLoss().ifPresent(t -> v.put("timeToLossSeconds", t.toMillis() / 1000.0));
    v.set("ownPosition", Json.point(sideA ? e.positionA() : e.positionB()));
    if (Visibility.alert(shared).livePosition()) {
      v.set("otherPosition", Json.point(sideA ? e.positionB() : e.positionA()));
    }
    return v;
  }

  private static double round(double meters) {
    return Math.round(meters * 10) / 10.0;
  }

  private void conformance(LiveEvent.ConformanceChanged c, Instant now, List<Fact> facts) {
    String key = "conf|" + c.party() + "/" + c.unit();
    if (c.conforming()) {
      String conflictId = conflictOf.remove(key);
      if (conflictId != null) {
        alerts.resolveAll(conflictId, "back in conformance with its notified plan", now, facts);
      }
      return;
    }
    if (conflictOf.containsKey(key)) {
      return;
    }
    GeoPoint position =
        tracker.track(c.party(), c.unit()).map(Track::position).orElse(GeoPoint.of(0, 0));
    ObjectNode live = Json.object();
    live.put("movement", c.movement());
    live.put("offTrackMeters", round(c.offTrackMeters()));
    live.put("earlySeconds", c.early().toMillis() / 1000.0);
    live.put("reason", c.reason());
    live.set("position", Json.point(position));
    List<AlertBook.Side> sides = new ArrayList<>();
    sides.add(new AlertBook.Side(c.party(), c.party(), c.unit(), "", position, live));
    for (Party other : directory.parties()) {
      if (other.id().equals(c.party())) {
        continue;
      }
      // the others hear of it as far as the unit's party shares its positions with them
      if (Visibility.track(visibility.sharing(other.id(), c.party(), Visibility.Of.TRACK, now))) {
        sides.add(new AlertBook.Side(other.id(), c.party(), "", c.unit(), position, live));
      }
    }
    Subject subject =
        new Subject(
            "non-conformance",
            c.party() + "/" + c.unit(),
            "",
            c.party(),
            c.party(),
            c.time(),
            c.time().plusSeconds(1),
            Optional.empty());
    conflictOf.put(key, alerts.raise(subject, sides, now, facts));
  }

  private void incursion(LiveEvent.IncursionChanged i, Instant now, List<Fact> facts) {
    String key = "inc|" + i.party() + "/" + i.unit() + "|" + i.itemId();
    if (!i.inside()) {
      String conflictId = conflictOf.remove(key);
      if (conflictId != null) {
        alerts.resolveAll(conflictId, "the unit left the " + i.itemKind(), now, facts);
      }
      return;
    }
    if (conflictOf.containsKey(key)) {
      return;
    }
    GeoPoint position =
        tracker.track(i.party(), i.unit()).map(Track::position).orElse(GeoPoint.of(0, 0));
    String item = Notified.clientId(i.itemId());
    ObjectNode live = Json.object();
    live.put("level", i.level().name().toLowerCase(Locale.ROOT));
    live.put("itemKind", i.itemKind());
    live.set("position", Json.point(position));
    Subject subject =
        new Subject(
            "incursion",
            i.party() + "/" + i.unit(),
            i.itemId(),
            i.party(),
            i.itemParty(),
            i.time(),
            i.time().plusSeconds(1),
            Optional.empty());
    conflictOf.put(
        key,
        alerts.raise(
            subject,
            List.of(
                new AlertBook.Side(i.party(), i.itemParty(), i.unit(), item, position, live),
                new AlertBook.Side(i.itemParty(), i.party(), item, i.unit(), position, live)),
            now,
            facts));
  }

  // ---------------------------------------------------------------------------------------------
  // reads

  /** The tracks the viewer may see: its own, and others' where their party shares positions. */
  List<TrackView> tracks(Member viewer, boolean ownOnly, Instant now) {
    List<TrackView> out = new ArrayList<>();
    for (Track t : tracker.tracks()) {
      boolean own = t.party().equals(viewer.party());
      if (ownOnly && !own) {
        continue;
      }
      if (!own
          && !Visibility.track(visibility.sharing(viewer, t.party(), Visibility.Of.TRACK, now))) {
        continue;
      }
      out.add(
          new TrackView(
              t.unit(),
              t.party(),
              t.time(),
              t.position(),
              round(t.speedMps()),
              round(t.courseDegrees()),
              t.stale(now)));
    }
    return out;
  }
}
