package io.deconflict.service.command;

/**
 * A number as the member wrote it: its value, and whether it was written as a whole number ({@code
 * 90}) or a decimal ({@code 90.0}). The journal records a command in the member's words, so the
 * codec writes it back the same way.
 *
 * @param value the number
 * @param whole whether it was written without a fraction or exponent
 */
public record Decimal(double value, boolean whole) {

  /** Checks that the value is finite, and whole if written whole. */
  public Decimal {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a number must be finite, got " + value);
    }
    if (whole && value != Math.rint(value)) {
      throw new IllegalArgumentException(value + " is not a whole number");
    }
  }

  /** A number written as a decimal, as Java clients write a {@code double}. */
  public static Decimal of(double value) {
    return new Decimal(value, false);
  }

  /** A whole number. */
  public static Decimal whole(long value) {
    return new Decimal(value, true);
  }
}
