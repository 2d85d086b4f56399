package io.deconflict.engine.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.geo.GeoPoint;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Regression (found by the browser test {@code line-zone}): the outline of a side zone that turns
 * away from its side is the union of a strip per segment and the wedge at the turn, which share
 * edges only up to rounding; the union came out as separate pieces, and only the largest was kept,
 * so the map shaded one segment's side and not the other's.
 */
class SideOutlineKeepsEverySegmentTest {

  @Test
  void theOutlineOfASideThatTurnsAwayCoversBothSegments() {
    List<GeoPoint> line =
        List.of(GeoPoint.of(39.5, 35.2), GeoPoint.of(39.55, 35.5), GeoPoint.of(39.5, 35.8));
    Zone zone =
        new Zone(
            "z",
            "ru",
            new ZoneGeometry.Side(line, ZoneGeometry.Hand.RIGHT, 30_000),
            Validity.always());

    Polygon outline = zone.polygon();

    for (int i = 0; i < 2; i++) {
      GeoPoint a = line.get(i);
      GeoPoint b = line.get(i + 1);
      GeoPoint mid = GeoPoint.of((a.lon() + b.lon()) / 2, (a.lat() + b.lat()) / 2);
      GeoPoint right = direct(mid, 90, 15_000);
      GeoPoint left = direct(mid, 270, 15_000);
      assertThat(covers(outline, right)).as("15 km right of segment %d", i).isTrue();
      assertThat(covers(outline, left)).as("15 km left of segment %d", i).isFalse();
    }
    assertThat(covers(outline, direct(line.get(1), 90, 20_000))).as("in the wedge").isTrue();
  }

  private static boolean covers(Polygon outline, GeoPoint p) {
    return outline.contains(new GeometryFactory().createPoint(new Coordinate(p.lon(), p.lat())));
  }

  private static GeoPoint direct(GeoPoint from, double azimuth, double meters) {
    GeodesicData d = Geodesic.WGS84.Direct(from.lat(), from.lon(), azimuth, meters);
    return GeoPoint.of(d.lon2, d.lat2);
  }
}
