package io.deconflict.service.command;

/** Records the next version of the incident {@code id} ({@code incident.revise}). */
public record ReviseIncident(String id, IncidentReport report) implements Command {

  /** Checks that the ids are given. */
  public ReviseIncident {
    Ids.requireText(id, "/id");
  }

  /** The journaled type. */
  public static final String TYPE = "incident.revise";

  @Override
  public String type() {
    return TYPE;
  }
}
