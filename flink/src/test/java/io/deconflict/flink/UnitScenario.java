package io.deconflict.flink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;

/**
 * A seeded live scenario: units of three parties in a box of about 90 by 90 km around 40.5° E 36.9°
 * N, each driving straight at 5 to 20 m/s, some turning once, some falling silent, each reporting
 * its position, course and speed every 10 s (at an offset of its own) for half an hour.
 */
final class UnitScenario {

  static final long START = java.time.Instant.parse("2027-03-01T08:00:00Z").toEpochMilli();
  private static final String[] PARTIES = {"blue", "red", "green"};

  private UnitScenario() {}

  /** The reports in time order, versions rising per unit in that order. */
  static List<UnitReport> reports(long seed, int units, long durationMillis) {
    Random random = new Random(seed);
    List<UnitReport> out = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      String party = PARTIES[u % 3];
      String unit = "u-" + u;
      double lon = 40.0 + random.nextDouble();
      double lat = 36.5 + random.nextDouble() * 0.8;
      double course = random.nextDouble() * 360;
      double speed = 5 + random.nextDouble() * 15;
      long offset = random.nextInt(10_000);
      long turn = random.nextDouble() < 0.4 ? (long) (random.nextDouble() * durationMillis) : -1;
      long silent =
          random.nextDouble() < 0.1
              ? (long) (random.nextDouble() * durationMillis)
              : Long.MAX_VALUE;
      double newCourse = random.nextDouble() * 360;
      for (long t = offset; t < durationMillis && t < silent; t += 10_000) {
        if (turn >= 0 && t >= turn && t - 10_000 < turn) {
          course = newCourse;
        }
        double c = course >= 360 ? course - 360 : course < 0 ? course + 360 : course;
        out.add(
            new UnitReport(
                party + "/" + unit,
                0,
                party,
                unit,
                START + t,
                lon,
                lat,
                c,
                Math.rint(speed * 100) / 100,
                Double.NaN));
        GeodesicData d = Geodesic.WGS84.Direct(lat, lon, c, speed * 10);
        lat = d.lat2;
        lon = d.lon2;
        course = d.azi2;
      }
    }
    out.sort(Comparator.comparingLong(UnitReport::timeMillis).thenComparing(UnitReport::key));
    List<UnitReport> versioned = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      UnitReport r = out.get(i);
      versioned.add(
          new UnitReport(
              r.key(),
              i,
              r.party(),
              r.unit(),
              r.timeMillis(),
              r.lon(),
              r.lat(),
              r.courseDegrees(),
              r.speedMps(),
              r.accuracyMeters()));
    }
    return versioned;
  }
}
