package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Zones that are lines (issue 14 part 3, D34) over the wire: a side zone and a buffer raise
 * movement-zone alerts from the instant the movement crosses onto the side or into the buffer, the
 * zone comes back with its side and its outline, and bad lines are 400s naming the field.
 */
class LineZonesOverHttpTest {

  @TempDir java.nio.file.Path data;
  TestService service;

  @BeforeEach
  void start() {
    service = new TestService(data, SettableClock.at(T0));
    assertThat(service.agreement("").status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private static String lineZone(String id, String properties) {
    // Along the meridian 41.5 from 36.8 to 37.2 north: its right hand is east.
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[41.5, 36.8], [41.5,"
        + " 37.2]]}, \"properties\": {"
        + properties
        + "}}";
  }

  /**
   * The one alert the zone's owner has about its zone; the mover's party has the same interval
   * (without the zone's id, which it is not shared).
   */
  private JsonNode alertOn(String zone) {
    JsonNode ru = service.get("ru-officer", "/alerts").json().path("alerts");
    JsonNode us = service.get("us-officer", "/alerts").json().path("alerts");
    assertThat(ru).as("ru's alerts").hasSize(1);
    assertThat(us).as("us's alerts").hasSize(1);
    JsonNode alert = ru.get(0);
    assertThat(alert.path("own").path("item").asText()).isEqualTo(zone);
    assertThat(us.get(0).path("start")).isEqualTo(alert.path("start"));
    assertThat(us.get(0).path("end")).isEqualTo(alert.path("end"));
    return alert;
  }

  @Test
  void aMovementCrossingOntoTheForbiddenSideRaisesAnAlertFromTheCrossing() {
    Reply zone =
        service.post(
            "ru-officer",
            "/zones",
            lineZone("euphrates", "\"side\": \"right\", \"depthMeters\": 20000"));
    assertThat(zone.status()).as(zone.raw()).isEqualTo(201);
    Instant t1 = T0.plus(Duration.ofHours(1));
    Instant t2 = T0.plus(Duration.ofHours(2));
    // East along the parallel 37 from 41.3 to 41.7: symmetric about 41.5, so it crosses the line
    // half way, and it ends 17.8 km east of it, within the depth.
    Reply movement =
        service.post(
            "us-officer",
            "/movements",
            TestService.movement("us-1", 41.3, 37.0, 41.7, 37.0, t1, t2));
    assertThat(movement.status()).as(movement.raw()).isEqualTo(201);

    JsonNode alert = alertOn("euphrates");
    assertThat(alert.path("kind").asText()).isEqualTo("movement-zone");
    Instant start = Instant.parse(alert.path("start").asText());
    Instant end = Instant.parse(alert.path("end").asText());
    Instant half = T0.plus(Duration.ofMinutes(90));
    assertThat(Duration.between(half, start).abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(end).isEqualTo(t2);

    JsonNode own = service.get("ru-officer", "/zones/euphrates").json();
    assertThat(own.path("feature").path("properties").path("side").asText()).isEqualTo("right");
    assertThat(own.path("outline").path("type").asText()).isEqualTo("Polygon");
  }

  @Test
  void aMovementOnTheAllowedSideOrPastTheEndOfTheLineRaisesNothing() {
    service.post("ru-officer", "/zones", lineZone("euphrates", "\"side\": \"right\""));
    Instant t1 = T0.plus(Duration.ofHours(1));
    Instant t2 = T0.plus(Duration.ofHours(2));
    service.post(
        "us-officer", "/movements", TestService.movement("west", 41.3, 37.0, 41.45, 37.1, t1, t2));
    service.post(
        "us-officer", "/movements", TestService.movement("north", 41.4, 37.3, 41.7, 37.3, t1, t2));

    assertThat(service.get("us-officer", "/alerts").json().path("alerts")).isEmpty();
  }

  @Test
  void aBufferAroundTheLineIsEnteredAtItsDistance() {
    service.post("ru-officer", "/zones", lineZone("border", "\"bufferMeters\": 5000"));
    Instant t1 = T0.plus(Duration.ofHours(1));
    Instant t2 = T0.plus(Duration.ofHours(2));
    service.post(
        "us-officer", "/movements", TestService.movement("us-1", 41.3, 37.0, 41.7, 37.0, t1, t2));

    JsonNode alert = alertOn("border");
    Instant start = Instant.parse(alert.path("start").asText());
    Instant end = Instant.parse(alert.path("end").asText());
    // Symmetric about the line: in for the same time either side of the half-way instant, and
    // 5 km at 35.6 km/h (0.4 degrees of longitude at 37 north in an hour): 8.4 minutes.
    Instant half = T0.plus(Duration.ofMinutes(90));
    assertThat(Duration.between(start, half).minus(Duration.between(half, end)).abs())
        .isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(Duration.between(start, half).getSeconds()).isBetween(480L, 540L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "both|\"side\": \"left\", \"bufferMeters\": 100|/properties/side",
        "buffer out of range|\"bufferMeters\": 250000|/properties/bufferMeters",
        "bad side|\"side\": \"east\"|/properties/side",
        "neither|\"name\": \"line\"|/properties/side",
      })
  void badLinesAre400sNamingTheField(String what, String properties, String field) {
    Reply r = service.post("ru-officer", "/zones", lineZone("bad", properties));

    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("field").asText()).as(r.raw()).isEqualTo(field);
    assertThat(service.get("ru-officer", "/zones").json().path("zones")).isEmpty();
  }

  @Test
  void aDegenerateLineIsA400NamingThePosition() {
    Reply r =
        service.post(
            "ru-officer",
            "/zones",
            "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\":"
                + " [[41.5, 36.8], [41.5, 36.8]]}, \"properties\": {\"bufferMeters\": 100}}");

    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).isEqualTo("/geometry/coordinates/1");
    assertThat(r.json().path("detail").asText()).contains("degenerate");
  }
}
