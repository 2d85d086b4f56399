package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 8 (REST part): clients that ask for the server's version at TAK Server's Marti
 * REST API ({@code GET /Marti/api/version}, {@code /Marti/api/version/config}, on the HTTPS port)
 * got nothing. The listener now serves them on its own HTTPS port with the streaming port's keys
 * and certificate mapping; over real HTTPS with client certificates made by keytool.
 */
class MartiVersionAnsweredTest {

  @TempDir static Path keys;
  @TempDir static Path data;

  private static TestPki pki;
  private static TakFixture tak;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.make(keys);
    tak =
        new TakFixture(
            data,
            s ->
                new TakSettings(
                    "127.0.0.1",
                    -1,
                    0,
                    Optional.of(pki.serverTls()),
                    Map.of(TakSettings.subjectKey("CN=us-atak-1,OU=TAK,O=US"), "us-officer"),
                    TakSettings.DEFAULT_MAX_EVENT_BYTES,
                    TakSettings.DEFAULT_MAX_CLIENT_BUFFER_BYTES,
                    Map.of(),
                    0));
  }

  @AfterAll
  static void stop() {
    tak.close();
  }

  private static HttpResponse<String> call(String key, String method, String path)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(pki.clientContext(key))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tak.listener.martiPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theVersionIsPlainTextAsTakServerAnswersIt() throws Exception {
    HttpResponse<String> r = call("us-atak", "GET", "/Marti/api/version");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(r.body()).isEqualTo("deconflict " + ServerVersion.version());
  }

  @Test
  void theVersionConfigIsTakServersServerConfigDocument() throws Exception {
    HttpResponse<String> r = call("us-atak", "GET", "/Marti/api/version/config");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode config = Json.MAPPER.readTree(r.body());
    assertThat(config.path("version").asText()).isEqualTo("3");
    assertThat(config.path("type").asText()).isEqualTo("ServerConfig");
    assertThat(config.path("data").path("version").asText())
        .isEqualTo("deconflict " + ServerVersion.version());
    assertThat(config.path("data").path("api").asText()).isEqualTo("3");
    assertThat(config.path("data").path("hostname").asText()).isEqualTo("127.0.0.1");
    // stable: the start of the server certificate's SHA-256 fingerprint
    assertThat(config.path("nodeId").asText())
        .isEqualTo(
            pki.sha256("server")
                .replace(":", "")
                .toLowerCase(java.util.Locale.ROOT)
                .substring(0, 32));
  }

  @Test
  void otherPathsAndMethodsAreRefusedSayingWhatIsServed() throws Exception {
    HttpResponse<String> missions = call("us-atak", "GET", "/Marti/api/missions");
    assertThat(missions.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(missions.body()).path("error").asText())
        .contains("/Marti/api/missions")
        .contains("/Marti/api/version/config");
    HttpResponse<String> post = call("us-atak", "POST", "/Marti/api/version");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void anUnmappedCertificateIsRefusedAndAForeignOneFailsTheHandshake() throws Exception {
    HttpResponse<String> stranger = call("stranger", "GET", "/Marti/api/version");
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.body()).contains("not mapped to a member");
    assertThatThrownBy(() -> call("forged", "GET", "/Marti/api/version"))
        .isInstanceOf(IOException.class);
  }
}
