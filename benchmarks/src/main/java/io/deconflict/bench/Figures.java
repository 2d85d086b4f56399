package io.deconflict.bench;

import java.util.List;
import java.util.Locale;

/** How the benchmarks' tables write their figures. */
final class Figures {

  /** A latency without samples. */
  static final Latency NO_SAMPLES = new Latency(0, 0, 0, 0, 0);

  private static final double NANOS_PER_MILLI = 1e6;

  private Figures() {}

  /** Nanoseconds as milliseconds with two decimals. */
  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / NANOS_PER_MILLI);
  }

  /** A figure of {@code of} in ms, or a dash if it has no samples. */
  static String ms(Latency of, long nanos) {
    return of.count() == 0 ? "—" : ms(nanos);
  }

  /** A whole number with thousands separators: {@code 100,000}. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** The latency of the values, or {@link #NO_SAMPLES} if there are none. */
  static Latency latency(List<Long> values) {
    if (values.isEmpty()) {
      return NO_SAMPLES;
    }
    long[] a = new long[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return Latency.of(a);
  }
}
