package io.deconflict.engine.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Wgs84#toGeo} against its inverse {@link Wgs84#toEcef} on seeded random points (everywhere,
 * poles and the antimeridian included), and the surface point it writes against {@link
 * Wgs84#toEcef} of the position it returns.
 */
class Wgs84Test {

  private static final long SEED = 20221008L;

  @Test
  void toGeoInvertsToEcefEverywhere() {
    SplittableRandom random = new SplittableRandom(SEED);
    double[] ecef = new double[3];
    for (int i = 0; i < 100_000; i++) {
      double lon = random.nextDouble(-180, 180);
      double lat = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
      Wgs84.toEcef(lon, lat, ecef, 0);
      GeoPoint g = Wgs84.toGeo(ecef[0], ecef[1], ecef[2]);
      assertThat(g.lat()).as("latitude of %s, %s", lon, lat).isCloseTo(lat, within(1e-10));
      if (Math.abs(lat) < 89.9999) {
        assertThat(Math.abs(wrap(g.lon() - lon)))
            .as("longitude of %s, %s", lon, lat)
            .isLessThan(1e-10);
      }
    }
  }

  @Test
  void surfacePointIsToEcefOfTheResult() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    double[] ecef = new double[3];
    double[] surface = new double[6];
    for (int i = 0; i < 100_000; i++) {
      double lon = random.nextDouble(-180, 180);
      double lat = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
      double height = random.nextDouble(-10, 10);
      Wgs84.toEcef(lon, lat, ecef, 0);
      // A chord point: up to 10 m off the surface along the radius, as a chord sags.
      double r = Math.sqrt(ecef[0] * ecef[0] + ecef[1] * ecef[1] + ecef[2] * ecef[2]);
      double k = 1 + height / r;
      GeoPoint g = Wgs84.toGeo(ecef[0] * k, ecef[1] * k, ecef[2] * k, surface, 3);
      Wgs84.toEcef(g.lon(), g.lat(), surface, 0);
      for (int d = 0; d < 3; d++) {
        assertThat(surface[3 + d])
            .as("axis %d at %s, %s", d, lon, lat)
            .isCloseTo(surface[d], within(1e-6));
      }
    }
  }

  @Test
  void poleAndAntimeridian() {
    double[] ecef = new double[3];
    double[] surface = new double[3];
    Wgs84.toEcef(0, 90, ecef, 0);
    GeoPoint north = Wgs84.toGeo(ecef[0], ecef[1], ecef[2], surface, 0);
    assertThat(north.lat()).isCloseTo(90, within(1e-12));
    assertThat(north.lon()).isCloseTo(0, within(1e-12));
    assertThat(surface[2]).isCloseTo(Wgs84.B, within(1e-6));
    Wgs84.toEcef(180, 0, ecef, 0);
    assertThat(Math.abs(Wgs84.toGeo(ecef[0], ecef[1], ecef[2]).lon()))
        .isCloseTo(180, within(1e-12));
  }

  private static double wrap(double degrees) {
    return degrees - 360 * Math.rint(degrees / 360);
  }
}
