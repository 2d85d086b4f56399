package io.deconflict.service.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The notifications of the week per notifying party, and the late notices flagged. A party's own
 * notifications come from its {@code item.notify} and {@code item.cancel} facts (told to it alone);
 * another party's, and the operators' view of every party's, from the {@code notice.late} facts the
 * viewer was told: those parties' entries count late notices only ({@code "from": "late-notices"}).
 * A notice is late for this agreement when it was late (the service's verdict) and shorter than
 * this agreement's {@code minimumNotice} (or {@code emergencyNotice}) in force when it was given.
 */
final class NoticeTally {

  private static final class Counts {
    int total;
    int onTime;
    int late;
    int emergency;
    int revised;
    int cancelled;
    boolean ownNotifications;
  }

  private final Scope scope;
  private final Map<String, Counts> byParty = new TreeMap<>();
  private final List<Flag> flags = new ArrayList<>();

  /** A late own notification's flag, by party/item/time, waiting for its notice.late record. */
  private final Map<String, Integer> pending = new HashMap<>();

  NoticeTally(Scope scope) {
    this.scope = scope;
  }

  /** An own {@code item.notify} told to {@code party} alone. */
  void notified(Event e, String party, Ref ref) {
    if (!scope.inWeek(e.time()) || !scope.isParty(party)) {
      return;
    }
    ObjectNode b = e.body();
    JsonNode r = b.path("result");
    JsonNode feature = b.path("feature");
    String kind =
        b.hasNonNull("kind")
            ? b.path("kind").asText()
            : feature.path("properties").path("kind").asText();
    String id = r.path("id").asText();
    boolean emergency = b.path("emergency").asBoolean(false);
    Counts c = counts(party);
    c.ownNotifications = true;
    c.total++;
    if (r.path("version").asInt(1) > 1) {
      c.revised++;
    }
    JsonNode times = feature.path("properties").path("times");
    boolean late = false;
    if (kind.equals("movement") && r.path("late").asBoolean(false) && times.size() > 0) {
      Instant start = Instant.parse(times.get(0).asText());
      Optional<Flag> flag = late(party, "movement " + id, start, e.time(), emergency, ref);
      if (flag.isPresent()) {
        late = true;
        pending.put(party + "/" + id + "@" + e.time(), flags.size());
        flags.add(flag.get());
      }
    }
    if (late) {
      c.late++;
    } else if (emergency) {
      c.emergency++;
    } else {
      c.onTime++;
    }
  }

  /** An own {@code item.cancel}. */
  void cancelled(Event e, String party) {
    if (scope.inWeek(e.time()) && scope.isParty(party)) {
      Counts c = counts(party);
      c.ownNotifications = true;
      c.cancelled++;
    }
  }

  /** A {@code notice.late} fact told to the viewer. */
  void noticeLate(Event e, boolean operators, Ref ref) {
    ObjectNode b = e.body();
    if (!scope.inWeek(e.time()) || !b.hasNonNull("party")) {
      return; // a party that shares less than conflicts is not named: nothing to attribute
    }
    String party = b.path("party").asText();
    String item = b.path("item").asText("");
    Instant notifiedAt = Instant.parse(b.path("notifiedAt").asText());
    if (!b.hasNonNull("recipient") && !operators) {
      // the notifier's own copy: its item.notify was counted; this record proves it too
      Integer at = pending.remove(party + "/" + item + "@" + notifiedAt);
      if (at != null) {
        Flag f = flags.get(at);
        List<Ref> refs = new ArrayList<>(f.records());
        refs.add(ref);
        flags.set(at, new Flag(f.rule(), f.party(), f.subject(), f.detail(), f.at(), refs));
      }
      return;
    }
    if (!scope.isParty(party)
        || (b.hasNonNull("recipient") && !scope.isParty(b.path("recipient").asText()))) {
      return;
    }
    Instant start = Instant.parse(b.path("start").asText());
    String subject = item.isEmpty() ? "a movement of " + party : "movement " + item;
    Optional<Flag> flag =
        late(party, subject, start, notifiedAt, b.path("emergency").asBoolean(false), ref);
    if (flag.isPresent()) {
      flags.add(flag.get());
      Counts c = counts(party);
      c.total++;
      c.late++;
    }
  }

  /** The flag of a notice shorter than this agreement required when it was given, if it was. */
  private Optional<Flag> late(
      String party, String subject, Instant start, Instant notifiedAt, boolean emergency, Ref ref) {
    Optional<Scope.Version> terms = scope.inForce(notifiedAt);
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    Duration need = terms.get().notice(emergency);
    Duration notice = Duration.between(notifiedAt, start);
    if (notice.compareTo(need) >= 0) {
      return Optional.empty();
    }
    String detail =
        (emergency ? "emergency " : "")
            + "notified "
            + notifiedAt
            + ", "
            + Flag.human(notice)
            + " before its first waypoint ("
            + start
            + "); agreement "
            + scope.agreement
            + " version "
            + terms.get().version()
            + " requires "
            + Flag.human(need)
            + (emergency ? " for an emergency" : "");
    return Optional.of(
        new Flag(
            "late-notice", party, subject, detail, notifiedAt, List.of(terms.get().ref(), ref)));
  }

  private Counts counts(String party) {
    return byParty.computeIfAbsent(party, p -> new Counts());
  }

  List<Flag> flags() {
    return flags;
  }

  ObjectNode toJson() {
    ObjectNode out = Json.object();
    ObjectNode by = out.putObject("byParty");
    byParty.forEach(
        (party, c) ->
            by.putObject(party)
                .put("total", c.total)
                .put("onTime", c.onTime)
                .put("late", c.late)
                .put("emergency", c.emergency)
                .put("revised", c.revised)
                .put("cancelled", c.cancelled)
                .put("from", c.ownNotifications ? "notifications" : "late-notices"));
    return out;
  }
}
