package io.deconflict.service.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.agreement.AgreementsInForce;
import io.deconflict.service.party.Party;
import io.deconflict.service.visibility.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A movement notified later than an agreement in force requires ({@code minimumNotice}, or {@code
 * emergencyNotice} for an emergency): which parties it was late for and the longest notice they
 * required. Only movements can be late; without an agreement no notice is required.
 *
 * @param party the notifying party
 * @param item the movement's id
 * @param kind its kind ({@code movement})
 * @param start its first waypoint's time
 * @param notifiedAt when it was notified
 * @param notice how long before its start it was notified
 * @param required the longest notice an agreement required of it
 * @param emergency whether it was flagged as an emergency
 * @param lateFor the parties it was late for, in directory order
 */
public record LateNotice(
    String party,
    String item,
    String kind,
    Instant start,
    Instant notifiedAt,
    Duration notice,
    Duration required,
    boolean emergency,
    List<String> lateFor) {

  /** Copies the list. */
  public LateNotice {
    lateFor = List.copyOf(lateFor);
  }

  /**
   * Whether a movement of {@code party} starting at {@code start}, notified at {@code now}, is late
   * for any other party of the directory under the agreements in force at {@code now}.
   */
  public static Optional<LateNotice> check(
      String party,
      String item,
      String kind,
      Instant start,
      boolean emergency,
      Instant now,
      List<Party> parties,
      AgreementsInForce agreements) {
    Duration notice = Duration.between(now, start);
    Duration required = Duration.ZERO;
    List<String> lateFor = new ArrayList<>();
    for (Party other : parties) {
      if (other.id().equals(party)) {
        continue;
      }
      Optional<Agreement> ag = agreements.between(party, other.id(), now);
      if (ag.isPresent()) {
        Duration need = emergency ? ag.get().emergencyNotice() : ag.get().minimumNotice();
        if (notice.compareTo(need) < 0) {
          lateFor.add(other.id());
          if (need.compareTo(required) > 0) {
            required = need;
          }
        }
      }
    }
    if (lateFor.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new LateNotice(party, item, kind, start, now, notice, required, emergency, lateFor));
  }

  /** The {@code notice.late} body told to the notifying party and the operators. */
  public ObjectNode body() {
    return Json.object()
        .put("party", party)
        .put("item", item)
        .put("kind", kind)
        .put("start", start.toString())
        .put("notifiedAt", notifiedAt.toString())
        .put("notice", notice.toString())
        .put("required", required.toString())
        .put("emergency", emergency);
  }

  /**
   * The {@code notice.late} body told to another party it was late for, showing the notifier's id
   * and the item's only as far as {@code shown} lets.
   */
  public ObjectNode toldTo(String recipient, Visibility.LateNoticeView shown) {
    ObjectNode told = body();
    if (!shown.party()) {
      told.remove("party");
    }
    if (!shown.item()) {
      told.remove("item");
    }
    told.put("recipient", recipient);
    return told;
  }
}
