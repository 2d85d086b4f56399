package io.deconflict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@link LiveFleet} reported the velocity of its local frame as course and speed, but
 * the frame is not conformal, so the reported course drifted from the motion of the reported
 * positions by up to 3.5 % of the northward speed (2° for a unit heading north at the region's east
 * edge) and dead reckoning saw departures that were the bench's, not the units'. The reported
 * course and speed must be those of the positions' own motion on the ellipsoid.
 */
class LiveFleetReportsItsGroundVelocityTest {

  private static final double H = 0.05;

  @Test
  void theFramesGroundVelocityIsTheMotionOfTheMappedPoint() {
    LocalFrame frame = new LocalFrame(ScenarioGenerator.CENTER_LON, ScenarioGenerator.CENTER_LAT);
    SplittableRandom random = new SplittableRandom(16);
    double[] out = new double[2];
    for (int i = 0; i < 2_000; i++) {
      double x = random.nextDouble(-200_000, 200_000);
      double y = random.nextDouble(-200_000, 200_000);
      double vx = random.nextDouble(-25, 25);
      double vy = random.nextDouble(-25, 25);
      double[] truth = motion(frame, x - vx * H, y - vy * H, x + vx * H, y + vy * H);
      frame.groundVelocity(x, frame.lat(y), vx, vy, out);
      assertThat(Math.hypot(out[0] - truth[0], out[1] - truth[1]))
          .as("at %s, %s moving %s, %s", x, y, vx, vy)
          .isLessThan(1e-4);
    }
  }

  @Test
  void reportedCourseAndSpeedFollowTheReportedPositions() {
    LiveFleet fleet = new LiveFleet(20221008, 400);
    double[] s = new double[4];
    double[] before = new double[4];
    double[] after = new double[4];
    double worstDegrees = 0;
    for (int unit = 0; unit < fleet.size(); unit++) {
      for (double t : new double[] {1_000.5, 4_321.25, 9_876.75}) {
        fleet.state(unit, t, s);
        fleet.state(unit, t - H, before);
        fleet.state(unit, t + H, after);
        GeodesicData g = Geodesic.WGS84.Inverse(before[1], before[0], after[1], after[0]);
        double speed = g.s12 / (2 * H);
        if (speed < 1 || Math.abs(speed - s[3]) > 0.01) {
          continue; // a bend or a turn between the two points: no single course to compare
        }
        double course = (g.azi1 + g.azi2) / 2;
        double diff = Math.abs(((course - s[2]) % 360 + 540) % 360 - 180);
        worstDegrees = Math.max(worstDegrees, diff);
        assertThat(diff).as("unit %d at %s s", unit, t).isLessThan(0.01);
      }
    }
    assertThat(worstDegrees).isLessThan(0.01);
  }

  /** East and north velocity of the geodesic from frame point 1 to 2 over {@code 2 H} seconds. */
  private static double[] motion(LocalFrame frame, double x1, double y1, double x2, double y2) {
    double lat1 = frame.lat(y1);
    double lat2 = frame.lat(y2);
    GeodesicData g = Geodesic.WGS84.Inverse(lat1, frame.lon(x1, lat1), lat2, frame.lon(x2, lat2));
    double azi = Math.toRadians((g.azi1 + g.azi2) / 2);
    double v = g.s12 / (2 * H);
    return new double[] {v * Math.sin(azi), v * Math.cos(azi)};
  }
}
