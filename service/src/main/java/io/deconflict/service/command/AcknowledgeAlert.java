package io.deconflict.service.command;

/**
 * Acknowledges an alert with a read-back ({@code alert.acknowledge}): seen, not approved.
 *
 * @param alert the alert's id
 */
public record AcknowledgeAlert(String alert, ReadBack readBack) implements Command {

  /** The journaled type. */
  public static final String TYPE = "alert.acknowledge";

  @Override
  public String type() {
    return TYPE;
  }
}
