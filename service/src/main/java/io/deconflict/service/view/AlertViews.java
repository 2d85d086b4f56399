package io.deconflict.service.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.agreement.Sharing;
import io.deconflict.service.alert.Alert;
import io.deconflict.service.alert.Subject;
import io.deconflict.service.visibility.Visibility;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** The view of an alert: {@code GET /alerts}, {@code alert.raised}. Stateless. */
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
   * Visibility#alert}), the recipient's alert linked with it, if any, and since when the conflict's
   * site or zone is lapsed, if it is (D36), and the resolution proposals, if computed (D41).
   */
  public static AlertView of(
      Alert alert,
      Sharing shared,
      Optional<OwnItem> ownItem,
      Optional<AlertView.Linked> linked,
      Optional<Instant> lapsedSince,
      Optional<ProposalView> proposals) {
    Subject c = alert.subject();
    Visibility.AlertView shown = Visibility.alert(shared);
    boolean recipientIsA =
        alert.ownItem().contains("/")
            ? c.a().equals(alert.ownItem()) // a joint movement's participant (D39)
            : c.partyA().equals(alert.recipient()) && c.a().startsWith(alert.recipient() + "/");
    boolean oneSided = alert.otherParty().equals(alert.recipient());
    Optional<AlertView.Other> other =
        oneSided
            ? Optional.empty()
            : Optional.of(
                new AlertView.Other(
                    shared.wireName(),
                    shown.party() ? Optional.of(alert.otherParty()) : Optional.empty(),
                    shown.item() ? Optional.of(alert.otherItem()) : Optional.empty()));
    Optional<AlertView.Closest> closest =
        c.closest()
            .map(
                ca ->
                    new AlertView.Closest(
                        ca.time(),
                        Math.round(ca.distanceMeters() * 10) / 10.0,
                        recipientIsA ? ca.a() : ca.b(),
                        shown.closestPosition()
                            ? Optional.of(recipientIsA ? ca.b() : ca.a())
                            : Optional.empty()));
    return new AlertView(
        alert.id(),
        alert.conflictId(),
        alert.recipient(),
        c.kind(),
        alert.state().wireName(),
        alert.level(),
        alert.overdue(),
        alert.deadline(),
        alert.raisedAt(),
        c.start(),
        c.end(),
        alert.location(),
        alert.channelSuspended(),
        new AlertView.Own(
            alert.ownItem(),
            ownItem.map(o -> OptionalInt.of(o.version())).orElse(OptionalInt.empty()),
            ownItem.map(OwnItem::feature)),
        other,
        closest,
        alert.acknowledgedBy().map(by -> new AlertView.Acknowledged(by, alert.acknowledgedAt())),
        alert.live().map(AlertView.Live::new),
        alert.deconflictedNote(),
        alert.resolution(),
        linked,
        lapsedSince,
        proposals);
  }
}
