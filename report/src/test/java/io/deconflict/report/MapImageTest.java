package io.deconflict.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline map: the web's borders are drawn, the frame fits the marks, marks land where
 * projected.
 */
class MapImageTest {

  private static final double[] HASAKAH = {40.748, 36.502};
  private static final double[] QAMISHLI = {41.231, 37.052};

  @Test
  void theWebMapsBordersAreReadFromTheWebJar() {
    List<TopoJson.Shape> countries = BaseMap.borders().countries();
    assertThat(countries).hasSizeGreaterThan(200);
    TopoJson.Shape syria =
        countries.stream().filter(c -> c.name().equals("Syria")).findFirst().orElseThrow();
    var factory = new org.locationtech.jts.geom.GeometryFactory();
    assertThat(
            syria
                .geometry()
                .contains(
                    factory.createPoint(
                        new org.locationtech.jts.geom.Coordinate(HASAKAH[0], HASAKAH[1]))))
        .isTrue();
  }

  @Test
  void landIsShadedWhereTheBordersPutIt() {
    MapFrame frame = MapFrame.fit(List.of(HASAKAH, QAMISHLI), 400, 300);
    List<MapImage.Mark> none = List.of();
    BufferedImage withBorders = MapImage.draw(BaseMap.borders(), none, frame, 1);
    BufferedImage blank = MapImage.draw(BaseMap.blank(), none, frame, 1);
    Point2D p = frame.pixel(40.9, 36.6); // between Hasakah and the Hittin junction, in Syria
    Color land = new Color(withBorders.getRGB((int) p.getX(), (int) p.getY()));
    Color ground = new Color(blank.getRGB((int) p.getX(), (int) p.getY()));
    assertThat(ground).isEqualTo(MapImage.SEA);
    assertThat(land).isNotEqualTo(MapImage.SEA);
    assertThat(land.getRed()).isGreaterThan(220); // one of the web map's pale land shades
  }

  @Test
  void aLonePlaceGetsAFrameOfAtLeastTheMinimumSpan() {
    MapFrame frame = MapFrame.fit(List.<double[]>of(HASAKAH), 400, 400);
    Point2D centre = frame.pixel(HASAKAH[0], HASAKAH[1]);
    assertThat(centre.getX()).isCloseTo(200, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(centre.getY()).isCloseTo(200, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(frame.metersPerPixel() * 400)
        .isGreaterThanOrEqualTo(MapFrame.MIN_SPAN_METERS * 0.999);
  }

  @Test
  void aMarkIsDrawnAtItsProjectedPixel() {
    MapFrame frame = MapFrame.fit(List.of(HASAKAH, QAMISHLI), 500, 400);
    BufferedImage image =
        MapImage.draw(
            BaseMap.borders(),
            List.of(
                new MapImage.Mark(MapImage.Kind.CONFLICT, "al-1", HASAKAH[0], HASAKAH[1]),
                new MapImage.Mark(MapImage.Kind.INCIDENT, "in-1", QAMISHLI[0], QAMISHLI[1])),
            frame,
            1);
    Point2D c = frame.pixel(HASAKAH[0], HASAKAH[1]);
    Point2D i = frame.pixel(QAMISHLI[0], QAMISHLI[1]);
    assertThat(new Color(image.getRGB((int) c.getX(), (int) c.getY())))
        .isEqualTo(MapImage.CONFLICT);
    assertThat(new Color(image.getRGB((int) i.getX(), (int) i.getY())))
        .isEqualTo(MapImage.INCIDENT);
  }

  @Test
  void aFrameNeedsAPlace() {
    assertThatThrownBy(() -> MapFrame.fit(List.of(), 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one position");
  }
}
