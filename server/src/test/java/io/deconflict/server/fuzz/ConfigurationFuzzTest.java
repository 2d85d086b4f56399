package io.deconflict.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fuzzes the configuration reader, {@link Configuration#read(Path, Map)}, on the bytes of a {@code
 * deconflict.json} (docs/fuzzing.md). Property: a refused file is a {@link ConfigurationException}
 * that names the file and the field at fault, or the party or member by id (or says the file is not
 * JSON); an accepted one written back with {@link Configuration#toJson()} reads again to the same
 * configuration. Seeds: {@code ConfigurationFuzzTestInputs/read}.
 */
class ConfigurationFuzzTest {

  private static final Path FILE = file();

  private static final Pattern FIELD =
      Pattern.compile(
          "(the configuration must be .+|(port|host|data|limits\\.maxBodyBytes) .+"
              + "|defaults\\.[A-Za-z]+(\\[\\d\\])? .+|parties(\\[\\d+\\]: [a-z]+)? .+"
              + "|members(\\[\\d+\\]: [a-z]+[A-Za-z0-9]*(\\[\\d+\\](\\.[a-z0-9]+)?)?)? .+"
              + "|DECONFLICT_[A-Z]+ .+|server(\\.[A-Za-z.]+)? .+"
              // the directory's cross-checks name the party or member by id
              + "|(party|member) .+)",
          Pattern.DOTALL);

  @FuzzTest
  @DictionaryEntries({
    "\"host\"",
    "\"port\"",
    "\"data\"",
    "\"limits\"",
    "\"maxBodyBytes\"",
    "\"defaults\"",
    "\"separationMeters\"",
    "\"minimumNotice\"",
    "\"emergencyNotice\"",
    "\"acknowledgeWithin\"",
    "\"escalation\"",
    "\"PT30M\"",
    "\"parties\"",
    "\"members\"",
    "\"id\"",
    "\"party\"",
    "\"role\"",
    "\"officer\"",
    "\"operator\"",
    "\"tokenSha256\"",
    "\"language\"",
    "\"server\"",
    "\"tls\"",
    "\"keyStore\"",
    "\"allowPlainHttp\"",
    "\"tokens\"",
    "\"sha256\"",
    "\"expires\""
  })
  void read(byte[] input) throws IOException {
    Files.write(FILE, input);
    Configuration config;
    try {
      config = Configuration.read(FILE, Map.of());
    } catch (ConfigurationException e) {
      String message = String.valueOf(e.getMessage());
      String prefix = FILE + ": ";
      boolean named =
          message.startsWith(FILE + " is not valid JSON")
              || FIELD.matcher(message).matches()
              || (message.startsWith(prefix)
                  && FIELD.matcher(message.substring(prefix.length())).matches());
      assertThat(named).as("a refusal names the field: %s", message).isTrue();
      return;
    }
    Configuration again = Configuration.parse(config.toJson(), Map.of());
    assertThat(again.toJson()).isEqualTo(config.toJson());
    assertThat(again.host()).isEqualTo(config.host());
    assertThat(again.port()).isEqualTo(config.port());
    assertThat(again.dataDirectory()).isEqualTo(config.dataDirectory());
    assertThat(again.maxBodyBytes()).isEqualTo(config.maxBodyBytes());
    assertThat(again.defaults()).isEqualTo(config.defaults());
  }

  private static Path file() {
    try {
      Path dir = Files.createTempDirectory("deconflict-configuration-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("deconflict.json");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
