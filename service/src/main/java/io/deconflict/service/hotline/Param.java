package io.deconflict.service.hotline;

import java.util.regex.Pattern;

/**
 * A parameter that a {@link MessageCode} takes: its name in JSON and in templates, and its type.
 *
 * @param name lower-case ASCII letters, such as {@code minutes}
 * @param type what values it accepts
 */
public record Param(String name, ParamType type) {

  private static final Pattern NAME = Pattern.compile("[a-z]{1,32}");

  /** Checks the name is 1 to 32 lower-case ASCII letters. */
  public Param {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "parameter name must be 1 to 32 letters a-z, got " + Quoting.text(name));
    }
  }

  /** Describes the parameter for error messages, e.g. {@code minutes (an integer 1..1440)}. */
  String describe() {
    return name + " (" + type.description() + ")";
  }
}
