package io.deconflict.engine.geo;

/**
 * The inverse trigonometric functions of {@link StrictMath} in plain Java: {@link #atan2}, {@link
 * #atan} and {@link #asin} return the same bits as {@code StrictMath.atan2}, {@code
 * StrictMath.atan} and {@code StrictMath.asin} for every argument.
 *
 * <p>On JDK 17 {@code Math.atan2}, {@code Math.atan} and {@code Math.asin} are not intrinsics: they
 * call the C library fdlibm through JNI, about 60 ns a call, several times the arithmetic. These
 * are the same algorithms (fdlibm 5.3's {@code e_atan2.c}, {@code s_atan.c} and {@code e_asin.c}:
 * argument reduction to a few breakpoints and an odd polynomial or rational approximation, error
 * below one ulp), with the same constants and the same operations in the same order, so the JIT
 * compiles them like any other Java arithmetic and the results do not change by a bit: positions
 * derived from them are journaled and compared byte for byte on replay. {@code FdlibmTest} compares
 * them with {@code StrictMath} on special values and tens of millions of random ones.
 *
 * <p>From the published fdlibm algorithms, whose notice is: "Copyright (C) 1993 by Sun
 * Microsystems, Inc. All rights reserved. Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this software is freely granted, provided that
 * this notice is preserved."
 *
 * <p>Stateless and thread-safe; no allocation.
 */
public final class Fdlibm {

  private static final double[] ATAN_HI = {
    4.63647609000806093515e-01, // atan(0.5) hi, 0x3FDDAC67 0561BB4F
    7.85398163397448278999e-01, // atan(1.0) hi, 0x3FE921FB 54442D18
    9.82793723247329054082e-01, // atan(1.5) hi, 0x3FEF730B D281F69B
    1.57079632679489655800e+00, // atan(inf) hi, 0x3FF921FB 54442D18
  };

  private static final double[] ATAN_LO = {
    2.26987774529616870924e-17, // atan(0.5) lo, 0x3C7A2B7F 222F65E2
    3.06161699786838301793e-17, // atan(1.0) lo, 0x3C81A626 33145C07
    1.39033110312309984516e-17, // atan(1.5) lo, 0x3C700788 7AF0CBBD
    6.12323399573676603587e-17, // atan(inf) lo, 0x3C91A626 33145C07
  };

  private static final double AT0 = 3.33333333333329318027e-01; // 0x3FD55555 5555550D
  private static final double AT1 = -1.99999999998764832476e-01; // 0xBFC99999 9998EBC4
  private static final double AT2 = 1.42857142725034663711e-01; // 0x3FC24924 920083FF
  private static final double AT3 = -1.11111104054623557880e-01; // 0xBFBC71C6 FE231671
  private static final double AT4 = 9.09088713343650656196e-02; // 0x3FB745CD C54C206E
  private static final double AT5 = -7.69187620504482999495e-02; // 0xBFB3B0F2 AF749A6D
  private static final double AT6 = 6.66107313738753120669e-02; // 0x3FB10D66 A0D03D51
  private static final double AT7 = -5.83357013379057348645e-02; // 0xBFADDE2D 52DEFD9A
  private static final double AT8 = 4.97687799461593236017e-02; // 0x3FA97B4B 24760DEB
  private static final double AT9 = -3.65315727442169155270e-02; // 0xBFA2B444 2C6A6C2F
  private static final double AT10 = 1.62858201153657823623e-02; // 0x3F90AD3A E322DA11

  private static final double TINY = 1.0e-300;
  private static final double PI_O_4 = 7.8539816339744827900e-01; // 0x3FE921FB 54442D18
  private static final double PI_O_2 = 1.5707963267948965580e+00; // 0x3FF921FB 54442D18
  private static final double PI = 3.1415926535897931160e+00; // 0x400921FB 54442D18
  private static final double PI_LO = 1.2246467991473531772e-16; // 0x3CA1A626 33145C07

  private static final double PIO2_HI = 1.57079632679489655800e+00; // 0x3FF921FB 54442D18
  private static final double PIO2_LO = 6.12323399573676603587e-17; // 0x3C91A626 33145C07
  private static final double PIO4_HI = 7.85398163397448278999e-01; // 0x3FE921FB 54442D18
  private static final double PS0 = 1.66666666666666657415e-01; // 0x3FC55555 55555555
  private static final double PS1 = -3.25565818622400915405e-01; // 0xBFD4D612 03EB6F7D
  private static final double PS2 = 2.01212532134862925881e-01; // 0x3FC9C155 0E884455
  private static final double PS3 = -4.00555345006794114027e-02; // 0xBFA48228 B5688F3B
  private static final double PS4 = 7.91534994289814532176e-04; // 0x3F49EFE0 7501B288
  private static final double PS5 = 3.47933107596021167570e-05; // 0x3F023DE1 0DFDF709
  private static final double QS1 = -2.40339491173441421878e+00; // 0xC0033A27 1C8A2D4B
  private static final double QS2 = 2.02094576023350569471e+00; // 0x40002AE5 9C598AC8
  private static final double QS3 = -6.88283971605453293030e-01; // 0xBFE6066C 1B8D0159
  private static final double QS4 = 7.70381505559019352791e-02; // 0x3FB3B8C5 B12E9282

  private Fdlibm() {}

  /** The high 32 bits of a double (fdlibm's {@code __HI}). */
  private static int hi(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> 32);
  }

  /** The low 32 bits of a double (fdlibm's {@code __LO}). */
  private static int lo(double x) {
    return (int) Double.doubleToRawLongBits(x);
  }

  /** The arc tangent of {@code x}, in radians, bit for bit {@code StrictMath.atan(x)}. */
  public static double atan(double x) {
    int hx = hi(x);
    int ix = hx & 0x7fffffff;
    int id;
    if (ix >= 0x44100000) { // |x| >= 2^66
      if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lo(x) != 0)) {
        return x + x; // NaN
      }
      return hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
    }
    if (ix < 0x3fdc0000) { // |x| < 0.4375
      if (ix < 0x3e200000) { // |x| < 2^-29
        return x;
      }
      id = -1;
    } else {
      x = Math.abs(x);
      if (ix < 0x3ff30000) { // |x| < 1.1875
        if (ix < 0x3fe60000) { // 7/16 <= |x| < 11/16
          id = 0;
          x = (2.0 * x - 1.0) / (2.0 + x);
        } else { // 11/16 <= |x| < 19/16
          id = 1;
          x = (x - 1.0) / (x + 1.0);
        }
      } else {
        if (ix < 0x40038000) { // |x| < 2.4375
          id = 2;
          x = (x - 1.5) / (1.0 + 1.5 * x);
        } else { // 2.4375 <= |x| < 2^66
          id = 3;
          x = -1.0 / x;
        }
      }
    }
    double z = x * x;
    double w = z * z;
    // The sum of AT[i] z^(i+1), i = 0..10, split into odd and even polynomials.
    double s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
    double s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
    if (id < 0) {
      return x - x * (s1 + s2);
    }
    z = ATAN_HI[id] - ((x * (s1 + s2) - ATAN_LO[id]) - x);
    return hx < 0 ? -z : z;
  }

  /**
   * The angle of the point {@code (x, y)} from the positive x axis, in radians in [-π, π], bit for
   * bit {@code StrictMath.atan2(y, x)}.
   */
  public static double atan2(double y, double x) {
    int hx = hi(x);
    int ix = hx & 0x7fffffff;
    int lx = lo(x);
    int hy = hi(y);
    int iy = hy & 0x7fffffff;
    int ly = lo(y);
    if ((ix | ((lx | -lx) >>> 31)) > 0x7ff00000 || (iy | ((ly | -ly) >>> 31)) > 0x7ff00000) {
      // x or y is NaN. fdlibm returns x + y, which on x86-64 is the first NaN operand, quieted;
      // Java's x + y may return either, so the operand is chosen here.
      return (ix | ((lx | -lx) >>> 31)) > 0x7ff00000 ? x + x : y + y;
    }
    if (((hx - 0x3ff00000) | lx) == 0) {
      return atan(y); // x = 1.0
    }
    int m = ((hy >> 31) & 1) | ((hx >> 30) & 2); // 2 * sign(x) + sign(y)

    if ((iy | ly) == 0) { // y = 0
      switch (m) {
        case 0:
        case 1:
          return y; // atan(+-0, +anything) = +-0
        case 2:
          return PI + TINY; // atan(+0, -anything) = pi
        default:
          return -PI - TINY; // atan(-0, -anything) = -pi
      }
    }
    if ((ix | lx) == 0) { // x = 0
      return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY;
    }
    if (ix == 0x7ff00000) { // x is infinite
      if (iy == 0x7ff00000) {
        switch (m) {
          case 0:
            return PI_O_4 + TINY;
          case 1:
            return -PI_O_4 - TINY;
          case 2:
            return 3.0 * PI_O_4 + TINY;
          default:
            return -3.0 * PI_O_4 - TINY;
        }
      } else {
        switch (m) {
          case 0:
            return 0.0;
          case 1:
            return -0.0;
          case 2:
            return PI + TINY;
          default:
            return -PI - TINY;
        }
      }
    }
    if (iy == 0x7ff00000) { // y is infinite
      return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY;
    }

    int k = (iy - ix) >> 20;
    double z;
    if (k > 60) { // |y / x| > 2^60
      z = PI_O_2 + 0.5 * PI_LO;
    } else if (hx < 0 && k < -60) { // |y| / x < -2^60
      z = 0.0;
    } else {
      z = atan(Math.abs(y / x));
    }
    switch (m) {
      case 0:
        return z; // atan(+, +)
      case 1:
        return -z; // atan(-, +)
      case 2:
        return PI - (z - PI_LO); // atan(+, -)
      default:
        return (z - PI_LO) - PI; // atan(-, -)
    }
  }

  /** The arc sine of {@code x}, in radians in [-π/2, π/2], bit for bit {@code StrictMath.asin}. */
  @SuppressWarnings("IdentityBinaryExpression") // (x - x) / (x - x): fdlibm's NaN, bits and all
  public static double asin(double x) {
    int hx = hi(x);
    int ix = hx & 0x7fffffff;
    if (ix >= 0x3ff00000) { // |x| >= 1
      if (((ix - 0x3ff00000) | lo(x)) == 0) {
        return x * PIO2_HI + x * PIO2_LO; // asin(+-1) = +-pi/2
      }
      return (x - x) / (x - x); // |x| > 1 or NaN: NaN
    }
    if (ix < 0x3fe00000) { // |x| < 0.5
      if (ix < 0x3e400000) { // |x| < 2^-27
        return x;
      }
      double t = x * x;
      double p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
      double q = 1.0 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
      double w = p / q;
      return x + x * w;
    }
    // 0.5 <= |x| < 1
    double w = 1.0 - Math.abs(x);
    double t = w * 0.5;
    double p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
    double q = 1.0 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
    double s = Math.sqrt(t);
    if (ix >= 0x3FEF3333) { // |x| > 0.975
      w = p / q;
      t = PIO2_HI - (2.0 * (s + s * w) - PIO2_LO);
    } else {
      w = Double.longBitsToDouble(Double.doubleToRawLongBits(s) & 0xffffffff00000000L);
      double c = (t - w * w) / (s + w);
      double r = p / q;
      p = 2.0 * s * r - (PIO2_LO - 2.0 * c);
      q = PIO4_HI - 2.0 * w;
      t = PIO4_HI - (p - q);
    }
    return hx > 0 ? t : -t;
  }
}
