package io.deconflict.service.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * An ISO-8601 duration as the member wrote it ({@code PT60M} stays {@code PT60M}, though it is
 * {@code PT1H}): the journal records a command in the member's words.
 *
 * @param text an ISO-8601 duration such as {@code PT30M}
 */
public record IsoDuration(String text) {

  /** Checks that {@code text} is an ISO-8601 duration. */
  public IsoDuration {
    try {
      Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not an ISO-8601 duration such as PT30M: \"" + text + "\"", e);
    }
  }

  /** The same length of time as {@code value}, written as {@link Duration#toString()} does. */
  public static IsoDuration of(Duration value) {
    return new IsoDuration(value.toString());
  }

  /** The length of time. */
  public Duration value() {
    return Duration.parse(text);
  }
}
