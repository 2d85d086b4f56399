package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.server.TestService.Sse;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live position reports over HTTP: tactical alerts, their levels, incursions, conformance. */
class LiveTracksTest {

  /** Metres per degree of longitude at 36.5 N (WGS84). */
  static final double M_PER_DEG_LON = 89_600;

  @TempDir Path data;
  SettableClock clock;
  TestService service;

  @BeforeEach
  void start() {
    clock = SettableClock.at(T0);
    service = new TestService(data, clock);
    assertThat(
            service
                .agreement(", \"sharing\": {\"us\": \"positions\", \"ru\": \"positions\"}")
                .status())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  static String report(
      String unit, Instant t, double lon, double lat, double course, double speed) {
    return "{\"unit\": \""
        + unit
        + "\", \"time\": \""
        + t
        + "\", \"lon\": "
        + lon
        + ", \"lat\": "
        + lat
        + ", \"course\": "
        + course
        + ", \"speed\": "
        + speed
        + "}";
  }

  Reply post(String member, String... reports) {
    return service.post(member, "/positions", "[" + String.join(", ", reports) + "]");
  }

  @Test
  void twoUnitsHeadOnRaiseALiveAlertWhoseLevelRisesAsTheyClose() {
    EventStream us = service.events("us-officer", Optional.empty());
    EventStream ru = service.events("ru-officer", Optional.empty());
    // 13.4 km apart, closing at 40 m/s: separation 1 km lost in about 5.2 min -> advisory
    assertThat(post("us-officer", report("u1", T0, 40.65, 36.5, 90, 20)).status()).isEqualTo(200);
    Reply second = post("ru-officer", report("r1", T0, 40.80, 36.5, 270, 20));
    assertThat(second.status()).as(second.raw()).isEqualTo(200);
    assertThat(second.json().path("accepted").asInt()).isEqualTo(1);
    Sse usAlert = us.next("alert.raised");
    Sse ruAlert = ru.next("alert.raised");
    JsonNode a = usAlert.data().path("body");
    assertThat(a.path("kind").asText()).isEqualTo("unit-unit");
    assertThat(a.path("own").path("item").asText()).isEqualTo("u1");
    assertThat(a.path("other").path("item").asText()).isEqualTo("r1");
    assertThat(a.path("live").path("level").asText()).isEqualTo("advisory");
    double timeToLoss = a.path("live").path("timeToLossSeconds").asDouble();
    assertThat(timeToLoss).isBetween(290.0, 330.0);
    assertThat(ruAlert.data().path("body").path("own").path("item").asText()).isEqualTo("r1");

    // a minute later, both have covered 1.2 km: about 4.2 min to loss -> caution
    clock.advance(Duration.ofMinutes(1));
    Instant t1 = T0.plus(Duration.ofMinutes(1));
    post("us-officer", report("u1", t1, 40.65 + 1200 / M_PER_DEG_LON, 36.5, 90, 20));
    post("ru-officer", report("r1", t1, 40.80 - 1200 / M_PER_DEG_LON, 36.5, 270, 20));
    Sse updated = us.next("alert.updated");
    assertThat(updated.data().path("body").path("live").path("level").asText())
        .isEqualTo("caution");
    JsonNode now = service.get("us-officer", "/alerts/" + a.path("id").asText()).json();
    assertThat(now.path("live").path("level").asText()).isEqualTo("caution");

    // a duplicate and an older report change nothing
    Reply dup = post("us-officer", report("u1", t1, 40.65 + 1200 / M_PER_DEG_LON, 36.5, 90, 20));
    assertThat(dup.json().path("accepted").asInt()).isZero();
    assertThat(dup.json().path("ignored").asInt()).isEqualTo(1);
    Reply old = post("us-officer", report("u1", T0, 40.65, 36.5, 90, 20));
    assertThat(old.json().path("accepted").asInt()).isZero();

    // the tracks: own, and the other's because ru shares positions
    JsonNode tracks = service.get("us-officer", "/tracks?scope=visible").json().path("tracks");
    assertThat(tracks).hasSize(2);
    assertThat(service.get("tr-officer", "/tracks?scope=visible").json().path("tracks")).isEmpty();
  }

  @Test
  void divergingUnitsRaiseNothing() {
    post("us-officer", report("u1", T0, 40.60, 36.5, 270, 20));
    post("ru-officer", report("r1", T0, 40.62, 36.5, 90, 20));
    assertThat(service.get("us-officer", "/alerts").json().path("alerts")).isEmpty();
  }

  @Test
  void aReportTooFarInTheFutureIsRefusedAndNothingIsStored() {
    Reply r = post("us-officer", report("u1", T0.plusSeconds(3600), 40.6, 36.5, 90, 10));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).isEqualTo("/reports/0/time");
    assertThat(r.json().path("detail").asText()).contains("ahead of the service's clock");
    Reply bad = post("us-officer", report("u1", T0, 40.6, 95, 90, 10));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(service.get("us-officer", "/tracks").json().path("tracks")).isEmpty();
  }

  @Test
  void ndjsonBatchesAreAccepted() {
    String body =
        report("u1", T0, 40.6, 36.5, 90, 10) + "\n" + report("u2", T0, 40.7, 36.6, 0, 5) + "\n";
    Reply r =
        service.callWithType("us-officer", "POST", "/positions", body, "application/x-ndjson");
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    assertThat(r.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(service.get("us-officer", "/tracks").json().path("tracks")).hasSize(2);
  }

  @Test
  void enteringAForbiddenZoneWarnsAtOnceAndLeavingResolves() {
    EventStream ru = service.events("ru-officer", Optional.empty());
    Reply zone =
        service.post(
            "ru-officer",
            "/zones",
            "{\"type\": \"Feature\", \"id\": \"qasr-dib\", \"geometry\": {\"type\": \"Polygon\","
                + " \"coordinates\": [[[42.0, 37.0], [42.1, 37.0], [42.1, 37.1], [42.0, 37.1],"
                + " [42.0, 37.0]]]}, \"properties\": {\"access\": \"forbidden\"}}");
    assertThat(zone.status()).as(zone.raw()).isEqualTo(201);
    post("us-officer", report("u9", T0, 41.95, 37.05, 90, 5));
    post("us-officer", report("u9", T0.plusSeconds(10), 42.05, 37.05, 90, 5));
    Sse raised = ru.next("alert.raised");
    JsonNode body = raised.data().path("body");
    assertThat(body.path("kind").asText()).isEqualTo("incursion");
    assertThat(body.path("live").path("level").asText()).isEqualTo("warning");
    assertThat(body.path("own").path("item").asText()).isEqualTo("qasr-dib");
    post("us-officer", report("u9", T0.plusSeconds(20), 42.2, 37.05, 90, 5));
    Sse resolved = ru.next("alert.resolved");
    assertThat(resolved.data().path("body").path("alert").asText())
        .isEqualTo(body.path("id").asText());
    assertThat(
            service
                .post(
                    "ru-officer",
                    "/zones",
                    "{\"type\": \"Feature\", \"geometry\": {\"type\":"
                        + " \"Polygon\", \"coordinates\": [[[42.0, 37.0], [42.1, 37.0], [42.1, 37.1],"
                        + " [42.0, 37.0]]]}, \"properties\": {\"access\": \"closed\"}}")
                .json()
                .path("field")
                .asText())
        .isEqualTo("/properties/access");
  }

  @Test
  void aUnitOffItsNotifiedPlanIsNonConformingUntilItIsBack() {
    EventStream us = service.events("us-officer", Optional.empty());
    Instant start = T0.minusSeconds(600);
    Reply plan =
        service.post(
            "us-officer",
            "/movements",
            TestService.movement(
                "convoy-7", 40.0, 36.0, 40.5, 36.0, start, start.plusSeconds(7200)));
    assertThat(plan.status()).as(plan.raw()).isEqualTo(201);
    // on plan: 10 min after start, 1/12 of the way
    double onPlanLon = 40.0 + 0.5 / 12;
    post("us-officer", report("convoy-7", T0, onPlanLon, 36.0, 90, 6));
    assertThat(service.get("us-officer", "/alerts").json().path("alerts")).isEmpty();
    // 3 km north of the route
    post("us-officer", report("convoy-7", T0.plusSeconds(30), onPlanLon, 36.027, 90, 6));
    Sse raised = us.next("alert.raised");
    assertThat(raised.data().path("body").path("kind").asText()).isEqualTo("non-conformance");
    assertThat(raised.data().path("body").path("live").path("offTrackMeters").asDouble())
        .isGreaterThan(2000);
    // back on the route, on time
    post(
        "us-officer", report("convoy-7", T0.plusSeconds(60), 40.0 + 0.5 * 660 / 7200, 36.0, 90, 6));
    Sse resolved = us.next("alert.resolved");
    assertThat(resolved.data().path("body").path("resolution").asText()).contains("conformance");
  }
}
