package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A participant's answer to a joint movement ({@code movement.participation}, D39): the member's
 * party accepts or declines taking part in another party's movement, in its current version (or the
 * version named, which must be the current one).
 *
 * @param party the lead party, whose movement it is
 * @param id the movement's id
 * @param decision {@code accept} or {@code decline}
 * @param version the version answered for, if stated
 */
public record AnswerParticipation(String party, String id, String decision, OptionalInt version)
    implements Command {

  /** The journaled type. */
  public static final String TYPE = "movement.participation";

  /** The decisions. */
  public static final Set<String> DECISIONS = Set.of("accept", "decline");

  /** Checks the fields. */
  public AnswerParticipation {
    Ids.requireText(party, "/party");
    Ids.requireText(id, "/id");
    if (!DECISIONS.contains(decision)) {
      throw ServiceException.invalid(
          "/decision", "/decision must be \"accept\" or \"decline\", got \"" + decision + "\"");
    }
    if (version.isPresent() && version.getAsInt() < 1) {
      throw ServiceException.invalid(
          "/version", "/version must be a version number from 1, got " + version.getAsInt());
    }
  }

  /** Whether the participant accepts. */
  public boolean accepts() {
    return decision.equals("accept");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
