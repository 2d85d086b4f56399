package io.deconflict.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Tokens;
import io.deconflict.testkit.pki.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code server.tls} the API is served over HTTPS with the configured key store (made at test
 * time with keytool, as the TAK tests make theirs): a member's request over TLS is answered, a
 * client that does not trust the certificate gets no answer, and nothing is served in the clear on
 * that port.
 */
class HttpsServesTheApiTest {

  @TempDir Path dir;

  static ObjectNode config(Path data) {
    ObjectNode root = Json.object();
    root.put("host", "127.0.0.1").put("port", 0).put("data", data.toString());
    root.putArray("parties").addObject().put("id", "us");
    root.putArray("members")
        .addObject()
        .put("id", "us-officer")
        .put("party", "us")
        .put("role", "officer")
        .put("tokenSha256", Tokens.sha256("token-us-officer"));
    return root;
  }

  @Test
  void aMemberIsAnsweredOverHttpsAndNothingIsServedInTheClear() throws Exception {
    TestPki pki = TestPki.makeServerKey(dir.resolve("keys"));
    ObjectNode root = config(dir.resolve("data"));
    root.putObject("server")
        .putObject("tls")
        .put("keyStore", pki.file("server.p12").toString())
        .put("keyStorePassword", TestPki.PASS);
    Configuration config = Configuration.parse(root, Map.of());
    try (ServiceRuntime runtime =
            ServiceRuntime.open(
                config.dataDirectory(),
                config.directory(),
                config.defaults(),
                Clock.systemUTC(),
                50);
        ApiServer server = ApiServer.start(runtime.application(), config, Clock.systemUTC())) {
      assertThat(server.uri().toString()).startsWith("https://127.0.0.1:");

      HttpClient trusting =
          HttpClient.newBuilder()
              .sslContext(pki.trustingContext())
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      HttpResponse<String> me =
          trusting.send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/me"))
                  .header("Authorization", "Bearer token-us-officer")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(me.body()).path("member").asText()).isEqualTo("us-officer");

      // a client that trusts only the JDK's authorities refuses the certificate
      HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      assertThatThrownBy(
              () ->
                  stranger.send(
                      HttpRequest.newBuilder(URI.create(server.uri() + "/me"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);

      // plain HTTP on the same port: no HTTP answer, let alone the API's
      try (Socket plain = new Socket("127.0.0.1", server.port())) {
        plain.setSoTimeout(10_000);
        OutputStream out = plain.getOutputStream();
        out.write(
            ("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer"
                    + " token-us-officer\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer = readSome(plain.getInputStream());
        assertThat(answer).doesNotContain("us-officer").doesNotStartWith("HTTP/1.1 200");
      }
    }
  }

  @Test
  void aKeyStoreThatCannotBeReadIsAConfigurationErrorNamingTheField() throws Exception {
    ObjectNode root = config(dir.resolve("data"));
    root.putObject("server")
        .putObject("tls")
        .put("keyStore", dir.resolve("missing.p12").toString())
        .put("keyStorePassword", "x");
    Configuration config = Configuration.parse(root, Map.of());
    try (ServiceRuntime runtime =
        ServiceRuntime.open(
            config.dataDirectory(), config.directory(), config.defaults(), Clock.systemUTC(), 50)) {
      assertThatThrownBy(() -> ApiServer.start(runtime.application(), config, Clock.systemUTC()))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("server.tls")
          .hasMessageContaining("missing.p12");
    }
  }

  private static String readSome(InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    int n;
    try {
      n = in.read(buf);
    } catch (IOException reset) {
      return "";
    }
    return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
  }
}
