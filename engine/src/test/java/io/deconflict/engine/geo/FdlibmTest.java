package io.deconflict.engine.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Fdlibm} against {@link StrictMath}, bit for bit ({@code Double.doubleToRawLongBits}, NaN
 * payloads included): every pair of special values, then millions of seeded random arguments per
 * distribution (raw random bits, which cover subnormals, NaNs and infinities; uniform angles at
 * magnitudes from 1e-300 to 1e300; arguments and ratios a few ulps either side of every branch
 * threshold of the algorithms; exponents of y and x 55 to 65 apart). Positions derived from these
 * functions are journaled and compared byte for byte on replay, so a single differing bit is a
 * failure.
 */
class FdlibmTest {

  private static final long SEED = 20221008L;

  /** Random arguments per distribution and function. */
  private static final int N = 8_000_000;

  private static final double[] SPECIAL = specials();

  private static double[] specials() {
    double[] base = {
      0.0,
      Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Double.longBitsToDouble(0x000fffffffffffffL), // largest subnormal
      1e-300,
      0x1p-60,
      0x1p-29,
      0x1p-27,
      0.4375,
      0.5,
      0.6875,
      0.975,
      1.0,
      Math.nextUp(1.0),
      Math.nextDown(1.0),
      1.1875,
      1.5,
      2.4375,
      0x1p60,
      0x1p66,
      1e300,
      Double.MAX_VALUE,
      Double.POSITIVE_INFINITY,
      Double.NaN,
      Double.longBitsToDouble(0x7ff0000000000001L), // signalling NaN
      Double.longBitsToDouble(0x7ff8000000000123L), // NaN with a payload
    };
    double[] all = new double[base.length * 2];
    for (int i = 0; i < base.length; i++) {
      all[2 * i] = base[i];
      all[2 * i + 1] = -base[i];
    }
    return all;
  }

  @Test
  void atan2MatchesStrictMathOnEveryPairOfSpecialValues() {
    for (double y : SPECIAL) {
      for (double x : SPECIAL) {
        assertSameAtan2(y, x, -1);
      }
    }
  }

  @Test
  void atanAndAsinMatchStrictMathOnSpecialValues() {
    for (double x : SPECIAL) {
      assertSameAtan(x, -1);
      assertSameAsin(x, -1);
    }
  }

  @Test
  void atan2MatchesStrictMathOnRawRandomBits() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < N; i++) {
      assertSameAtan2(
          Double.longBitsToDouble(random.nextLong()),
          Double.longBitsToDouble(random.nextLong()),
          SEED);
    }
  }

  @Test
  void atan2MatchesStrictMathOnUniformAnglesAtEveryMagnitude() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < N; i++) {
      double angle = random.nextDouble(-Math.PI, Math.PI);
      double magnitude = Math.pow(10, random.nextDouble(-300, 300));
      assertSameAtan2(magnitude * Math.sin(angle), magnitude * Math.cos(angle), SEED + 1);
    }
  }

  @Test
  void atan2MatchesStrictMathOnEcefLikeCoordinates() {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    for (int i = 0; i < N; i++) {
      assertSameAtan2(random.nextDouble(-7e6, 7e6), random.nextDouble(-7e6, 7e6), SEED + 2);
    }
  }

  @Test
  void atan2MatchesStrictMathNearTheBranchThresholds() {
    SplittableRandom random = new SplittableRandom(SEED + 3);
    // Ratios |y/x| near atan's breakpoints; exponent differences near +-60; x near 1.0.
    double[] ratios = {0x1p-29, 0.4375, 0.6875, 1.0, 1.1875, 2.4375, 0x1p60, 0x1p66};
    for (int i = 0; i < N; i++) {
      double x = random.nextDouble(-1e6, 1e6);
      double y;
      switch (i % 4) {
        case 0 -> y = x * nearby(random, ratios[random.nextInt(ratios.length)]);
        case 1 -> y = Math.scalb(x * random.nextDouble(0.5, 2), random.nextInt(55, 66));
        case 2 -> {
          y = x;
          x = Math.scalb(x * random.nextDouble(0.5, 2), random.nextInt(55, 66));
        }
        default -> {
          y = x;
          x = nearby(random, 1.0);
        }
      }
      if (random.nextBoolean()) {
        y = -y;
      }
      assertSameAtan2(y, x, SEED + 3);
    }
  }

  @Test
  void atanMatchesStrictMathOnRandomArguments() {
    SplittableRandom random = new SplittableRandom(SEED + 4);
    double[] thresholds = {0x1p-29, 0.4375, 0.6875, 1.1875, 2.4375, 0x1p66};
    DoubleSupplier[] distributions = {
      () -> Double.longBitsToDouble(random.nextLong()),
      () -> random.nextDouble(-4, 4),
      () -> Math.pow(10, random.nextDouble(-30, 30)) * (random.nextBoolean() ? 1 : -1),
      () -> nearby(random, thresholds[random.nextInt(thresholds.length)]),
    };
    for (int i = 0; i < N; i++) {
      assertSameAtan(distributions[i % distributions.length].getAsDouble(), SEED + 4);
    }
  }

  @Test
  void asinMatchesStrictMathOnRandomArguments() {
    SplittableRandom random = new SplittableRandom(SEED + 5);
    double[] thresholds = {0x1p-27, 0.5, 0.975, 1.0};
    DoubleSupplier[] distributions = {
      () -> Double.longBitsToDouble(random.nextLong()),
      () -> random.nextDouble(-1, 1),
      () -> Math.pow(10, random.nextDouble(-12, 0)) * (random.nextBoolean() ? 1 : -1),
      () -> nearby(random, thresholds[random.nextInt(thresholds.length)]),
    };
    for (int i = 0; i < N; i++) {
      assertSameAsin(distributions[i % distributions.length].getAsDouble(), SEED + 5);
    }
  }

  /** A value within 1,000 ulps of {@code v}, of either sign. */
  private static double nearby(SplittableRandom random, double v) {
    long bits = Double.doubleToRawLongBits(v) + random.nextInt(-1000, 1001);
    double r = Double.longBitsToDouble(bits);
    return random.nextBoolean() ? r : -r;
  }

  private static void assertSameAtan2(double y, double x, long seed) {
    long expected = Double.doubleToRawLongBits(StrictMath.atan2(y, x));
    long actual = Double.doubleToRawLongBits(Fdlibm.atan2(y, x));
    if (actual != expected) {
      assertThat(Long.toHexString(actual))
          .as("atan2(%s, %s) (bits %x, %x), seed %d", y, x, bits(y), bits(x), seed)
          .isEqualTo(Long.toHexString(expected));
    }
  }

  private static void assertSameAtan(double x, long seed) {
    long expected = Double.doubleToRawLongBits(StrictMath.atan(x));
    long actual = Double.doubleToRawLongBits(Fdlibm.atan(x));
    if (actual != expected) {
      assertThat(Long.toHexString(actual))
          .as("atan(%s) (bits %x), seed %d", x, bits(x), seed)
          .isEqualTo(Long.toHexString(expected));
    }
  }

  private static void assertSameAsin(double x, long seed) {
    long expected = Double.doubleToRawLongBits(StrictMath.asin(x));
    long actual = Double.doubleToRawLongBits(Fdlibm.asin(x));
    if (actual != expected) {
      assertThat(Long.toHexString(actual))
          .as("asin(%s) (bits %x), seed %d", x, bits(x), seed)
          .isEqualTo(Long.toHexString(expected));
    }
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }
}
