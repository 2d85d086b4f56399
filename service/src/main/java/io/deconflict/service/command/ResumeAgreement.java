package io.deconflict.service.command;

import java.util.Optional;

/**
 * Puts the suspended agreement {@code id} back in force ({@code agreement.resume}).
 *
 * @param reason why, as the member wrote it
 */
public record ResumeAgreement(String id, Optional<String> reason) implements Command {

  /** Checks that the ids are given. */
  public ResumeAgreement {
    Ids.requireText(id, "/id");
  }

  /** The journaled type. */
  public static final String TYPE = "agreement.resume";

  @Override
  public String type() {
    return TYPE;
  }
}
