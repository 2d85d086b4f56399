package io.deconflict.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.server.config.ServerSecurity;
import io.deconflict.service.ServiceRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code server.tls} the API speaks plain HTTP only on a loopback address, unless {@code
 * server.allowPlainHttp} says otherwise; the refusal names the field the address came from and what
 * to configure.
 */
class PlainHttpOnlyOnLoopbackTest {

  @TempDir Path dir;

  @Test
  void loopbackAddressesAreAccepted() {
    for (String host : new String[] {"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
      ObjectNode root = HttpsServesTheApiTest.config(dir).put("host", host);
      assertThat(Configuration.parse(root, Map.of()).host()).isEqualTo(host);
    }
  }

  @Test
  void everyInterfaceIsRefusedInPlainHttpNamingTheField() {
    ObjectNode root = HttpsServesTheApiTest.config(dir).put("host", "0.0.0.0");

    assertThatThrownBy(() -> Configuration.parse(root, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("host \"0.0.0.0\" is not a loopback address")
        .hasMessageContaining("server.tls")
        .hasMessageContaining("server.allowPlainHttp");
  }

  @Test
  void theEnvironmentsHostIsNamedWhenItIsTheOneRefused() {
    ObjectNode root = HttpsServesTheApiTest.config(dir);

    assertThatThrownBy(() -> Configuration.parse(root, Map.of("DECONFLICT_HOST", "0.0.0.0")))
        .hasMessageStartingWith("DECONFLICT_HOST \"0.0.0.0\" is not a loopback address");
  }

  @Test
  void theRefusalNamesTheFileWhenReadFromOne() throws Exception {
    Path file = dir.resolve("deconflict.json");
    java.nio.file.Files.writeString(
        file, HttpsServesTheApiTest.config(dir).put("host", "0.0.0.0").toString());

    assertThatThrownBy(() -> Configuration.read(file, Map.of()))
        .hasMessageStartingWith(file + ": host \"0.0.0.0\" is not a loopback address");
  }

  @Test
  void plainHttpOnEveryInterfaceWhenExplicitlyAllowed() {
    ObjectNode root = HttpsServesTheApiTest.config(dir).put("host", "0.0.0.0");
    root.putObject("server").put("allowPlainHttp", true);

    Configuration config = Configuration.parse(root, Map.of());

    assertThat(config.server().allowPlainHttp()).isTrue();
    assertThat(config.toJson().path("server").path("allowPlainHttp").asBoolean()).isTrue();
  }

  @Test
  void allowPlainHttpMustBeABoolean() {
    ObjectNode root = HttpsServesTheApiTest.config(dir);
    root.putObject("server").put("allowPlainHttp", "yes");

    assertThatThrownBy(() -> Configuration.parse(root, Map.of()))
        .hasMessage("server.allowPlainHttp must be true or false");
  }

  @Test
  void theServerItselfRefusesAConfigurationBuiltInCode() {
    Configuration loopback =
        Configuration.parse(HttpsServesTheApiTest.config(dir.resolve("data")), Map.of());
    Configuration everywhere =
        new Configuration(
            "0.0.0.0",
            0,
            loopback.dataDirectory(),
            loopback.maxBodyBytes(),
            loopback.defaults(),
            loopback.directory(),
            ServerSecurity.LOOPBACK_ONLY);
    try (ServiceRuntime runtime =
        ServiceRuntime.open(
            loopback.dataDirectory(),
            loopback.directory(),
            loopback.defaults(),
            Clock.systemUTC(),
            50)) {
      assertThatThrownBy(
              () -> ApiServer.start(runtime.application(), everywhere, Clock.systemUTC()))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("host \"0.0.0.0\" is not a loopback address");
    }
  }
}
