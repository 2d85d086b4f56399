package io.deconflict.service.hotline;

import java.util.Locale;

/**
 * A CLDR plural category: which form of a counted noun a language uses after a number ("1 minute",
 * "2 минуты", "5 минут", "3 دقائق").
 *
 * <p>See the CLDR Language Plural Rules; {@link Language} implements them for the positive integers
 * that parameters can take.
 */
enum PluralCategory {
  ZERO,
  ONE,
  TWO,
  FEW,
  MANY,
  OTHER;

  /** The CLDR keyword, such as {@code few}, used in templates. */
  String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
