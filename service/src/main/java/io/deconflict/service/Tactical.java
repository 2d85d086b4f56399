package io.deconflict.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.live.Encounter;
import io.deconflict.engine.live.TacticalLevel;
import io.deconflict.service.Formations.Formation;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.AlertBook;
import io.deconflict.service.alert.Subject;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import io.deconflict.service.visibility.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Tactical alerts per pair of formations (design-decisions.md, D29): the engine's unit-pair
 * encounters between two formations, at least one of them not a lone unit, gathered under one
 * conflict ({@code formation-formation}) whose alerts carry the closest unit pair, the units
 * involved and the worst level. The conflict is raised with its first unit pair, updated as pairs
 * come and go and levels change, and resolved when its last pair ends. A conflict between two
 * movements is linked to the planned conflict of the same two movements, if there is one.
 *
 * <p>Deterministic: groups are visited in key order, and what is sent is computed from the live
 * tracker's current encounters only. Cost per call: O(groups) plus O(pairs) of the groups that
 * changed or are due for a refresh. Not thread-safe; owned by {@link Live}.
 */
final class Tactical {

  static final String KIND = "formation-formation";

  /** One pair of formations: its open unit pairs and its conflict. */
  private static final class Group {
    final String key;
    final Formation a;
    final Formation b;
    String conflictId = "";
    final TreeSet<String> encounters = new TreeSet<>();
    Instant sentAt = Instant.EPOCH;
    String endReason = "";
    boolean dirty;

    Group(String key, Formation a, Formation b) {
      this.key = key;
      this.a = a;
      this.b = b;
    }
  }

  private final Live live;
  private final Alerting alerts;
  private final TreeMap<String, Group> groups = new TreeMap<>();
  private final Map<String, String> groupOf = new HashMap<>();

  /**
   * Conflict id to the conflict it is linked with, both ways (planned and tactical). Kept for as
   * long as the service runs, also after the two leave memory ({@code retention.keep}), so an
   * archived alert answers with its link as before: two short strings per linked pair.
   */
  private final TreeMap<String, String> links = new TreeMap<>();

  Tactical(Live live, Alerting alerts) {
    this.live = live;
    this.alerts = alerts;
  }

  private Group group(String key) {
    Group g = groups.get(key);
    if (g == null) {
      throw new IllegalStateException("no formation pair " + key);
    }
    return g;
  }

  /** Whether the unit pair {@code encounterKey} is gathered here. */
  boolean has(String encounterKey) {
    return groupOf.containsKey(encounterKey);
  }

  /** Whether no unit pair is gathered here. */
  boolean isEmpty() {
    return groups.isEmpty();
  }

  /**
   * An encounter began or changed level; {@code a} and {@code b} are the formations of its units A
   * and B. Returns whether the unit pair is new here.
   */
  boolean changed(Encounter e, String encounterKey, Formation a, Formation b) {
    String key = groupOf.get(encounterKey);
    if (key != null) {
      group(key).dirty = true;
      return false;
    }
    Formation first = a.key().compareTo(b.key()) <= 0 ? a : b;
    Formation second = first == a ? b : a;
    key = first.key() + "|" + second.key();
    Group g = groups.computeIfAbsent(key, k -> new Group(k, first, second));
    g.encounters.add(encounterKey);
    g.dirty = true;
    groupOf.put(encounterKey, key);
    return true;
  }

  /** An encounter ended; returns whether it was gathered here. */
  boolean ended(String encounterKey, String why) {
    String key = groupOf.remove(encounterKey);
    if (key == null) {
      return false;
    }
    Group g = group(key);
    g.encounters.remove(encounterKey);
    g.endReason = why;
    g.dirty = true;
    return true;
  }

  /**
   * Tells what changed in this call, and refreshes groups whose newest report is {@link
   * Live#LIVE_REFRESH} past what was last sent.
   *
   * @param current the live tracker's open encounter under an {@code enc|A|B} key, or null
   */
  void flush(Function<String, @Nullable Encounter> current, Instant now, List<Fact> facts) {
    List<String> over = new ArrayList<>();
    for (Group g : groups.values()) {
      if (g.encounters.isEmpty()) {
        if (!g.conflictId.isEmpty()) {
          alerts.resolveAll(g.conflictId, g.endReason, now, facts);
        }
        over.add(g.key);
        continue;
      }
      List<Encounter> pairs = new ArrayList<>(g.encounters.size());
      for (String k : g.encounters) {
        Encounter e = current.apply(k);
        if (e != null) {
          pairs.add(e);
        }
      }
      if (pairs.isEmpty()) {
        continue;
      }
      Instant newest = pairs.stream().map(Encounter::time).max(Instant::compareTo).orElseThrow();
      boolean due = !newest.isBefore(g.sentAt.plus(Live.LIVE_REFRESH));
      if (g.conflictId.isEmpty()) {
        raise(g, pairs, newest, now, facts);
      } else if (g.dirty || due) {
        update(g, pairs, newest, now, facts);
      }
      g.dirty = false;
    }
    over.forEach(groups::remove);
  }

  private void raise(Group g, List<Encounter> pairs, Instant newest, Instant now, List<Fact> f) {
    Encounter closest = closest(pairs);
    Live.Situation s = live.situation(closest);
    boolean aIsA = closest.partyA().equals(g.a.party());
    ClosestApproach ca = s.closest();
    ClosestApproach ordered =
        aIsA ? ca : new ClosestApproach(ca.time(), ca.distanceMeters(), ca.b(), ca.a());
    Subject subject =
        new Subject(
            KIND,
            g.a.key(),
            g.b.key(),
            g.a.party(),
            g.b.party(),
            s.start(),
            s.end(),
            Optional.of(ordered));
    Optional<String> planned =
        g.a.kind() != Formations.Kind.MOVEMENT || g.b.kind() != Formations.Kind.MOVEMENT
            ? Optional.empty()
            : alerts.plannedConflict(g.a.key(), g.b.key(), ca.time());
    String conflictId = alerts.nextConflictId();
    planned.ifPresent(
        p -> {
          links.put(conflictId, p);
          links.put(p, conflictId);
        });
    g.conflictId = conflictId;
    g.sentAt = newest;
    List<AlertBook.Side> sides =
        List.of(
            new AlertBook.Side(
                g.a.party(),
                g.b.party(),
                g.a.id(),
                g.b.id(),
                ordered.a(),
                view(g, pairs, closest, true, now)),
            new AlertBook.Side(
                g.b.party(),
                g.a.party(),
                g.b.id(),
                g.a.id(),
                ordered.b(),
                view(g, pairs, closest, false, now)));
    String raised = alerts.raise(subject, sides, now, f);
    if (!raised.equals(conflictId)) {
      throw new IllegalStateException("conflict " + raised + " raised as " + conflictId);
    }
    planned.ifPresent(p -> tellLinked(p, conflictId, f));
  }

  /** Tells the recipients of a planned conflict's alerts that it is now tracked live. */
  private void tellLinked(String planned, String tactical, List<Fact> facts) {
    for (Alert alert : alerts.alertsOf(planned)) {
      Optional<Alert> mine =
          alerts.alertsOf(tactical).stream()
              .filter(t -> t.recipient().equals(alert.recipient()))
              .findFirst();
      if (mine.isEmpty()) {
        continue;
      }
      ObjectNode body = Json.object().put("alert", alert.id()).put("conflictId", planned);
      body.putObject("linked")
          .put("alert", mine.get().id())
          .put("conflictId", tactical)
          .put("kind", KIND);
      facts.add(
          new Fact(
              Deconfliction.ALERT_UPDATED,
              false,
              Deconfliction.SYSTEM,
              body,
              new Audience(Set.of(alert.recipient()), true)));
    }
  }

  private void update(Group g, List<Encounter> pairs, Instant newest, Instant now, List<Fact> f) {
    g.sentAt = newest;
    Encounter closest = closest(pairs);
    for (Alert alert : alerts.alertsOf(g.conflictId)) {
      ObjectNode view = view(g, pairs, closest, alert.recipient().equals(g.a.party()), now);
      live.show(alert, view); // kept as text: the fact may take the tree
      ObjectNode body = Json.object().put("alert", alert.id()).put("conflictId", g.conflictId);
      body.set("live", view);
      f.add(
          new Fact(
              Deconfliction.ALERT_UPDATED,
              false,
              Deconfliction.SYSTEM,
              body,
              new Audience(Set.of(alert.recipient()), true)));
    }
  }

  /**
   * The pair that comes closest, to the 0.1 m an alert shows; ties by the earlier closest approach,
   * then by key (the pairs come in key order).
   */
  private static Encounter closest(List<Encounter> pairs) {
    Encounter best = pairs.get(0);
    for (Encounter e : pairs) {
      int c =
          Long.compare(
              Math.round(e.distanceAtClosestMeters() * 10),
              Math.round(best.distanceAtClosestMeters() * 10));
      if (c == 0) {
        c = e.timeToClosest().compareTo(best.timeToClosest());
      }
      if (c < 0) {
        best = e;
      }
    }
    return best;
  }

  /**
   * The live situation of a group as the recipient on side {@code sideA} of it may see it: the
   * closest pair's situation, the worst level, and the units involved: its own by id, the other
   * side's by id only where that side shares {@code positions} (as {@code other.item}), else only
   * how many.
   */
  private ObjectNode view(
      Group g, List<Encounter> pairs, Encounter closest, boolean sideA, Instant now) {
    Formation own = sideA ? g.a : g.b;
    Formation other = sideA ? g.b : g.a;
    Sharing shared = live.shared(own.party(), other.party(), now);
    Visibility.AlertView shown = Visibility.alert(shared);
    boolean closestOwnIsA = closest.partyA().equals(own.party());
    ObjectNode v = Live.encounterView(closest, closestOwnIsA, shared);
    TacticalLevel worst = TacticalLevel.NONE;
    TreeSet<String> ownUnits = new TreeSet<>();
    TreeSet<String> otherUnits = new TreeSet<>();
    for (Encounter e : pairs) {
      worst = e.level().above(worst) ? e.level() : worst;
      boolean ownIsA = e.partyA().equals(own.party());
      ownUnits.add(ownIsA ? e.unitA() : e.unitB());
      otherUnits.add(ownIsA ? e.unitB() : e.unitA());
    }
    v.put("level", worst.name().toLowerCase(Locale.ROOT));
    ClosestApproach ca = live.situation(closest).closest();
    ObjectNode c = v.putObject("closest");
    c.put("time", ca.time().toString());
    c.put("distanceMeters", Math.round(ca.distanceMeters() * 10) / 10.0);
    c.set("own", Json.point(closestOwnIsA ? ca.a() : ca.b()));
    if (shown.closestPosition()) {
      c.set("other", Json.point(closestOwnIsA ? ca.b() : ca.a()));
    }
    ObjectNode pair = v.putObject("closestPair");
    pair.put("own", closestOwnIsA ? closest.unitA() : closest.unitB());
    if (shown.item()) {
      pair.put("other", closestOwnIsA ? closest.unitB() : closest.unitA());
    }
    v.put("unitPairs", pairs.size());
    ArrayNode mine = v.putArray("ownUnits");
    ownUnits.forEach(mine::add);
    if (shown.item()) {
      ArrayNode theirs = v.putArray("otherUnits");
      otherUnits.forEach(theirs::add);
    }
    v.put("otherUnitCount", otherUnits.size());
    return v;
  }

  /** The conflict linked with this one (a planned conflict and its tactical one), if any. */
  Optional<String> linkOf(String conflictId) {
    return Optional.ofNullable(links.get(conflictId));
  }

  void writeTo(StateOut out) {
    out.int32(groups.size());
    for (Group g : groups.values()) {
      writeFormation(g.a, out);
      writeFormation(g.b, out);
      out.text(g.conflictId).instant(g.sentAt).int32(g.encounters.size());
      g.encounters.forEach(out::text);
    }
    out.int32(links.size());
    links.forEach((k, v) -> out.text(k).text(v));
  }

  void readFrom(StateIn in) {
    int n = in.count();
    for (int i = 0; i < n; i++) {
      Formation a = readFormation(in);
      Formation b = readFormation(in);
      Group g = new Group(a.key() + "|" + b.key(), a, b);
      g.conflictId = in.text();
      g.sentAt = in.instant();
      int pairs = in.count();
      for (int k = 0; k < pairs; k++) {
        String enc = in.text();
        g.encounters.add(enc);
        groupOf.put(enc, g.key);
      }
      groups.put(g.key, g);
    }
    n = in.count();
    for (int i = 0; i < n; i++) {
      links.put(in.text(), in.text());
    }
  }

  private static void writeFormation(Formation f, StateOut out) {
    out.text(f.party()).text(f.id()).constant(f.kind());
  }

  private static Formation readFormation(StateIn in) {
    return Formation.of(in.text(), in.text(), in.constant(Formations.Kind.class));
  }
}
