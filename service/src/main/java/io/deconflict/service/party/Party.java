package io.deconflict.service.party;

import java.util.regex.Pattern;

/**
 * One party to the mechanism.
 *
 * @param id short stable id, {@code [a-z0-9][a-z0-9-]{0,31}}, e.g. {@code us}, {@code ru}
 * @param name display name
 * @param language the language its members read coded messages in ({@code en}, {@code ru}, {@code
 *     ar}, {@code tr})
 */
public record Party(String id, String name, String language) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  /** The reserved party of the mechanism's operators; it never notifies items. */
  public static final String MECHANISM = "mechanism";

  /** Checks the id. */
  public Party {
    requireId(id, "party id");
    if (name.isBlank()) {
      throw new IllegalArgumentException("party " + id + ": name must not be empty");
    }
  }

  /** Whether {@code id} is a valid party id. */
  public static boolean isId(String id) {
    return ID.matcher(id).matches();
  }

  /** Throws unless {@code id} is a valid party id. */
  public static String requireId(String id, String what) {
    if (!isId(id)) {
      throw new IllegalArgumentException(
          what + " \"" + id + "\" must match [a-z0-9][a-z0-9-]{0,31}");
    }
    return id;
  }
}
