package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.config.Configuration;
import io.deconflict.server.config.ConfigurationException;
import io.deconflict.server.map.MapLayers;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceRuntime;
import io.deconflict.testkit.clock.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the web map needs from the server: its files, the clock and the base-map layers. */
class WebMapTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private static ObjectNode places() {
    ObjectNode fc = Json.object().put("type", "FeatureCollection");
    ObjectNode f = fc.putArray("features").addObject().put("type", "Feature");
    f.putObject("properties").put("name", "Qamishli");
    f.putObject("geometry").put("type", "Point").putArray("coordinates").add(41.22).add(37.05);
    return fc;
  }

  private @Nullable ServiceRuntime runtime;

  private ApiServer start(SettableClock clock, MapLayers layers) {
    Configuration config =
        Configuration.parse(TestService.configJson(dir.resolve("data")), Map.of());
    ServiceRuntime opened =
        ServiceRuntime.open(
            config.dataDirectory(), config.directory(), config.defaults(), clock, 20);
    runtime = opened;
    return ApiServer.start(opened.application(), config, clock, layers);
  }

  @AfterEach
  void stopRuntime() {
    ServiceRuntime r = runtime;
    if (r != null) {
      r.close();
    }
  }

  private HttpResponse<String> get(ApiServer server, String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheWebMapWithoutATokenAndWithAStrictContentSecurityPolicy() throws Exception {
    try (ApiServer server = start(SettableClock.at(TestService.T0), MapLayers.none())) {
      HttpResponse<String> index = get(server, "/", "");
      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.body()).contains("<title>deconflict</title>");
      assertThat(index.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("default-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      for (String file :
          List.of(
              "/app.js",
              "/vendor/milsymbol.js",
              "/vendor/leaflet/leaflet.js",
              "/vendor/countries-50m.json")) {
        assertThat(get(server, file, "").statusCode()).as(file).isEqualTo(200);
      }
      // the API still wants a token
      assertThat(get(server, "/api/v1/clock", "").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void clockIsTheServiceTimeNotTheWallClock() throws Exception {
    SettableClock clock = SettableClock.at(TestService.T0);
    try (ApiServer server = start(clock, MapLayers.none())) {
      HttpResponse<String> r = get(server, "/api/v1/clock", "token-us-officer");
      assertThat(Json.MAPPER.readTree(r.body()).path("now").asText())
          .isEqualTo("2022-10-08T06:00:00Z");
      clock.advance(Duration.ofMinutes(90));
      r = get(server, "/api/v1/clock", "token-tr-observer");
      assertThat(Json.MAPPER.readTree(r.body()).path("now").asText())
          .isEqualTo("2022-10-08T07:30:00Z");
    }
  }

  @Test
  void mapLayersAreListedAndServedAsGeoJson() throws Exception {
    MapLayers layers = MapLayers.of(List.of(new MapLayers.Layer("places", "Places", places())));
    try (ApiServer server = start(SettableClock.at(TestService.T0), layers)) {
      var list = Json.MAPPER.readTree(get(server, "/api/v1/map/layers", "token-ru-officer").body());
      assertThat(list.path("layers").get(0).path("id").asText()).isEqualTo("places");
      assertThat(list.path("layers").get(0).path("features").asInt()).isEqualTo(1);
      var layer =
          Json.MAPPER.readTree(get(server, "/api/v1/map/layers/places", "token-operator").body());
      assertThat(layer.path("features").get(0).path("properties").path("name").asText())
          .isEqualTo("Qamishli");
      HttpResponse<String> missing = get(server, "/api/v1/map/layers/roads", "token-us-officer");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("no map layer roads");
    }
  }

  @Test
  void mapLayersFromTheConfigurationNameTheEntryAtFault() throws IOException {
    Files.writeString(dir.resolve("places.geojson"), places().toString());
    Files.writeString(dir.resolve("bad.geojson"), "{\"type\": \"Feature\"}");
    ObjectNode config = Json.object();
    var entries = config.putObject("map").putArray("layers");
    entries.addObject().put("id", "places").put("name", "Places").put("file", "places.geojson");
    assertThat(MapLayers.read(config, dir).layers()).hasSize(1);

    entries.addObject().put("id", "roads").put("file", "roads.geojson");
    assertThatThrownBy(() -> MapLayers.read(config, dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("map.layers[1].file")
        .hasMessageContaining("does not exist");

    entries.remove(1);
    entries.addObject().put("id", "bad").put("file", "bad.geojson");
    assertThatThrownBy(() -> MapLayers.read(config, dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("map.layers[1]")
        .hasMessageContaining("FeatureCollection");

    entries.remove(1);
    entries.addObject().put("id", "Places!").put("file", "places.geojson");
    assertThatThrownBy(() -> MapLayers.read(config, dir))
        .hasMessageContaining("map.layers[1]")
        .hasMessageContaining("lower-case");

    entries.remove(1);
    entries.addObject().put("id", "places").put("file", "places.geojson");
    assertThatThrownBy(() -> MapLayers.read(config, dir)).hasMessageContaining("used twice");
  }
}
