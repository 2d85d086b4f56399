package io.deconflict.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Participant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Participants of joint movements in features (formats.md, D39). */
class JointFeatureTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Movement movement(String participants) throws Exception {
    String feature =
        "{\"type\": \"Feature\", \"id\": \"m\", \"properties\": {\"kind\": \"movement\","
            + " \"party\": \"RU\", \"times\": [\"2025-01-01T10:00:00Z\","
            + " \"2025-01-01T10:10:00Z\", \"2025-01-01T10:20:00Z\", \"2025-01-01T10:30:00Z\"],"
            + " \"participants\": "
            + participants
            + "}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[38.0, 36.0],"
            + " [38.1, 36.1], [38.2, 36.2], [38.3, 36.3]]}}";
    return (Movement) GeoJsonFeatures.parse(JSON.readTree(feature), 1000, 300);
  }

  @Test
  void readsNamesForTheWholeRouteAndObjectsWithMeetingAndPartingPoints() throws Exception {
    Movement m = movement("[\"TR\", {\"party\": \"US\", \"joinAt\": 1, \"leaveAt\": 2}]");

    assertThat(m.participants())
        .containsExactly(new Participant("TR", 0, 3), new Participant("US", 1, 2));
    assertThat(m.isJoint()).isTrue();
  }

  @Test
  void anObjectWithoutIndicesTakesTheWholeRoute() throws Exception {
    assertThat(movement("[{\"party\": \"TR\", \"joinAt\": 2}]").participants())
        .containsExactly(new Participant("TR", 2, 3));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}| properties.participants must be an array",
        "[\"RU\"]| properties.participants[0] is the lead party \"RU\"",
        "[\"TR\", \"TR\"]| properties.participants[1] names \"TR\" a second time",
        "[{\"joinAt\": 1}]| properties.participants[0].party must be a party's name",
        "[{\"party\": \"TR\", \"joinAt\": 2, \"leaveAt\": 1}]|"
            + " properties.participants[0].leaveAt 1 must be after joinAt 2",
        "[{\"party\": \"TR\", \"leaveAt\": 4}]|"
            + " properties.participants[0].leaveAt must be a waypoint's index from 0 to 3",
        "[{\"party\": \"TR\", \"joinAt\": -1}]|"
            + " properties.participants[0].joinAt must be a waypoint's index from 0 to 3",
        "[{\"party\": \"TR\", \"joinAt\": 1.5}]|"
            + " properties.participants[0].joinAt must be a waypoint's index",
      })
  void badParticipantsAreRefusedNamingTheField(String participants, String message) {
    assertThatThrownBy(() -> movement(participants))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message.strip());
  }
}
