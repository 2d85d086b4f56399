package io.deconflict.service.command;

import java.util.Optional;

/**
 * Acknowledges an alert with a read-back ({@code alert.acknowledge}): seen, not approved.
 *
 * @param alert the alert's id
 * @param readBack required; the dispatch refuses its absence only after it found the alert, so a
 *     member who may not see the alert learns nothing from the refusal
 */
public record AcknowledgeAlert(String alert, Optional<ReadBack> readBack) implements Command {

  /** Checks that the ids are given. */
  public AcknowledgeAlert {
    Ids.requireText(alert, "/alert");
  }

  /** The journaled type. */
  public static final String TYPE = "alert.acknowledge";

  /** An acknowledgement with its read-back. */
  public AcknowledgeAlert(String alert, ReadBack readBack) {
    this(alert, Optional.of(readBack));
  }

  @Override
  public String type() {
    return TYPE;
  }
}
