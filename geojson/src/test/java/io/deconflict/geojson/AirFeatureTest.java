package io.deconflict.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Altitudes, bands and vertical separations in features (formats.md, D37). */
class AirFeatureTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIMES =
      "\"times\": [\"2025-01-01T10:00:00Z\", \"2025-01-01T10:10:00Z\", \"2025-01-01T10:20:00Z\"]";

  private static Item movement(String properties, String coordinates) throws Exception {
    String feature =
        "{\"type\": \"Feature\", \"id\": \"m\", \"properties\": {\"kind\": \"movement\","
            + " \"party\": \"US\", "
            + TIMES
            + properties
            + "}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
            + coordinates
            + "}}";
    return GeoJsonFeatures.parse(JSON.readTree(feature), 1000, 450);
  }

  private static final String FLAT = "[[38.0, 36.0], [38.1, 36.1], [38.2, 36.2]]";

  @Test
  void aMovementWithoutBandsIsOnTheGroundWithTheGivenVerticalSeparation() throws Exception {
    Movement m = (Movement) movement("", "[[38.0, 36.0, 2000], [38.1, 36.1, 2100], [38.2, 36.2]]");

    assertThat(m.bands()).isEmpty();
    assertThat(m.isAirborne()).isFalse();
    assertThat(m.verticalSeparationMeters()).isEqualTo(450);
  }

  @Test
  void readsOneBandPerLegAndAVerticalSeparation() throws Exception {
    Movement m =
        (Movement)
            movement(
                ", \"bands\": [[1000, 1500], [2000, 2500.5]], \"verticalSeparationMeters\": 150",
                "[[38.0, 36.0, 1200], [38.1, 36.1, 2000], [38.2, 36.2, 2400]]");

    assertThat(m.bands()).containsExactly(Band.of(1000, 1500), Band.of(2000, 2500.5));
    assertThat(m.verticalSeparationMeters()).isEqualTo(150);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"bands\": [[1000, 1500]]|properties.bands has 1 band for 2 legs",
        "\"bands\": [1000, 1500]|properties.bands[0] must be a band [floor, ceiling]",
        "\"bands\": {\"floor\": 1}|properties.bands must be an array",
        "\"bands\": [[1500, 1000], [0, 1]]|properties.bands[0] floor 1500 m is above its ceiling"
            + " 1000 m",
        "\"bands\": [[0, 1], [0, 200000]]|properties.bands[1][1] ceiling 200000 m is not in"
            + " [-1000, 100000]",
        "\"bands\": [[0, 1], [\"low\", 2]]|properties.bands[1][0] floor must be a finite number",
        "\"verticalSeparationMeters\": 0|properties.verticalSeparationMeters must be > 0",
        "\"verticalSeparationMeters\": 20000|properties.verticalSeparationMeters 20000 is more"
            + " than the limit of 10000",
      })
  void refusesBadBandsNamingTheField(String properties, String message) {
    assertThatThrownBy(() -> movement(", " + properties, FLAT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void anAltitudeOutsideItsLegsBandsIsRefused() {
    assertThatThrownBy(
            () ->
                movement(
                    ", \"bands\": [[1000, 1500], [2000, 2500]]",
                    "[[38.0, 36.0, 1200], [38.1, 36.1, 1800], [38.2, 36.2, 2400]]"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "geometry.coordinates[1][2] altitude 1800 m is outside properties.bands[1] [2000,"
                + " 2500] and properties.bands[0]");
  }

  @Test
  void sitesAndZonesTakeAnOptionalBand() throws Exception {
    String site =
        "{\"type\": \"Feature\", \"id\": \"s\", \"properties\": {\"kind\": \"site\", \"party\":"
            + " \"US\", \"radiusMeters\": 500, \"band\": [0, 3000]}, \"geometry\": {\"type\":"
            + " \"Point\", \"coordinates\": [38.0, 36.0]}}";
    String zone =
        "{\"type\": \"Feature\", \"id\": \"z\", \"properties\": {\"kind\": \"zone\", \"party\":"
            + " \"US\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[38, 36], [38.1,"
            + " 36], [38.1, 36.1], [38, 36]]]}}";

    assertThat(((Site) GeoJsonFeatures.parse(JSON.readTree(site), 1000)).band())
        .isEqualTo(Band.of(0, 3000));
    assertThat(((Zone) GeoJsonFeatures.parse(JSON.readTree(zone), 1000)).band())
        .isEqualTo(Band.GROUND);
    assertThatThrownBy(
            () ->
                GeoJsonFeatures.parse(
                    JSON.readTree(site.replace("[0, 3000]", "[0, \"high\"]")), 1000))
        .hasMessageContaining("properties.band[1] ceiling must be a finite number");
  }
}
