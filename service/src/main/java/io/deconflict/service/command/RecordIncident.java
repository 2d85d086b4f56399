package io.deconflict.service.command;

/** Records a new incident ({@code incident.record}). */
public record RecordIncident(IncidentReport report) implements Command {

  /** The journaled type. */
  public static final String TYPE = "incident.record";

  @Override
  public String type() {
    return TYPE;
  }
}
