package io.deconflict.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.party.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code defaults.formations} (D29): formation alerts are asked for unless the configuration turns
 * them off; what applies is journaled (rules 2, {@code SettingsChangeBetweenRunsReplaysTest}).
 */
class FormationsConfigurationTest {

  static ObjectNode config() {
    ObjectNode config = Json.object().put("port", 0).put("data", "data");
    config.putArray("parties").addObject().put("id", "us").put("name", "United States");
    config
        .putArray("members")
        .addObject()
        .put("id", "us-duty")
        .put("party", "us")
        .put("role", "officer")
        .put("tokenSha256", Tokens.sha256("t"));
    return config;
  }

  @Test
  void formationsAreOnUnlessTheConfigurationTurnsThemOff() {
    assertThat(Configuration.parse(config(), Map.of()).defaults().formations()).isTrue();
    ObjectNode off = config();
    off.putObject("defaults").put("formations", false);
    assertThat(Configuration.parse(off, Map.of()).defaults().formations()).isFalse();
    ObjectNode bad = config();
    bad.putObject("defaults").put("formations", "no");
    assertThatThrownBy(() -> Configuration.parse(bad, Map.of()))
        .hasMessageContaining("defaults.formations must be true or false");
  }
}
