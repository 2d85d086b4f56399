package io.deconflict.cli.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.server.config.ConfigurationException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code detection} section's reports topic (D38): optional, and refused naming the field. */
class DetectionSettingsTest {

  private static final Path FILE = Path.of("deconflict.json");

  private static Optional<DetectionSettings> read(String detection) throws Exception {
    JsonNode doc = new ObjectMapper().readTree("{\"detection\":" + detection + "}");
    return DetectionSettings.read(FILE, doc, true);
  }

  @Test
  void theReportsTopicIsOptional() throws Exception {
    assertThat(read("{\"mode\":\"flink\"}").orElseThrow().reportsTopic()).isEmpty();
    assertThat(read("{\"mode\":\"flink\",\"reportsTopic\":\"r\"}").orElseThrow().reportsTopic())
        .contains("r");
  }

  @Test
  void aBadReportsTopicIsRefusedNamingIt() {
    assertThatThrownBy(() -> read("{\"mode\":\"flink\",\"reportsTopic\":\"\"}"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("detection.reportsTopic must be a non-empty string");
    assertThatThrownBy(() -> read("{\"mode\":\"flink\",\"reportsTopic\":\"deconflict-conflicts\"}"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("reportsTopic must be non-empty and differ from the other two");
  }
}
