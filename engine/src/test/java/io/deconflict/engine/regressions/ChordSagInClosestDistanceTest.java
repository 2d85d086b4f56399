package io.deconflict.engine.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.detect.Detectors;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Validity;
import io.deconflict.engine.item.Waypoint;
import java.time.Instant;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;

/**
 * Bug: the closest distance was measured between chord points, which sag up to 2 m below the
 * ellipsoid in the middle of a 10 km piece. A movement passing right over a site, or two movements
 * crossing where only one is mid-piece, reported up to 2 m instead of 0.
 */
class ChordSagInClosestDistanceTest {

  private static final Instant T0 = Instant.parse("2022-10-08T09:00:00Z");

  @Test
  void movementOverSiteCentreMidPieceReportsZeroDistance() {
    GeodesicData end = Geodesic.WGS84.Direct(45, 10, 0, 9_999);
    Movement m =
        new Movement(
            "m",
            "US",
            List.of(Waypoint.of(10, 45, T0), Waypoint.of(end.lon2, end.lat2, T0.plusSeconds(1000))),
            100);
    GeodesicData middle = Geodesic.WGS84.Direct(45, 10, 0, 9_999 / 2.0);
    Site s = new Site("s", "RU", GeoPoint.of(middle.lon2, middle.lat2), 200, Validity.always());
    for (Detector d : List.of(Detectors.bruteForce(), Detectors.indexed())) {
      List<Conflict> conflicts = d.putAll(List.of(m, s)).appeared();
      assertThat(conflicts).hasSize(1);
      assertThat(conflicts.get(0).closest().orElseThrow().distanceMeters()).isLessThan(0.05);
    }
  }

  @Test
  void crossingWhereOnlyOneTrackIsMidPieceReportsZeroDistance() {
    // a: 10 km west to east whose middle is the crossing point; b: a short leg north ending there.
    GeodesicData west = Geodesic.WGS84.Direct(37, 41, 270, 5_000);
    GeodesicData east = Geodesic.WGS84.Direct(37, 41, 90, 5_000);
    GeodesicData south = Geodesic.WGS84.Direct(37, 41, 180, 500);
    Movement a =
        new Movement(
            "a",
            "US",
            List.of(
                Waypoint.of(west.lon2, west.lat2, T0),
                Waypoint.of(east.lon2, east.lat2, T0.plusSeconds(1000))),
            300);
    Movement b =
        new Movement(
            "b",
            "RU",
            List.of(
                Waypoint.of(south.lon2, south.lat2, T0.plusSeconds(450)),
                Waypoint.of(41, 37, T0.plusSeconds(500)),
                Waypoint.of(41, 37, T0.plusSeconds(600))),
            300);
    for (Detector d : List.of(Detectors.bruteForce(), Detectors.indexed())) {
      List<Conflict> conflicts = d.putAll(List.of(a, b)).appeared();
      assertThat(conflicts).hasSize(1);
      assertThat(conflicts.get(0).closest().orElseThrow().distanceMeters()).isLessThan(0.05);
      assertThat(conflicts.get(0).closest().orElseThrow().time())
          .isBetween(T0.plusMillis(499_000), T0.plusMillis(501_000));
    }
  }
}
