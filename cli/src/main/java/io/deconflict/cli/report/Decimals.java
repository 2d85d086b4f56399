package io.deconflict.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal text of doubles rounded half-even to a number of places, exactly as {@code
 * BigDecimal.valueOf(value).setScale(scale, HALF_EVEN).stripTrailingZeros().toPlainString()} (zero
 * as {@code 0}), without creating a {@code BigDecimal} for the common case.
 *
 * <p>The value is scaled in binary floating point; where the scaled value lies within {@link
 * #TIE_MARGIN} of a rounding tie, or is too large for a {@code long}, the exact {@code BigDecimal}
 * path decides. Stateless and thread-safe.
 */
final class Decimals {

  /**
   * Largest scaled magnitude for the fast path: below it the scaled double is within 5e-6 of the
   * scaled decimal, well inside {@link #TIE_MARGIN}.
   */
  static final double FAST_LIMIT = 1e10;

  /** Distance from a half at which the fast path defers to {@code BigDecimal}. */
  static final double TIE_MARGIN = 1e-4;

  private static final long[] POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  private Decimals() {}

  /** {@code value} rounded half-even to {@code scale} (0 to 9) places, without trailing zeros. */
  static String round(double value, int scale) {
    double scaled = value * POW10[scale];
    if (!(Math.abs(scaled) < FAST_LIMIT)) {
      return exact(value, scale);
    }
    double fraction = scaled - Math.floor(scaled);
    if (Math.abs(fraction - 0.5) < TIE_MARGIN) {
      return exact(value, scale);
    }
    long units = Math.round(scaled);
    if (units == 0) {
      return "0";
    }
    StringBuilder b = new StringBuilder(24);
    if (units < 0) {
      b.append('-');
      units = -units;
    }
    long whole = units / POW10[scale];
    long part = units % POW10[scale];
    b.append(whole);
    if (part != 0) {
      int places = scale;
      while (part % 10 == 0) {
        part /= 10;
        places--;
      }
      b.append('.');
      String digits = Long.toString(part);
      for (int i = digits.length(); i < places; i++) {
        b.append('0');
      }
      b.append(digits);
    }
    return b.toString();
  }

  /** The reference: {@code BigDecimal}, half-even, trailing zeros stripped, plain. */
  static String exact(double value, int scale) {
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
    return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
  }
}
