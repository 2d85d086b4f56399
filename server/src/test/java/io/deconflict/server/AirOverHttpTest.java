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
 * Air movements over the wire (issue 14 part 2, D37): bands per leg in the movement's feature, the
 * agreement's vertical separation, a conflict only where both separations are lost, sites as
 * protected volumes, and bad bands refused as 400s naming the field with nothing stored.
 */
class AirOverHttpTest {

  @TempDir java.nio.file.Path data;
  TestService service;
  final Instant t1 = T0.plus(Duration.ofHours(1));
  final Instant t2 = T0.plus(Duration.ofHours(2));

  @BeforeEach
  void start() {
    service = new TestService(data, SettableClock.at(T0));
    assertThat(service.agreement("").status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  /** Straight from (lon1, lat1) to (lon2, lat2) at {@code altitude}, in one band, t1 to t2. */
  private String air(
      String id, double lon1, double lat1, double lon2, double lat2, double altitude, String band) {
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [["
        + lon1
        + ", "
        + lat1
        + ", "
        + altitude
        + "], ["
        + lon2
        + ", "
        + lat2
        + ", "
        + altitude
        + "]]}, \"properties\": {\"times\": [\""
        + t1
        + "\", \""
        + t2
        + "\"], \"bands\": ["
        + band
        + "]}}";
  }

  private JsonNode alerts(String member) {
    return service.get(member, "/alerts").json().path("alerts");
  }

  @Test
  void crossingAirMovementsConflictOnlyWhereTheirBandsAreWithinTheVerticalSeparation() {
    // Both cross (41.5, 37.0) at 01:30; the drone flies at 3,000–3,200 m, the helicopter at
    // 2,500–2,800 m: 200 m apart, within the default 300 m.
    Reply drone =
        service.post(
            "us-officer", "/movements", air("drone", 41.3, 37.0, 41.7, 37.0, 3100, "[3000, 3200]"));
    assertThat(drone.status()).as(drone.raw()).isEqualTo(201);
    Reply heli =
        service.post(
            "ru-officer", "/movements", air("heli", 41.5, 36.8, 41.5, 37.2, 2600, "[2500, 2800]"));
    assertThat(heli.status()).as(heli.raw()).isEqualTo(201);

    assertThat(alerts("us-officer")).hasSize(1);
    assertThat(alerts("us-officer").get(0).path("kind").asText()).isEqualTo("movement-movement");

    // Down to 2,000–2,600 m: 400 m below the drone, beyond 300 m: the conflict vanishes.
    Reply lower =
        service.call(
            "ru-officer",
            "PUT",
            "/movements/heli",
            air("heli", 41.5, 36.8, 41.5, 37.2, 2400, "[2000, 2600]"));
    assertThat(lower.status()).as(lower.raw()).isEqualTo(200);
    assertThat(alerts("us-officer").get(0).path("state").asText()).isEqualTo("resolved");
    assertThat(alerts("us-officer").get(0).path("resolution").asText())
        .isEqualTo("the conflict vanished");
  }

  @Test
  void theAgreementsVerticalSeparationApplies() {
    Reply ag = service.agreement(", \"verticalSeparationMeters\": 500");
    assertThat(ag.status()).as(ag.raw()).isEqualTo(201);
    JsonNode agreements = service.get("us-officer", "/agreements").json().path("agreements");
    // Shown only where it is not the default 300 m (so older journals replay to the same bytes).
    assertThat(agreements.findValues("verticalSeparationMeters"))
        .extracting(JsonNode::asDouble)
        .containsExactly(500.0);

    // 400 m apart: within the agreed 500 m.
    service.post(
        "us-officer", "/movements", air("drone", 41.3, 37.0, 41.7, 37.0, 3100, "[3000, 3200]"));
    service.post(
        "ru-officer", "/movements", air("heli", 41.5, 36.8, 41.5, 37.2, 2400, "[2000, 2600]"));

    assertThat(alerts("ru-officer")).hasSize(1);
  }

  @Test
  void aGroundPatrolUnderADroneConflictsAndASiteProtectsOnlyItsHeights() {
    service.post(
        "us-officer", "/movements", air("drone", 41.3, 37.0, 41.7, 37.0, 6000, "[6000, 6500]"));
    Reply patrol =
        service.post(
            "ru-officer",
            "/movements",
            TestService.movement("patrol", 41.5, 36.8, 41.5, 37.2, t1, t2));
    assertThat(patrol.status()).as(patrol.raw()).isEqualTo(201);
    assertThat(alerts("ru-officer")).as("the ground band is every height").hasSize(1);

    Reply site =
        service.post(
            "ru-officer",
            "/sites",
            "{\"type\": \"Feature\", \"id\": \"clinic\", \"geometry\": {\"type\": \"Point\","
                + " \"coordinates\": [41.6, 37.0]}, \"properties\": {\"radiusMeters\": 500,"
                + " \"band\": [0, 1500]}}");
    assertThat(site.status()).as(site.raw()).isEqualTo(201);
    assertThat(alerts("ru-officer")).as("the drone passes 4,500 m above the clinic").hasSize(1);
    JsonNode own = service.get("ru-officer", "/sites/clinic").json();
    assertThat(own.path("feature").path("properties").path("band").toString())
        .isEqualTo("[0,1500]");
  }

  @Test
  void aPartySharingPositionsShowsItsBandsButNotItsVerticalSeparation() {
    Reply shared =
        service.call(
            "operator",
            "PUT",
            "/agreements/ag-1",
            "{\"parties\": [\"us\", \"ru\"], \"sharing\": {\"us\": \"positions\"}}");
    assertThat(shared.status()).as(shared.raw()).isEqualTo(200);
    String drone =
        air("drone", 41.3, 37.0, 41.7, 37.0, 3100, "[3000, 3200]")
            .replace("\"bands\"", "\"verticalSeparationMeters\": 400, \"bands\"");
    assertThat(service.post("us-officer", "/movements", drone).status()).isEqualTo(201);

    JsonNode seen = service.get("ru-officer", "/movements?scope=visible").json().path("movements");
    assertThat(seen).hasSize(1);
    JsonNode properties = seen.get(0).path("feature").path("properties");
    assertThat(properties.path("bands").toString()).isEqualTo("[[3000,3200]]");
    assertThat(properties.has("verticalSeparationMeters")).isFalse();
    assertThat(
            seen.get(0).path("feature").path("geometry").path("coordinates").get(0).get(2).asInt())
        .isEqualTo(3100);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "upside down|[3200, 3000]|3100|/properties/bands/0",
        "not finite|[3000, \"high\"]|3100|/properties/bands/0/1",
        "out of range|[3000, 250000]|3100|/properties/bands/0/1",
        "altitude outside|[3000, 3200]|5000|/geometry/coordinates/0/2",
      })
  void badBandsAre400sNamingTheField(String what, String band, double altitude, String field) {
    Reply r =
        service.post(
            "us-officer", "/movements", air("bad", 41.3, 37.0, 41.7, 37.0, altitude, band));

    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("field").asText()).as(r.raw()).isEqualTo(field);
    assertThat(service.get("us-officer", "/movements").json().path("movements")).isEmpty();
  }

  @Test
  void aBadVerticalSeparationInAnAgreementIsA400() {
    Reply r = service.agreement(", \"verticalSeparationMeters\": 0");

    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.raw()).contains("verticalSeparationMeters");
  }
}
