package io.deconflict.service.command;

/**
 * Adds the next version of the member's party's own account of the incident {@code id} ({@code
 * incident.account}).
 *
 * @param text the account, at most {@link IncidentReport#MAX_TEXT} characters
 */
public record AccountIncident(String id, String text) implements Command {

  /** The journaled type. */
  public static final String TYPE = "incident.account";

  /** Checks the text's length. */
  public AccountIncident {
    Ids.requireText(id, "/id");
    Ids.requireText(text, "/text");
    IncidentReport.limited(text, "/text");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
