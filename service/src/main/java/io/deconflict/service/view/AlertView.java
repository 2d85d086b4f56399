package io.deconflict.service.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.service.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * An alert as its recipient (or an operator) is shown it, after the visibility policy decided what
 * of the other party it may see: the typed form of {@code GET /alerts/{id}}, which {@link
 * #toJson()} writes.
 *
 * @param state {@code open}, {@code acknowledged} or {@code resolved}
 * @param level the escalation level, 1 to 3
 * @param deadline when it escalates next, while open
 * @param location where the recipient must look
 * @param other what of the other side the recipient may see; empty for a one-sided alert
 * @param live the live situation of a tracked unit's alert
 * @param linked the recipient's alert about the same two movements on the other time scale: the
 *     tactical alert of a planned conflict, the planned conflict's alert of a tactical one (D29)
 * @param lapsedSince when the site or zone of the conflict lapsed, while it is lapsed: it was not
 *     reconfirmed in time (D36)
 * @param proposals the resolution proposals (D41), in the view of one alert
 */
public record AlertView(
    String id,
    String conflictId,
    String recipient,
    String kind,
    String state,
    int level,
    boolean overdue,
    Optional<Instant> deadline,
    Instant raisedAt,
    Instant start,
    Instant end,
    GeoPoint location,
    boolean channelSuspended,
    Own own,
    Optional<Other> other,
    Optional<Closest> closest,
    Optional<Acknowledged> acknowledged,
    Optional<Live> live,
    Optional<String> deconflictedNote,
    Optional<String> resolution,
    Optional<Linked> linked,
    Optional<Instant> lapsedSince,
    Optional<ProposalView> proposals) {

  /** What every alert view says of acknowledgement. */
  public static final String NOTICE =
      "Acknowledging an alert means it was seen. It never means the movement is approved.";

  /**
   * The recipient's own side.
   *
   * @param item its item's (or unit's) id
   * @param version its item's current version, shown to its own members
   * @param feature its item's current GeoJSON feature, shown to its own members
   */
  public record Own(String item, OptionalInt version, Optional<ObjectNode> feature) {

    /** Copies the feature. */
    public Own {
      feature = feature.map(ObjectNode::deepCopy);
    }
  }

  /**
   * The other side, as far as it shares.
   *
   * @param shares the sharing level that decided it
   */
  public record Other(String shares, Optional<String> party, Optional<String> item) {}

  /**
   * The closest approach.
   *
   * @param distanceMeters to 0.1 m
   * @param own the recipient's position then
   * @param other the other side's position then, if it shares it
   */
  public record Closest(
      Instant time, double distanceMeters, GeoPoint own, Optional<GeoPoint> other) {}

  /**
   * The recipient's alert linked with this one (design-decisions.md, D29).
   *
   * @param alert its id
   * @param conflictId its conflict
   * @param kind its kind: {@code movement-movement} (the plan) or {@code formation-formation} (the
   *     live encounter)
   * @param plannedClosest for a planned one, when the plan put the two movements closest
   */
  public record Linked(
      String alert, String conflictId, String kind, Optional<Instant> plannedClosest) {}

  /** Who acknowledged the alert, and when. */
  public record Acknowledged(String by, Optional<Instant> at) {}

  /**
   * The live situation of a tracked unit's alert, as the service last sent it; its shape depends on
   * what is tracked (an encounter, a unit off its plan, a unit in a zone), so the typed fields are
   * those every reader uses and {@link #json()} holds the rest.
   */
  public record Live(ObjectNode json) {

    /** Copies the JSON. */
    public Live {
      json = json.deepCopy();
    }

    /** The JSON (a copy). */
    @Override
    public ObjectNode json() {
      return json.deepCopy();
    }

    /** When the situation was observed. */
    public Optional<Instant> at() {
      return text("at").map(Instant::parse);
    }

    /** The encounter's level ({@code warning}, {@code loss}, ...), if it is an encounter. */
    public Optional<String> level() {
      return text("level");
    }

    /** How far apart the units are now, metres. */
    public OptionalDouble distanceNowMeters() {
      return number("distanceNowMeters");
    }

    /** How long until the closest approach, seconds. */
    public OptionalDouble timeToClosestSeconds() {
      return number("timeToClosestSeconds");
    }

    /** How far apart the units will be at the closest approach, metres. */
    public OptionalDouble distanceAtClosestMeters() {
      return number("distanceAtClosestMeters");
    }

    private Optional<String> text(String field) {
      JsonNode node = json.path(field);
      return node.isMissingNode() ? Optional.empty() : Optional.of(node.asText());
    }

    private OptionalDouble number(String field) {
      JsonNode node = json.path(field);
      return node.isMissingNode() ? OptionalDouble.empty() : OptionalDouble.of(node.asDouble());
    }
  }

  /** A link as JSON: {@code alert}, {@code conflictId}, {@code kind}, {@code plannedClosest}. */
  public static ObjectNode linkedJson(Linked l) {
    ObjectNode j = Json.object();
    j.put("alert", l.alert()).put("conflictId", l.conflictId()).put("kind", l.kind());
    l.plannedClosest().ifPresent(t -> j.put("plannedClosest", t.toString()));
    return j;
  }

  /** The alert as JSON ({@code GET /alerts/{id}}, {@code alert.raised}). */
  public ObjectNode toJson() {
    ObjectNode v = Json.object();
    v.put("id", id);
    v.put("conflictId", conflictId);
    v.put("recipient", recipient);
    v.put("kind", kind);
    v.put("state", state);
    v.put("level", level);
    v.put("overdue", overdue);
    deadline.ifPresent(d -> v.put("deadline", d.toString()));
    v.put("raisedAt", raisedAt.toString());
    v.put("start", start.toString());
    v.put("end", end.toString());
    v.set("location", Json.point(location));
    v.put("channelSuspended", channelSuspended);
    lapsedSince.ifPresent(t -> v.put("lapsed", true).put("lapsedSince", t.toString()));
    ObjectNode ownJson = v.putObject("own");
    ownJson.put("item", own.item());
    own.version().ifPresent(n -> ownJson.put("version", n));
    own.feature().ifPresent(f -> ownJson.set("feature", f.deepCopy()));
    other.ifPresent(
        o -> {
          ObjectNode otherJson = v.putObject("other");
          otherJson.put("shares", o.shares());
          o.party().ifPresent(p -> otherJson.put("party", p));
          o.item().ifPresent(i -> otherJson.put("item", i));
        });
    closest.ifPresent(
        c -> {
          ObjectNode closestJson = v.putObject("closest");
          closestJson.put("time", c.time().toString());
          closestJson.put("distanceMeters", c.distanceMeters());
          closestJson.set("own", Json.point(c.own()));
          c.other().ifPresent(p -> closestJson.set("other", Json.point(p)));
        });
    acknowledged.ifPresent(
        a -> {
          ObjectNode ack = v.putObject("acknowledged");
          ack.put("by", a.by());
          a.at().ifPresent(at -> ack.put("at", at.toString()));
          ack.put("meaning", "seen, not approved");
        });
    live.ifPresent(l -> v.set("live", l.json()));
    linked.ifPresent(l -> v.set("linked", linkedJson(l)));
    deconflictedNote.ifPresent(n -> v.put("deconflictedNote", n));
    resolution.ifPresent(r -> v.put("resolution", r));
    proposals.ifPresent(p -> v.set("proposals", p.toJson()));
    v.put("notice", NOTICE);
    return v;
  }
}
