package io.deconflict.service.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.ServiceException;
import io.deconflict.service.command.NotifyItem;
import io.deconflict.service.command.PostMessage;
import java.time.Duration;

/**
 * What accepting a resolution proposal does (D41): its owner notifies the movement's new version
 * through the normal path, then tells the other party on the conflict's thread in a coded message
 * ({@code will-delay} or {@code will-advance}), which each reader sees in its own language.
 *
 * @param alert the alert whose proposal is accepted
 * @param item the movement's id
 * @param newVersion the new version, as an {@code item.notify} replacing the movement
 * @param reply the coded message to the conflict's thread
 */
public record Acceptance(String alert, String item, NotifyItem newVersion, PostMessage reply) {

  /**
   * The shift a body asks for: {@code {"delayMinutes": 18}} or {@code {"advanceMinutes": 3}},
   * exactly one, an integer 1..1440 (the whole minutes the proposal names).
   *
   * @throws ServiceException invalid, naming the field, if not
   */
  public static Duration shift(JsonNode body) {
    boolean delay = body.has("delayMinutes");
    boolean advance = body.has("advanceMinutes");
    if (delay == advance) {
      throw ServiceException.invalid(
          "", "give exactly one of delayMinutes and advanceMinutes, an integer 1..1440");
    }
    String field = delay ? "delayMinutes" : "advanceMinutes";
    JsonNode n = body.get(field);
    if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 1440) {
      throw ServiceException.invalid(
          "/" + field, "/" + field + " must be an integer 1..1440, got " + n);
    }
    return Duration.ofMinutes(delay ? n.asLong() : -n.asLong());
  }
}
