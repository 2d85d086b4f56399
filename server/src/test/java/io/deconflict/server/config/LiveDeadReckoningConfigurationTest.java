package io.deconflict.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.engine.live.LiveSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code live.deadReckoning} in the configuration file: defaults when absent, read back by {@code
 * toJson}, and every bad value refused naming its field.
 */
class LiveDeadReckoningConfigurationTest {

  private static final Path FILE = Path.of("deconflict.json");

  private static Configuration read(String live) throws Exception {
    String json =
        "{\"parties\": [{\"id\": \"us\"}], \"members\": []"
            + (live.isEmpty() ? "" : ", " + live)
            + "}";
    return Configuration.read(FILE, new ObjectMapper().readTree(json), Map.of());
  }

  @Test
  void absentMeansTheDefaultAndIsNotWritten() throws Exception {
    Configuration c = read("");
    assertThat(c.defaults().deadReckoning()).isEqualTo(LiveSettings.DeadReckoning.DEFAULT);
    assertThat(c.toJson().has("live")).isFalse();
  }

  @Test
  void givenValuesAreReadAndWrittenBack() throws Exception {
    Configuration c =
        read(
            "\"live\": {\"deadReckoning\": {\"enabled\": false, \"positionMeters\": 50,"
                + " \"speedMps\": 1, \"courseDegrees\": 3}}");
    LiveSettings.DeadReckoning expected = new LiveSettings.DeadReckoning(false, 50, 1, 3);
    assertThat(c.defaults().deadReckoning()).isEqualTo(expected);
    Configuration again =
        Configuration.read(FILE, new ObjectMapper().readTree(c.toPrettyJson()), Map.of());
    assertThat(again.defaults().deadReckoning()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"live\": 3 | live must be an object",
        "\"live\": {\"deadReckoning\": []} | live.deadReckoning must be an object",
        "\"live\": {\"deadReckoning\": {\"enabled\": \"yes\"}}"
            + " | live.deadReckoning.enabled must be true or false, got \"yes\"",
        "\"live\": {\"deadReckoning\": {\"positionMeters\": 5000}}"
            + " | live.deadReckoning.positionMeters must be in [0, 1000], got 5000.0",
        "\"live\": {\"deadReckoning\": {\"speedMps\": \"fast\"}}"
            + " | live.deadReckoning.speedMps must be a number, got \"fast\"",
        "\"live\": {\"deadReckoning\": {\"courseDegrees\": -1}}"
            + " | live.deadReckoning.courseDegrees must be in [0, 45], got -1.0"
      })
  void badValuesAreRefusedNamingTheField(String live, String message) {
    assertThatThrownBy(() -> read(live))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("deconflict.json: " + message);
  }
}
