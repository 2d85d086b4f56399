package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import java.util.regex.Pattern;

/**
 * The rules for the ids a party chooses: an item's id (a movement, site or zone) and a live unit's
 * id. Written once here; the TAK listener asks them before it turns a CoT uid into an id.
 */
public final class Ids {

  /** What an item id must match. */
  public static final String ITEM_ID_RULE = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";

  /** What a unit id must be. */
  public static final String UNIT_ID_RULE = "at most 64 characters without '/'";

  private static final Pattern ITEM_ID = Pattern.compile(ITEM_ID_RULE);

  private Ids() {}

  /** Whether {@code id} may name an item. */
  public static boolean isItemId(String id) {
    return ITEM_ID.matcher(id).matches();
  }

  /** Whether {@code id} may name a live unit (non-blank is checked where it is read). */
  public static boolean isUnitId(String id) {
    return id.length() <= 64 && !id.contains("/");
  }

  /** Throws unless {@code value} is a non-empty string, as the codec requires of text fields. */
  static String requireText(String value, String pointer) {
    if (value.isBlank()) {
      throw ServiceException.invalid(pointer, pointer + " must be a non-empty string");
    }
    return value;
  }

  /**
   * Throws unless {@code id} may name a unit.
   *
   * @param pointer the JSON pointer of the unit id, such as {@code /reports/3/unit}
   */
  static void requireUnitId(String id, String pointer) {
    if (!isUnitId(id)) {
      throw ServiceException.invalid(pointer, pointer + " must be " + UNIT_ID_RULE);
    }
  }
}
