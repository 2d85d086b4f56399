package io.deconflict.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import org.junit.jupiter.api.Test;

/** The generator's fast distance against the WGS84 geodesic. */
class LocalFrameTest {

  @Test
  void shortDistancesAgreeWithTheGeodesic() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      double lat1 = random.nextDouble(34.8, 38.8);
      double lon1 = random.nextDouble(38.0, 43.0);
      double lat2 = lat1 + random.nextDouble(-0.18, 0.18);
      double lon2 = lon1 + random.nextDouble(-0.22, 0.22);
      double exact = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE).s12;
      double fast = LocalFrame.distanceMeters(lon1, lat1, lon2, lat2);
      assertThat(Math.abs(fast - exact))
          .as("from %s,%s to %s,%s", lon1, lat1, lon2, lat2)
          .isLessThanOrEqualTo(1e-5 * exact + 1e-6);
    }
  }
}
