package io.deconflict.service.command;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An ISO-8601 UTC instant as the member wrote it ({@code 2022-10-08T06:22:00.000Z} stays so, though
 * it is {@code 2022-10-08T06:22:00Z}): the journal records a command in the member's words.
 *
 * @param text an ISO-8601 UTC instant such as {@code 2022-10-08T09:00:00Z}
 */
public record IsoInstant(String text) {

  /** Checks that {@code text} is an ISO-8601 UTC instant. */
  public IsoInstant {
    try {
      Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not an ISO-8601 UTC instant such as 2022-10-08T09:00:00Z: \"" + text + "\"", e);
    }
  }

  /** The instant, written as {@link Instant#toString()} does. */
  public static IsoInstant of(Instant value) {
    return new IsoInstant(value.toString());
  }

  /** The instant. */
  public Instant value() {
    return Instant.parse(text);
  }
}
