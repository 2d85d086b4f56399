package io.deconflict.service.command;

/** Records the next version of the incident {@code id} ({@code incident.revise}). */
public record ReviseIncident(String id, IncidentReport report) implements Command {

  /** The journaled type. */
  public static final String TYPE = "incident.revise";

  @Override
  public String type() {
    return TYPE;
  }
}
