package io.deconflict.server;

import static io.deconflict.server.LiveTracksTest.report;
import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 16, defect 1): live alerts between units without a plan used the configured
 * default separation (1,000 m) instead of the separation of the agreement between their parties.
 * With an agreement at 1,500 m the alerts said 1,000 m, some were missing, and loss times were off
 * by 12–59 s. The agreement's separation applies to the units of its parties, as in force at the
 * later of the two report times; a unit that follows a movement keeps its movement's separation if
 * larger.
 */
class LiveAlertsUseTheAgreedSeparationTest {

  @TempDir Path data;
  SettableClock clock;
  TestService service;

  @BeforeEach
  void start() {
    clock = SettableClock.at(T0);
    service = new TestService(data, clock);
    Reply agreement =
        service.post(
            "operator",
            "/agreements",
            "{\"parties\": [\"us\", \"ru\"], \"separationMeters\": 1500,"
                + " \"sharing\": {\"us\": \"positions\", \"ru\": \"positions\"}}");
    assertThat(agreement.status()).as(agreement.raw()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void headOnUnitsLoseTheAgreedSeparationWhenTheReferenceSaysSo() {
    double lon1 = 40.65;
    double lon2 = 40.80;
    post("us-officer", report("u1", T0, lon1, 36.5, 90, 20));
    post("ru-officer", report("r1", T0, lon2, 36.5, 270, 20));
    JsonNode alert = onlyAlert("us-officer", "u1");
    assertThat(alert.path("live").path("separationMeters").asDouble()).isEqualTo(1500);
    // independent: the two close along one geodesic at 40 m/s; 1,500 m are lost after (d - 1500)/40
    double d = Geodesic.WGS84.Inverse(36.5, lon1, 36.5, lon2).s12;
    double expected = (d - 1500) / 40;
    assertThat(alert.path("live").path("timeToLossSeconds").asDouble())
        .isCloseTo(expected, within(1.0));
    assertThat(Instant.parse(alert.path("start").asText()))
        .isBetween(
            T0.plusMillis((long) (expected * 1000) - 1000), T0.plusSeconds((long) expected + 1));
  }

  @Test
  void parallelUnitsBetweenTheDefaultAndTheAgreedSeparationAreInConflictOnlyUnderTheAgreement() {
    // 1,200 m apart on parallel courses: inside 1,500 m (us-ru agreed), outside 1,000 m (default)
    GeodesicData east = Geodesic.WGS84.Direct(35.0, 41.0, 90, 1200);
    post("us-officer", report("u2", T0, 41.0, 35.0, 0, 10));
    post("ru-officer", report("r2", T0, east.lon2, east.lat2, 0, 10));
    JsonNode alert = onlyAlert("us-officer", "u2");
    assertThat(alert.path("live").path("level").asText()).isEqualTo("warning");
    assertThat(alert.path("live").path("separationMeters").asDouble()).isEqualTo(1500);
    assertThat(alert.path("live").path("distanceNowMeters").asDouble())
        .isCloseTo(1200, within(1.0));

    // tr has no agreement with us: the default applies to that pair
    post(
        "tr-officer",
        report("t2", T0, Geodesic.WGS84.Direct(35.0, 41.0, 270, 1200).lon2, 35.0, 0, 10));
    assertThat(alertsOf("us-officer", "u2")).hasSize(1);
    assertThat(alertsOf("tr-officer", "t2")).isEmpty();
  }

  @Test
  void anAgreementAppliesFromItsEffectiveTimeInReportTime() {
    Instant from = T0.plus(Duration.ofMinutes(10));
    Reply later =
        service.post(
            "operator",
            "/agreements",
            "{\"parties\": [\"us\", \"tr\"], \"separationMeters\": 1500, \"effectiveFrom\": \""
                + from
                + "\"}");
    assertThat(later.status()).as(later.raw()).isEqualTo(201);
    GeodesicData east = Geodesic.WGS84.Direct(34.0, 42.0, 90, 1200);
    GeodesicData north = Geodesic.WGS84.Direct(34.0, 42.0, 0, 6000);
    GeodesicData northEast = Geodesic.WGS84.Direct(east.lat2, east.lon2, 0, 6000);
    // before it is in force: 1,200 m apart is clear of the default 1,000 m
    post("us-officer", report("u3", T0, 42.0, 34.0, 0, 10));
    post("tr-officer", report("t3", T0, east.lon2, east.lat2, 0, 10));
    assertThat(alertsOf("us-officer", "u3")).isEmpty();
    // reported after it took effect (10 min on, 6 km north): 1,500 m apply
    Instant t = from.plusSeconds(60);
    clock.set(t);
    post("us-officer", report("u3", t, north.lon2, north.lat2, 0, 10));
    post("tr-officer", report("t3", t, northEast.lon2, northEast.lat2, 0, 10));
    JsonNode alert = onlyAlert("us-officer", "u3");
    assertThat(alert.path("live").path("separationMeters").asDouble()).isEqualTo(1500);
  }

  @Test
  void aUnitFollowingAMovementKeepsItsLargerSeparationAndTheAgreementStillHoldsForASmallerOne() {
    Instant start = T0.minusSeconds(600);
    GeodesicData end = Geodesic.WGS84.Direct(33.0, 43.0, 0, 72_000);
    String big =
        "{\"type\": \"Feature\", \"id\": \"m-big\", \"geometry\": {\"type\": \"LineString\","
            + " \"coordinates\": [[43.0, 33.0], ["
            + end.lon2
            + ", "
            + end.lat2
            + "]]}, \"properties\": {\"separationMeters\": 2500, \"times\": [\""
            + start
            + "\", \""
            + start.plusSeconds(7200)
            + "\"]}}";
    assertThat(service.post("us-officer", "/movements", big).status()).isEqualTo(201);
    String small = big.replace("m-big", "m-small").replace("2500", "500");
    assertThat(service.post("us-officer", "/movements", small).status()).isEqualTo(201);
    // both on the plan (6 km along after 600 s at 10 m/s); ru units 2,000 m east of each
    GeodesicData onPlan = Geodesic.WGS84.Direct(33.0, 43.0, 0, 6000);
    GeodesicData ruEast = Geodesic.WGS84.Direct(onPlan.lat2, onPlan.lon2, 90, 2000);
    GeodesicData farNorth = Geodesic.WGS84.Direct(onPlan.lat2, onPlan.lon2, 0, 40_000);
    GeodesicData farNorthEast = Geodesic.WGS84.Direct(farNorth.lat2, farNorth.lon2, 90, 1200);
    post("us-officer", report("m-big", T0, onPlan.lon2, onPlan.lat2, 0, 10));
    post("ru-officer", report("r4", T0, ruEast.lon2, ruEast.lat2, 0, 10));
    assertThat(onlyAlert("us-officer", "m-big").path("live").path("separationMeters").asDouble())
        .isEqualTo(2500);
    // m-small reports 40 km further on (off its plan, which is its own alert), 1,200 m from r5
    post("us-officer", report("m-small", T0, farNorth.lon2, farNorth.lat2, 0, 10));
    post("ru-officer", report("r5", T0, farNorthEast.lon2, farNorthEast.lat2, 0, 10));
    assertThat(onlyAlert("us-officer", "m-small").path("live").path("separationMeters").asDouble())
        .isEqualTo(1500);
  }

  // ---------------------------------------------------------------------------------------------

  private void post(String member, String... reports) {
    Reply r = service.post(member, "/positions", "[" + String.join(", ", reports) + "]");
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
  }

  /**
   * The member's unit-unit alerts about its unit {@code unit}; a unit that follows its movement
   * (same id) is that movement's formation, so its alert is {@code formation-formation} (D29).
   */
  private List<JsonNode> alertsOf(String member, String unit) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : service.get(member, "/alerts").json().path("alerts")) {
      if (List.of("unit-unit", "formation-formation").contains(a.path("kind").asText())
          && a.path("own").path("item").asText().equals(unit)) {
        out.add(a);
      }
    }
    return out;
  }

  private JsonNode onlyAlert(String member, String unit) {
    List<JsonNode> alerts = alertsOf(member, unit);
    assertThat(alerts).as("%s's unit-unit alerts about %s", member, unit).hasSize(1);
    return alerts.get(0);
  }
}
