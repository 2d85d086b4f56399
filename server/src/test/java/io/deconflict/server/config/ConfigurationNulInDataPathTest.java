package io.deconflict.server.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flagged by {@code ConfigurationFuzzTest} (on a seed): a data directory whose path the file system
 * cannot hold (a NUL character) was refused with the JDK's "Nul character not allowed: ...", which
 * names no field; the refusal now names {@code data} (or {@code DECONFLICT_DATA}).
 */
class ConfigurationNulInDataPathTest {

  private static final String CONFIG =
      "{\"parties\": [{\"id\": \"us\"}], \"members\": [], \"data\": \"data\\u0000dir\"}";

  @Test
  void aNulInDataIsRefusedNamingData() throws Exception {
    Path file = Path.of("deconflict.json");
    assertThatThrownBy(
            () -> Configuration.read(file, new ObjectMapper().readTree(CONFIG), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("deconflict.json: data is not a valid path: ");
  }

  @Test
  void aNulInDeconflictDataIsRefusedNamingIt() throws Exception {
    Path file = Path.of("deconflict.json");
    String config = CONFIG.replace("data\\u0000dir", "data");
    assertThatThrownBy(
            () ->
                Configuration.read(
                    file,
                    new ObjectMapper().readTree(config),
                    Map.of("DECONFLICT_DATA", "x\u0000y")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("deconflict.json: DECONFLICT_DATA is not a valid path: ");
  }
}
