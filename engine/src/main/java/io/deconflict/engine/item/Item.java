package io.deconflict.engine.item;

/**
 * Something a party notified: a {@link Movement}, a {@link Site} or a {@link Zone}.
 *
 * <p>Items are immutable values. Two items of the same party never conflict, nor two items while
 * they share a party (a joint movement's participant on its legs, D39).
 */
public sealed interface Item permits Movement, Site, Zone {

  /** The notifier's identifier, unique among all stored items. */
  String id();

  /** The party that notified the item. */
  String party();

  /** Checks an identifier or party name: non-blank. */
  static String requireName(String value, String what) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
