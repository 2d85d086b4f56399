package io.deconflict.service.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.Subject;
import io.deconflict.service.visibility.Visibility;
import java.util.Optional;

/** The JSON view of an alert: {@code GET /alerts}, {@code alert.raised}. Stateless. */
public final class AlertViews {

  private AlertViews() {}

  /**
   * The recipient's own item, as its members see it in the alert.
   *
   * @param version its current version
   * @param feature its current feature
   */
  public record OwnItem(int version, ObjectNode feature) {}

  /**
   * An alert as its recipient is told of it: its own item by id (and its current version and
   * feature if given), of the other party only what {@code shared} shows ({@link
   * Visibility#alert}).
   */
  public static ObjectNode of(Alert alert, Sharing shared, Optional<OwnItem> ownItem) {
    Subject c = alert.subject();
    Visibility.AlertView shown = Visibility.alert(shared);
    boolean recipientIsA =
        c.partyA().equals(alert.recipient()) && c.a().startsWith(alert.recipient() + "/");
    ObjectNode v = Json.object();
    v.put("id", alert.id());
    v.put("conflictId", alert.conflictId());
    v.put("recipient", alert.recipient());
    v.put("kind", c.kind());
    v.put("state", alert.state().wireName());
    v.put("level", alert.level());
    v.put("overdue", alert.overdue());
    alert.deadline().ifPresent(d -> v.put("deadline", d.toString()));
    v.put("raisedAt", alert.raisedAt().toString());
    v.put("start", c.start().toString());
    v.put("end", c.end().toString());
    v.set("location", Json.point(alert.location()));
    v.put("channelSuspended", alert.channelSuspended());
    ObjectNode own = v.putObject("own");
    own.put("item", alert.ownItem());
    ownItem.ifPresent(
        o -> {
          own.put("version", o.version());
          own.set("feature", o.feature().deepCopy());
        });
    boolean oneSided = alert.otherParty().equals(alert.recipient());
    if (!oneSided) {
      ObjectNode other = v.putObject("other");
      other.put("shares", shared.wireName());
      if (shown.party()) {
        other.put("party", alert.otherParty());
      }
      if (shown.item()) {
        other.put("item", alert.otherItem());
      }
    }
    c.closest()
        .ifPresent(
            ca -> {
              ObjectNode closest = v.putObject("closest");
              closest.put("time", ca.time().toString());
              closest.put("distanceMeters", Math.round(ca.distanceMeters() * 10) / 10.0);
              closest.set("own", Json.point(recipientIsA ? ca.a() : ca.b()));
              if (shown.closestPosition()) {
                closest.set("other", Json.point(recipientIsA ? ca.b() : ca.a()));
              }
            });
    alert
        .acknowledgedBy()
        .ifPresent(
            by -> {
              ObjectNode ack = v.putObject("acknowledged");
              ack.put("by", by);
              alert.acknowledgedAt().ifPresent(at -> ack.put("at", at.toString()));
              ack.put("meaning", "seen, not approved");
            });
    alert.live().ifPresent(l -> v.set("live", l.deepCopy()));
    alert.deconflictedNote().ifPresent(n -> v.put("deconflictedNote", n));
    alert.resolution().ifPresent(r -> v.put("resolution", r));
    v.put(
        "notice",
        "Acknowledging an alert means it was seen. It never means the movement is approved.");
    return v;
  }
}
