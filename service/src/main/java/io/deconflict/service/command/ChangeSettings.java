package io.deconflict.service.command;

import io.deconflict.service.OutcomeSettings;

/**
 * The service journals the settings that change outcomes ({@code service.settings}): issued by the
 * service itself, never by a member, at its first write when its configuration differs from what
 * the journal last recorded. From this record on, the state applies them.
 *
 * @param settings the settings in force from now on
 */
public record ChangeSettings(OutcomeSettings settings) implements Command {

  /** The journaled type. */
  public static final String TYPE = "service.settings";

  @Override
  public String type() {
    return TYPE;
  }
}
