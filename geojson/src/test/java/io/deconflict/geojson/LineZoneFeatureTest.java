package io.deconflict.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.item.Zone;
import io.deconflict.engine.item.ZoneGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Zones whose geometry is a LineString, with a side or a buffer (formats.md, D34). */
class LineZoneFeatureTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINE = "[[38.0, 36.0], [38.1, 36.5], [38.05, 37.0]]";

  private static Zone parse(String properties, String coordinates) throws Exception {
    String feature =
        "{\"type\": \"Feature\", \"id\": \"z\", \"properties\": {\"kind\": \"zone\", \"party\":"
            + " \"RU\""
            + properties
            + "}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
            + coordinates
            + "}}";
    return (Zone) GeoJsonFeatures.parse(JSON.readTree(feature), 1000);
  }

  @Test
  void readsABufferAroundALine() throws Exception {
    Zone zone = parse(", \"bufferMeters\": 5000", LINE);

    assertThat(zone.geometry())
        .isEqualTo(
            new ZoneGeometry.Buffer(
                java.util.List.of(
                    GeoPoint.of(38.0, 36.0), GeoPoint.of(38.1, 36.5), GeoPoint.of(38.05, 37.0)),
                5000));
    assertThat(
            zone.polygon()
                .contains(
                    zone.polygon()
                        .getFactory()
                        .createPoint(new org.locationtech.jts.geom.Coordinate(38.1, 36.5))))
        .as("the outline covers the line")
        .isTrue();
  }

  @Test
  void readsASideWithTheDefaultDepth() throws Exception {
    Zone zone = parse(", \"side\": \"right\"", LINE);

    ZoneGeometry.Side side = (ZoneGeometry.Side) zone.geometry();
    assertThat(side.hand()).isEqualTo(ZoneGeometry.Hand.RIGHT);
    assertThat(side.depthMeters()).isEqualTo(ZoneGeometry.MAX_REACH_METERS);
    assertThat(parse(", \"side\": \"left\", \"depthMeters\": 2500", LINE).geometry())
        .extracting(g -> ((ZoneGeometry.Side) g).depthMeters())
        .isEqualTo(2500.0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "both a side and a buffer|, \"side\": \"left\", \"bufferMeters\": 10|"
            + "properties.side and properties.bufferMeters are both given",
        "neither|, \"name\": \"x\"|properties.side or properties.bufferMeters is missing",
        "a buffer of 0|, \"bufferMeters\": 0|properties.bufferMeters must be > 0, got 0",
        "a buffer too large|, \"bufferMeters\": 100001|"
            + "properties.bufferMeters 100001 is more than the limit of 100000",
        "a depth with a buffer|, \"bufferMeters\": 10, \"depthMeters\": 5|"
            + "properties.depthMeters applies only to a side zone",
        "an unknown side|, \"side\": \"west\"|properties.side \"west\" is not \"left\" or \"right\"",
        "a negative depth|, \"side\": \"left\", \"depthMeters\": -1|"
            + "properties.depthMeters must be > 0, got -1",
      })
  void refusesBadLineProperties(String what, String properties, String message) {
    assertThatThrownBy(() -> parse(properties, LINE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void refusesADegenerateLine() {
    assertThatThrownBy(() -> parse(", \"bufferMeters\": 10", "[[38.0, 36.0], [38.0, 36.0]]"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "geometry.coordinates[1] is the same position as geometry.coordinates[0]");
    assertThatThrownBy(() -> parse(", \"bufferMeters\": 10", "[[38.0, 36.0]]"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "geometry.coordinates has 1 position; a line zone needs at least 2");
  }

  @Test
  void refusesALineAcrossTheAntimeridianOrBeyondTheLatitudeLimit() {
    assertThatThrownBy(() -> parse(", \"bufferMeters\": 10", "[[179.9, 0], [-179.9, 0]]"))
        .hasMessageStartingWith("geometry.coordinates[1] crosses the antimeridian");
    assertThatThrownBy(() -> parse(", \"bufferMeters\": 10", "[[10, 84], [10, 86]]"))
        .hasMessageStartingWith("geometry.coordinates[1][1] latitude 86 is beyond 85.0 degrees");
  }

  @Test
  void refusesLinePropertiesOnAPolygon() throws Exception {
    String feature =
        "{\"type\": \"Feature\", \"id\": \"z\", \"properties\": {\"kind\": \"zone\", \"party\":"
            + " \"RU\", \"bufferMeters\": 10}, \"geometry\": {\"type\": \"Polygon\","
            + " \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}";
    assertThatThrownBy(() -> GeoJsonFeatures.parse(JSON.readTree(feature), 1000))
        .hasMessageStartingWith("properties.bufferMeters applies only to a line zone");
  }
}
