package io.deconflict.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.ApiServer;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.ServiceRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fuzzes the API's request body readers over HTTP, against a real server on a random port
 * (docs/fuzzing.md): notifications (GeoJSON features, POST and PUT), position reports (a JSON
 * array, {@code {"reports": [...]}}, NDJSON), hotline posts, incidents and agreements. Property:
 * every body is answered with a 2xx, or with a 4xx RFC 9457 problem whose detail says what is wrong
 * and whose {@code field}, if any, is a JSON pointer into the body; never a 500; and an accepted
 * notification can be read back at its {@code Location}. The last byte of an input picks the
 * endpoint, the rest is the body. Seeds: {@code ApiBodyFuzzTestInputs/post}.
 */
class ApiBodyFuzzTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** RFC 6901: "" or a sequence of "/" reference tokens, "~" escaped as "~0" or "~1". */
  private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)*");

  /** Method, path, member, content type. */
  private record Endpoint(String method, String path, String member, String contentType) {}

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("POST", "/movements", "us-officer", "application/json"),
          new Endpoint("PUT", "/movements/m-1", "us-officer", "application/json"),
          new Endpoint("POST", "/sites", "ru-officer", "application/json"),
          new Endpoint("POST", "/zones", "ru-officer", "application/json"),
          new Endpoint("POST", "/positions", "us-officer", "application/json"),
          new Endpoint("POST", "/positions", "ru-officer", "application/x-ndjson"),
          new Endpoint(
              "POST", "/hotline/threads/pair:ru:us/messages", "us-officer", "application/json"),
          new Endpoint("POST", "/incidents", "us-commander", "application/json"),
          new Endpoint("POST", "/agreements", "operator", "application/json"));

  private static final Server SERVER = new Server();

  @FuzzTest
  @DictionaryEntries({
    "\"type\"",
    "\"Feature\"",
    "\"id\"",
    "\"properties\"",
    "\"geometry\"",
    "\"LineString\"",
    "\"Point\"",
    "\"Polygon\"",
    "\"coordinates\"",
    "\"times\"",
    "\"radiusMeters\"",
    "\"emergency\"",
    "\"reports\"",
    "\"unit\"",
    "\"time\"",
    "\"lon\"",
    "\"lat\"",
    "\"course\"",
    "\"speed\"",
    "\"text\"",
    "\"code\"",
    "\"params\"",
    "\"parties\"",
    "\"separationMeters\"",
    "\"2022-10-08T09:00:00Z\""
  })
  void post(FuzzedDataProvider data) throws IOException, InterruptedException {
    Endpoint endpoint = ENDPOINTS.get(data.consumeInt(0, ENDPOINTS.size() - 1));
    byte[] body = data.consumeRemainingAsBytes();
    HttpResponse<String> reply = SERVER.send(endpoint, body);
    int status = reply.statusCode();
    String what = endpoint + " " + new String(body, StandardCharsets.UTF_8) + " -> " + reply.body();
    if (status >= 200 && status < 300) {
      String location = reply.headers().firstValue("Location").orElse("");
      if (endpoint.path().equals("/movements") || endpoint.path().equals("/sites")) {
        assertThat(location).as(what).startsWith(ApiServer.BASE + endpoint.path() + "/");
        HttpResponse<String> back = SERVER.get(endpoint.member(), location);
        assertThat(back.statusCode())
            .as("%s, then GET %s: %s", what, location, back.body())
            .isEqualTo(200);
      }
      return;
    }
    assertThat(status).as(what).isBetween(400, 499);
    assertThat(reply.headers().firstValue("Content-Type").orElse(""))
        .as(what)
        .startsWith("application/problem+json");
    JsonNode problem = MAPPER.readTree(reply.body());
    assertThat(problem.path("detail").asText()).as(what).isNotBlank();
    assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
    if (problem.has("field")) {
      assertThat(problem.get("field").asText()).as(what).matches(POINTER);
    }
  }

  /** One server for the whole run, closed when the JVM exits. */
  private static final class Server {

    private final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    Server() {
      try {
        ObjectNode root = MAPPER.createObjectNode();
        java.nio.file.Path data = Files.createTempDirectory("deconflict-api-fuzz");
        root.put("host", "127.0.0.1").put("port", 0).put("data", data.toString());
        ArrayNode parties = root.putArray("parties");
        parties.addObject().put("id", "us").put("language", "en");
        parties.addObject().put("id", "ru").put("language", "ru");
        ArrayNode members = root.putArray("members");
        for (String party : List.of("us", "ru")) {
          for (String role : List.of("officer", "commander")) {
            member(members, party + "-" + role, party, role);
          }
        }
        member(members, "operator", "mechanism", "operator");
        Clock clock = Clock.fixed(Instant.parse("2022-10-08T06:00:00Z"), ZoneOffset.UTC);
        // the fuzz test speaks to its own server only
        BugDetectors.allowNetworkConnections(
            (host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
        Configuration parsed = Configuration.parse(root, Map.of());
        ServiceRuntime runtime =
            ServiceRuntime.open(
                parsed.dataDirectory(), parsed.directory(), parsed.defaults(), clock, 1000);
        server = ApiServer.start(runtime.application(), parsed, clock);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      server.close();
                      runtime.close();
                    }));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void member(ArrayNode members, String id, String party, String role) {
      members
          .addObject()
          .put("id", id)
          .put("party", party)
          .put("role", role)
          .put("tokenSha256", sha256("token-" + id));
    }

    HttpResponse<String> send(Endpoint e, byte[] body) throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(server.uri() + e.path()))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer token-" + e.member())
              .header("Content-Type", e.contentType())
              .method(e.method(), HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String member, String path) throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.port() + path.replace(" ", "%20")))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer token-" + member)
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String token) {
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
