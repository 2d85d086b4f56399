package io.deconflict.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Json;
import io.deconflict.service.retention.Retention;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

  private static JsonNode doc(String json) throws Exception {
    return Json.MAPPER.readTree(json);
  }

  @Test
  void absentMeansADayAndKeepIsAnIsoDuration() throws Exception {
    assertThat(RetentionSettings.read(doc("{}"))).isEqualTo(Retention.DEFAULT);
    assertThat(RetentionSettings.read(doc("{\"retention\": {\"keep\": \"PT6H\"}}")).keep())
        .isEqualTo(Duration.ofHours(6));
  }

  @Test
  void badValuesNameTheField() {
    assertThatThrownBy(() -> RetentionSettings.read(doc("{\"retention\": {\"keep\": 3600}}")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("retention.keep", "3600");
    assertThatThrownBy(() -> RetentionSettings.read(doc("{\"retention\": {\"keep\": \"PT0S\"}}")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("retention.keep", "PT0S");
    assertThatThrownBy(() -> RetentionSettings.read(doc("{\"retention\": {\"days\": 1}}")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("retention.days is not a setting");
  }
}
