package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import java.util.Optional;

/**
 * Marks an alert deconflicted on the member's side ({@code alert.deconflict}); when both sides
 * have, the conflict's alerts resolve.
 *
 * @param alert the alert's id
 * @param note what the party did, told to the other side as far as it shares; at most {@link
 *     #MAX_NOTE} characters
 */
public record DeconflictAlert(String alert, Optional<String> note) implements Command {

  /** The journaled type. */
  public static final String TYPE = "alert.deconflict";

  /** The longest note. */
  public static final int MAX_NOTE = 2000;

  /** Checks the note's length. */
  public DeconflictAlert {
    Ids.requireText(alert, "/alert");
    if (note.isPresent() && note.get().length() > MAX_NOTE) {
      throw ServiceException.invalid("/note", "/note is longer than " + MAX_NOTE + " characters");
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
