package io.deconflict.service.command;

import java.util.Optional;

/**
 * Suspends the agreement {@code id} ({@code agreement.suspend}) until it is resumed.
 *
 * @param reason why, as the member wrote it
 */
public record SuspendAgreement(String id, Optional<String> reason) implements Command {

  /** Checks that the ids are given. */
  public SuspendAgreement {
    Ids.requireText(id, "/id");
  }

  /** The journaled type. */
  public static final String TYPE = "agreement.suspend";

  @Override
  public String type() {
    return TYPE;
  }
}
