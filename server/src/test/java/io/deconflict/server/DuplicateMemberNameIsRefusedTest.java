package io.deconflict.server;

import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An object with a member name twice is refused, at any depth, naming the name, line and column;
 * nothing is stored (docs/api.md, Conventions). The configuration file is read by the same rule.
 */
class DuplicateMemberNameIsRefusedTest extends HostileInput {

  @Test
  void aHotlineMessageWithTwoTexts() {
    raw.post("us-officer", THREAD, "{\"text\": \"hold\",\n \"text\": \"advance\"}")
        .problem(400, "invalid", "at line 2, column 8: Duplicate field 'text'");
    assertNothingStoredSince(0);
    assertNoHotlineMessages();
  }

  @Test
  void aMovementWhosePropertiesNameTimesTwice() {
    String m =
        movement("m-1", 40.6, 36.5, 40.8, 36.5, START, START.plusSeconds(3600))
            .replace(
                "\"properties\": {",
                "\"properties\": {\"times\": [\"" + START + "\", \"" + START + "\"], ");
    raw.post("us-officer", "/movements", m).problem(400, "invalid", "Duplicate field 'times'");
    assertThat(service.get("us-officer", "/movements").json().path("movements")).isEmpty();
    assertNothingStoredSince(0);
  }

  @Test
  void aBatchWhoseSecondReportNamesLatTwiceStoresNothing() {
    String batch =
        "{\"reports\": ["
            + report("u1", 40.6, 36.5, "")
            + ", "
            + report("u2", 40.6, 36.5, ", \"lat\": 10")
            + "]}";
    raw.post("us-officer", "/positions", batch).problem(400, "invalid", "Duplicate field 'lat'");
    assertNothingStoredSince(0);
  }

  @Test
  void anNdjsonBatchWithADuplicateInItsLastLineStoresNothing() {
    String body =
        report("u1", 40.6, 36.5, "") + "\n" + report("u2", 40.6, 36.5, ", \"unit\": \"u3\"");
    JsonNode p = postNdjson(body).problem(400, "invalid", "line 2, column");
    assertThat(p.path("detail").asText()).contains("Duplicate field 'unit'");
    assertThat(p.path("field").asText()).isEqualTo("/reports/1");
    assertNothingStoredSince(0);
  }

  @Test
  void aConfigurationFileNamingAMemberTwice() throws Exception {
    Path file = data.resolve("twice.json");
    Files.writeString(file, "{\"port\": 8080,\n  \"port\": 9090}");
    assertThatThrownBy(() -> Configuration.read(file, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is not valid JSON at line 2, column 9: Duplicate field 'port'");
  }
}
