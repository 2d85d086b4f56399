package io.deconflict.service.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import io.deconflict.geojson.GeoJsonFeatures;
import io.deconflict.service.Json;
import io.deconflict.service.joint.Participations;
import io.deconflict.service.visibility.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON view of a notified movement, site or zone: {@code GET /movements} and the like. */
public final class ItemViews {

  private ItemViews() {}

  /**
   * Where a site or zone stands under reconfirmation (D36), as its views show it.
   *
   * @param confirmedAt when it was last confirmed (notified or reconfirmed)
   * @param due when it lapses unless reconfirmed, if an agreement asks for reconfirmation
   * @param warned whether its owner was warned that it is due
   * @param lapsedSince since when it is lapsed, if it is
   */
  public record Reconfirmation(
      Instant confirmedAt, Optional<Instant> due, boolean warned, Optional<Instant> lapsedSince) {}

  /**
   * What a joint movement's view says of its parties (D39): its status, the parties (lead first),
   * and each participant's legs and answer.
   */
  public static ObjectNode joint(
      Movement m, Map<String, Participations.Answer> answers, Participations.Status status) {
    ObjectNode out = Json.object().put("status", status.wireName());
    ArrayNode parties = out.putArray("parties").add(m.party());
    ArrayNode participants = out.putArray("participants");
    for (Participant p : m.participants()) {
      parties.add(p.party());
      ObjectNode one =
          participants
              .addObject()
              .put("party", p.party())
              .put("joinAt", p.joinAt())
              .put("leaveAt", p.leaveAt());
      Participations.Answer a = answers.get(p.party());
      if (a != null) {
        one.put("participation", a.decision().wireName());
        if (a.decision() != Participations.Decision.PENDING) {
          one.put("answeredAt", a.at().toString());
        }
      }
    }
    return out;
  }

  /**
   * A notified item as a viewer who may see it sees it, with where a site or zone stands under
   * reconfirmation ({@code confirmedAt}, {@code reconfirmBy}, {@code reconfirmDue}, {@code lapsed},
   * {@code lapsedSince}): the whole feature, or its outline (geometry, times, radius, validity, a
   * line zone's side, buffer or depth, the vertical bands, kind and party). A line zone also
   * carries {@code outline}, the region as a GeoJSON Polygon for drawing.
   *
   * @throws IllegalArgumentException if {@code shown} is {@link Visibility.ItemView#HIDDEN}
   */
  public static ObjectNode of(
      Visibility.ItemView shown,
      String id,
      String party,
      String kind,
      int version,
      Instant notifiedAt,
      boolean late,
      boolean emergency,
      ObjectNode notified,
      Optional<Reconfirmation> reconfirmation) {
    if (shown == Visibility.ItemView.HIDDEN) {
      throw new IllegalArgumentException("item " + party + "/" + id + " is hidden from the viewer");
    }
    ObjectNode out = Json.object();
    out.put("id", id);
    out.put("party", party);
    out.put("kind", kind);
    out.put("version", version);
    out.put("notifiedAt", notifiedAt.toString());
    out.put("late", late);
    out.put("emergency", emergency);
    reconfirmation.ifPresent(
        r -> {
          out.put("confirmedAt", r.confirmedAt().toString());
          r.due().ifPresent(d -> out.put("reconfirmBy", d.toString()));
          out.put("reconfirmDue", r.warned() && r.lapsedSince().isEmpty());
          out.put("lapsed", r.lapsedSince().isPresent());
          r.lapsedSince().ifPresent(t -> out.put("lapsedSince", t.toString()));
        });
    if (shown == Visibility.ItemView.WHOLE) {
      out.set("feature", notified.deepCopy());
    } else {
      ObjectNode feature = Json.object().put("type", "Feature").put("id", id);
      feature.set("geometry", notified.path("geometry").deepCopy());
      ObjectNode props = feature.putObject("properties");
      props.put("kind", kind).put("party", party);
      for (String keep :
          List.of(
              "times",
              "radiusMeters",
              "validFrom",
              "validUntil",
              "side",
              "bufferMeters",
              "depthMeters",
              "bands",
              "band",
              "participants")) {
        if (notified.path("properties").has(keep)) {
          props.set(keep, notified.path("properties").get(keep).deepCopy());
        }
      }
      out.set("feature", feature);
    }
    if (kind.equals("zone")) {
      GeoJsonFeatures.outline(notified).ifPresent(outline -> out.set("outline", outline));
    }
    return out;
  }
}
