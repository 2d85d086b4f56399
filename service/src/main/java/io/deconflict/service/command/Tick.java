package io.deconflict.service.command;

/** The service's own clock tick ({@code clock.tick}): deadlines that passed escalate. */
public record Tick() implements Command {

  /** The journaled type. */
  public static final String TYPE = "clock.tick";

  @Override
  public String type() {
    return TYPE;
  }
}
