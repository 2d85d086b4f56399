package io.deconflict.bench;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Wgs84;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * What a conflict's closest approach costs to convert (D44): the conversions {@code Pairs.closest}
 * does for every conflict, two {@link Wgs84#toGeo} with the surface point and one {@link
 * Wgs84#arcOfChord}, over 65,536 pairs of points in the bench's region. Prints the fastest of 30
 * repetitions (after 10 of warm-up) in processor time of the thread, nanoseconds per conflict. It
 * uses only the engine's public API, so run against an older jar it measures the code before;
 * alternate the two a few times on a shared machine:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.deconflict.bench.ConversionCost
 * </pre>
 */
public final class ConversionCost {

  private static final int POINTS = 1 << 16;

  private ConversionCost() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] ecef = new double[6 * POINTS];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2 * POINTS; i++) {
      Wgs84.toEcef(random.nextDouble(38, 43), random.nextDouble(34.5, 39), ecef, 3 * i);
    }
    double[] p = new double[9];
    double sink = 0;
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < 40; rep++) {
      long c0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < POINTS; i++) {
        int at = 6 * i;
        GeoPoint a = Wgs84.toGeo(ecef[at], ecef[at + 1], ecef[at + 2], p, 3);
        GeoPoint b = Wgs84.toGeo(ecef[at + 3], ecef[at + 4], ecef[at + 5], p, 6);
        double dx = p[3] - p[6];
        double dy = p[4] - p[7];
        double dz = p[5] - p[8];
        sink += a.lon() + b.lat() + Wgs84.arcOfChord(Math.sqrt(dx * dx + dy * dy + dz * dz));
      }
      double nanos = (threads.getCurrentThreadCpuTime() - c0) / (double) POINTS;
      if (rep >= 10) {
        best = Math.min(best, nanos);
      }
    }
    System.out.printf(
        "closest-approach conversions: %.1f ns per conflict (fastest of 30; checksum %s)%n",
        best, sink);
  }
}
