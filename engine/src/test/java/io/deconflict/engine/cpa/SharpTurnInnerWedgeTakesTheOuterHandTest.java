package io.deconflict.engine.cpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.ZoneGeometry;
import io.deconflict.engine.reference.LineReference;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;

/**
 * Regression (D34, found on seed 5 of {@code LineZoneScenarioTest}): where a line turns by more
 * than 90 degrees, a small wedge on the inside of the turn is nearest to the vertex, and the hand
 * against each of the two segments disagrees there. The definition gives such points the outer hand
 * of the turn; the first reference took the raw hand against the first segment, and disagreed with
 * the engine on exactly those points.
 */
class SharpTurnInnerWedgeTakesTheOuterHandTest {

  @Test
  void aPointInTheInnerWedgeOfASharpLeftTurnIsOnTheRight() {
    GeoPoint v = GeoPoint.of(20, 10);
    // East into v, then back out to the north-west: a left turn of 135 degrees.
    GeoPoint before = direct(v, 270, 5000);
    GeoPoint after = direct(v, 315, 5000);
    List<GeoPoint> line = List.of(before, v, after);
    // North-east of v, past the end of the first segment (left of it if it went on) and before
    // the start of the second (right of it if it went back): its nearest point is v.
    GeoPoint wedge = direct(v, 60, 300);
    ZoneGeometry right = new ZoneGeometry.Side(line, ZoneGeometry.Hand.RIGHT, 2000);
    ZoneGeometry left = new ZoneGeometry.Side(line, ZoneGeometry.Hand.LEFT, 2000);

    assertThat(new LineRegion(right).contains(wedge)).as("engine, right").isTrue();
    assertThat(new LineRegion(left).contains(wedge)).as("engine, left").isFalse();
    assertThat(LineReference.inside(right, wedge)).as("reference, right").isTrue();
    assertThat(LineReference.inside(left, wedge)).as("reference, left").isFalse();
  }

  private static GeoPoint direct(GeoPoint from, double azimuth, double meters) {
    GeodesicData d = Geodesic.WGS84.Direct(from.lat(), from.lon(), azimuth, meters);
    return GeoPoint.of(d.lon2, d.lat2);
  }
}
