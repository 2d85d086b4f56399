package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.config.Configuration;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.service.party.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document ({@code openapi.json} next to {@link ApiServer}) describes exactly the
 * routes the server registers, the server hands it out without a token, and it is self-contained.
 * Boots the real server on a random port and speaks to it over HTTP.
 */
class OpenApiTest {

  private static final String TOKEN = "dct_openapi-test-officer";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");

  /** Refuses duplicate keys, which a lenient reader would silently merge. */
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  @TempDir static Path data;

  private static ApiServer server;
  private static ServiceRuntime runtime;
  private static JsonNode document;

  @BeforeAll
  static void start() throws IOException {
    ObjectNode config = Json.object().put("port", 0).put("data", data.toString());
    config.putArray("parties").addObject().put("id", "us").put("name", "United States");
    config
        .putArray("members")
        .addObject()
        .put("id", "us-duty")
        .put("party", "us")
        .put("role", "officer")
        .put("tokenSha256", Tokens.sha256(TOKEN));
    Configuration parsed = Configuration.parse(config, Map.of());
    runtime =
        ServiceRuntime.open(
            parsed.dataDirectory(),
            parsed.directory(),
            parsed.defaults(),
            Clock.systemUTC(),
            ServiceRuntime.DEFAULT_TICK_MILLIS);
    server = ApiServer.start(runtime.application(), parsed, Clock.systemUTC());
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      assertThat(in).as("openapi.json on the class path next to ApiServer").isNotNull();
      document = STRICT.readTree(in);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
    runtime.close();
  }

  @Test
  void documentsExactlyTheServedRoutes() {
    Set<String> served = new TreeSet<>();
    for (ApiServer.Route route : server.routes()) {
      assertThat(route.path()).startsWith(ApiServer.BASE + "/");
      served.add(route.method().name() + " " + route.path().substring(ApiServer.BASE.length()));
    }
    Set<String> documented = new TreeSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));

    assertThat(documented)
        .as("(method, path) in openapi.json against ApiServer.routes()")
        .containsExactlyInAnyOrderElementsOf(served);
    assertThat(document.path("servers").path(0).path("url").asText()).isEqualTo(ApiServer.BASE);
  }

  @Test
  void servesTheDocumentWithoutAToken() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/openapi.json"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(STRICT.readTree(response.body())).isEqualTo(document);

    HttpResponse<String> me =
        http.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/me"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).as("other routes still need the token").isEqualTo(401);
    assertThat(me.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void declaresBearerAuthEverywhereButOnItself() {
    assertThat(document.path("openapi").asText()).isEqualTo("3.0.3");
    assertThat(document.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    assertThat(document.path("security").path(0).has("bearer")).isTrue();
    JsonNode own = document.at("/paths/~1openapi.json/get/security");
    assertThat(own.isArray() && own.isEmpty()).as("security: [] on /openapi.json").isTrue();
  }

  @Test
  void everyReferenceResolvesInsideTheDocument() {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).as("$ref %s is local", ref).startsWith("#/");
      assertThat(document.at(ref.substring(1)).isMissingNode())
          .as("$ref %s resolves", ref)
          .isFalse();
    }
  }

  @Test
  void everyPathParameterIsDeclaredAndEveryErrorIsAProblem() {
    document
        .path("paths")
        .properties()
        .forEach(
            path -> {
              Set<String> inTemplate = new TreeSet<>();
              Matcher m = PATH_PARAM.matcher(path.getKey());
              while (m.find()) {
                inTemplate.add(m.group(1));
              }
              path.getValue()
                  .properties()
                  .forEach(
                      operation -> {
                        String where = operation.getKey() + " " + path.getKey();
                        Set<String> declared = new TreeSet<>();
                        for (JsonNode p : operation.getValue().path("parameters")) {
                          JsonNode param = resolve(p);
                          if (param.path("in").asText().equals("path")) {
                            declared.add(param.path("name").asText());
                          }
                        }
                        assertThat(declared)
                            .as("path parameters of %s", where)
                            .isEqualTo(inTemplate);
                        operation
                            .getValue()
                            .path("responses")
                            .properties()
                            .forEach(
                                r -> {
                                  if (r.getKey().matches("[45][0-9][0-9]")) {
                                    JsonNode schema =
                                        resolve(r.getValue())
                                            .path("content")
                                            .path("application/problem+json")
                                            .path("schema");
                                    assertThat(schema.path("$ref").asText())
                                        .as("%s response %s", where, r.getKey())
                                        .isEqualTo("#/components/schemas/Problem");
                                  }
                                });
                      });
            });
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.path("$ref");
    return ref.isTextual() ? document.at(ref.asText().substring(1)) : node;
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  out.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, out));
    }
  }
}
