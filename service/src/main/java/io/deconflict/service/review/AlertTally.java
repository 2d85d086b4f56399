package io.deconflict.service.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The alerts the viewer was told of between two parties of the agreement, and what became of them
 * by the end of the week: the conflicts they were about (lead time: the conflict's start minus its
 * first alert), acknowledgement times and the highest level reached per recipient party, the
 * escalations and overdue alerts of the week, and the alerts unacknowledged past the ladder
 * flagged. An alert concerns the agreement when its recipient and the other party it names are
 * parties of it; an alert that does not name the other party (it shares nothing) is left out.
 */
final class AlertTally {

  /** The kinds of alert about two parties' plans; the others are tactical (live tracks). */
  private static final Set<String> STRATEGIC =
      Set.of("movement-movement", "movement-site", "movement-zone");

  /** An alert as far as the viewer was told. */
  private static final class Seen {
    final String id;
    final String conflictId;
    final String recipient;
    final String other;
    final String kind;
    final Instant raisedAt;
    final boolean inWeek;

    /** The alert as raised, kept for the alerts raised in the week only (memory). */
    final @Nullable ObjectNode raised;

    final List<Ref> refs = new ArrayList<>();
    int level;
    @Nullable Instant ackAt;
    @Nullable Instant level3At;
    @Nullable Instant overdueAt;

    Seen(ObjectNode b, String other, Instant raisedAt, boolean inWeek, Ref ref) {
      this.id = b.path("id").asText();
      this.conflictId = b.path("conflictId").asText(id);
      this.recipient = b.path("recipient").asText();
      this.other = other;
      this.kind = b.path("kind").asText();
      this.raisedAt = raisedAt;
      this.inWeek = inWeek;
      this.raised = inWeek ? b : null;
      this.level = b.path("level").asInt(1);
      refs.add(ref);
    }
  }

  private static final class Escalations {
    int level2;
    int level3;
    int overdue;
  }

  private final Scope scope;
  private final Map<String, Seen> alerts = new LinkedHashMap<>();
  private final Map<String, Escalations> escalations = new TreeMap<>();

  AlertTally(Scope scope) {
    this.scope = scope;
  }

  void raised(Event e, Ref ref) {
    ObjectNode b = e.body();
    JsonNode other = b.path("other").path("party");
    if (!other.isTextual()
        || !scope.isParty(b.path("recipient").asText())
        || !scope.isParty(other.asText())) {
      return;
    }
    Seen s = new Seen(b, other.asText(), e.time(), scope.inWeek(e.time()), ref);
    alerts.put(s.id, s);
  }

  void escalated(Event e, Ref ref) {
    Seen s = alerts.get(e.body().path("alert").asText());
    if (s == null) {
      return;
    }
    int level = e.body().path("level").asInt();
    s.level = Math.max(s.level, level);
    s.refs.add(ref);
    if (level >= 3 && s.level3At == null) {
      s.level3At = e.time();
    }
    if (scope.inWeek(e.time())) {
      Escalations x = escalations.computeIfAbsent(s.recipient, p -> new Escalations());
      if (level == 2) {
        x.level2++;
      } else if (level >= 3) {
        x.level3++;
      }
    }
  }

  void overdue(Event e, Ref ref) {
    Seen s = alerts.get(e.body().path("alert").asText());
    if (s == null) {
      return;
    }
    s.refs.add(ref);
    if (s.overdueAt == null) {
      s.overdueAt = e.time();
    }
    if (scope.inWeek(e.time())) {
      escalations.computeIfAbsent(s.recipient, p -> new Escalations()).overdue++;
    }
  }

  void acknowledged(Event e, Ref ref) {
    JsonNode r = e.body().path("result");
    String id =
        r.hasNonNull("alert")
            ? r.path("alert").asText()
            : e.body().path("alert").asText(e.body().path("id").asText());
    Seen s = alerts.get(id);
    if (s == null || s.ackAt != null) {
      return;
    }
    s.ackAt = r.hasNonNull("at") ? Instant.parse(r.path("at").asText()) : e.time();
    s.refs.add(ref);
    forgetIfSettledBefore(s, e.time());
  }

  /** An alert resolved: one resolved before the week has nothing more to tell it. */
  void resolved(Event e) {
    Seen s = alerts.get(e.body().path("alert").asText());
    if (s != null) {
      forgetIfSettledBefore(s, e.time());
    }
  }

  /**
   * Forgets an alert raised before the week and acknowledged or resolved before it too: it neither
   * counts in the week nor escalates again, and a long journal's old alerts need no memory.
   */
  private void forgetIfSettledBefore(Seen s, Instant at) {
    if (!s.inWeek && at.isBefore(scope.from)) {
      alerts.remove(s.id);
    }
  }

  /** The conflicts of the alerts raised in the week (not non-conformance), first alert first. */
  private Map<String, List<Seen>> conflicts() {
    Map<String, List<Seen>> out = new LinkedHashMap<>();
    for (Seen s : alerts.values()) {
      if (s.inWeek && !s.kind.equals("non-conformance")) {
        out.computeIfAbsent(s.conflictId, k -> new ArrayList<>()).add(s);
      }
    }
    return out;
  }

  ObjectNode conflictsJson(ArrayNode places) {
    Map<String, List<Seen>> conflicts = conflicts();
    ObjectNode out = Json.object();
    int strategic = 0;
    ArrayNode lead = Json.MAPPER.createArrayNode();
    ArrayNode list = Json.MAPPER.createArrayNode();
    Map<Integer, Integer> byDayHour = new TreeMap<>();
    for (List<Seen> alertsOf : conflicts.values()) {
      Seen first = alertsOf.get(0);
      if (STRATEGIC.contains(first.kind)) {
        strategic++;
      }
      ObjectNode b = java.util.Objects.requireNonNull(first.raised, "raised in the week");
      Instant start = Instant.parse(b.path("start").asText());
      double leadSeconds = seconds(Duration.between(first.raisedAt, start));
      lead.add(leadSeconds);
      ZonedDateTime z = start.atZone(ZoneOffset.UTC);
      byDayHour.merge((z.getDayOfWeek().getValue() - 1) * 24 + z.getHour(), 1, Integer::sum);
      Set<String> parties = new TreeSet<>();
      alertsOf.forEach(s -> parties.add(s.recipient));
      alertsOf.forEach(s -> parties.add(s.other));
      ObjectNode c = list.addObject();
      c.put("alert", first.id).put("conflict", first.conflictId).put("kind", first.kind);
      c.put("start", start.toString());
      c.set("end", b.path("end"));
      JsonNode closest = b.path("closest");
      c.set("closestAt", closest.path("time").isMissingNode() ? null : closest.path("time"));
      c.set(
          "distanceMeters",
          closest.path("distanceMeters").isMissingNode() ? null : closest.path("distanceMeters"));
      c.put("leadSeconds", leadSeconds);
      c.put("raisedAt", first.raisedAt.toString());
      c.set("position", b.path("location").deepCopy());
      parties.forEach(c.putArray("parties")::add);
      if (b.path("location").isArray()) {
        places
            .addObject()
            .put("kind", "conflict")
            .put("id", first.id)
            .set("position", b.path("location").deepCopy());
        ((ObjectNode) places.get(places.size() - 1)).put("time", start.toString());
      }
    }
    out.put("total", conflicts.size());
    out.put("strategic", strategic);
    out.put("tactical", conflicts.size() - strategic);
    out.set("leadSeconds", lead);
    ArrayNode cells = out.putArray("byDayHour");
    byDayHour.forEach((k, n) -> cells.addArray().add(k / 24).add(k % 24).add(n));
    out.set("list", list);
    return out;
  }

  ObjectNode alertsJson() {
    Map<String, ObjectNode> by = new TreeMap<>();
    Map<String, Map<Integer, Integer>> levels = new HashMap<>();
    for (Seen s : alerts.values()) {
      if (!s.inWeek) {
        continue;
      }
      ObjectNode p =
          by.computeIfAbsent(
              s.recipient,
              k -> {
                ObjectNode n = Json.object().put("raised", 0).put("acknowledged", 0);
                n.put("unacknowledged", 0).putArray("ackSeconds");
                return n;
              });
      p.put("raised", p.path("raised").asInt() + 1);
      if (s.ackAt != null) {
        p.put("acknowledged", p.path("acknowledged").asInt() + 1);
        ((ArrayNode) p.path("ackSeconds")).add(seconds(Duration.between(s.raisedAt, s.ackAt)));
      } else {
        p.put("unacknowledged", p.path("unacknowledged").asInt() + 1);
      }
      levels.computeIfAbsent(s.recipient, k -> new TreeMap<>()).merge(s.level, 1, Integer::sum);
    }
    ObjectNode out = Json.object();
    ObjectNode byParty = out.putObject("byParty");
    by.forEach(
        (party, n) -> {
          ObjectNode l = n.putObject("byLevel");
          levels
              .getOrDefault(party, Map.of())
              .forEach((level, count) -> l.put(String.valueOf(level), count));
          byParty.set(party, n);
        });
    return out;
  }

  ObjectNode escalationsJson() {
    ObjectNode out = Json.object();
    ObjectNode by = out.putObject("byParty");
    escalations.forEach(
        (party, x) ->
            by.putObject(party)
                .put("level2", x.level2)
                .put("level3", x.level3)
                .put("overdue", x.overdue));
    return out;
  }

  /**
   * Alerts not acknowledged past the ladder: overdue (level 3 missed its deadline) in the week, or
   * escalated to level 3 in the week without an acknowledgement before.
   */
  List<Flag> flags() {
    List<Flag> out = new ArrayList<>();
    for (Seen s : alerts.values()) {
      Instant at;
      String what;
      if (s.overdueAt != null && scope.inWeek(s.overdueAt)) {
        at = s.overdueAt;
        what = "overdue at " + at + ": level 3 missed its deadline";
      } else if (s.level3At != null
          && scope.inWeek(s.level3At)
          && (s.ackAt == null || s.ackAt.isAfter(s.level3At))) {
        at = s.level3At;
        what = "escalated to level 3 at " + at;
      } else {
        continue;
      }
      List<Ref> refs = new ArrayList<>(s.refs);
      scope.inForce(s.raisedAt).ifPresent(v -> refs.add(v.ref()));
      String ack =
          s.ackAt == null || !s.ackAt.isBefore(scope.until)
              ? "not acknowledged by the end of the week"
              : "acknowledged only at " + s.ackAt;
      String ladder =
          scope
              .inForce(s.raisedAt)
              .map(
                  v ->
                      "; agreement "
                          + scope.agreement
                          + " version "
                          + v.version()
                          + " asks for acknowledgement within "
                          + Flag.human(Duration.parse(v.json().path("acknowledgeWithin").asText())))
              .orElse("");
      out.add(
          new Flag(
              "unacknowledged",
              s.recipient,
              "alert " + s.id,
              "alert "
                  + s.id
                  + " ("
                  + s.kind
                  + " with "
                  + s.other
                  + ") raised "
                  + s.raisedAt
                  + ", "
                  + what
                  + "; "
                  + ack
                  + ladder,
              at,
              refs));
    }
    return out;
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
