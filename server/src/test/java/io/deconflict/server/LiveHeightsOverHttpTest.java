package io.deconflict.server;

import static io.deconflict.server.LiveTracksTest.report;
import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reports with heights over the wire (issue 14 part 2, D37): a report's {@code hae} places the
 * unit vertically, two units head-on lose separation only if they are within the vertical
 * separation (300 m) as well, a unit without {@code hae} is on the ground band, and a bad {@code
 * hae} is a 400 naming it.
 */
class LiveHeightsOverHttpTest {

  @TempDir Path data;
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

  private static String withHae(String report, double hae) {
    return report.substring(0, report.length() - 1) + ", \"hae\": " + hae + "}";
  }

  private void post(String member, String report) {
    Reply r = service.post(member, "/positions", "[" + report + "]");
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
  }

  private List<JsonNode> unitAlerts(String member) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : service.get(member, "/alerts").json().path("alerts")) {
      if (a.path("kind").asText().equals("unit-unit")) {
        out.add(a);
      }
    }
    return out;
  }

  @Test
  void headOnUnitsAtHeightsTooFarApartRaiseNothingAndCloseOnesDo() {
    // Head-on at 40 m/s, 12 km apart: horizontally 1,000 m (the agreement's) lost in 275 s.
    post("us-officer", withHae(report("drone", T0, 40.65, 36.5, 90, 20), 3000));
    post("ru-officer", withHae(report("heli", T0, 40.7849, 36.5, 270, 20), 3500));
    assertThat(unitAlerts("us-officer")).as("500 m apart vertically").isEmpty();

    post("ru-officer", withHae(report("heli2", T0, 40.7849, 36.52, 270, 20), 3200));
    post("us-officer", withHae(report("drone2", T0, 40.65, 36.52, 90, 20), 3000));
    List<JsonNode> alerts = unitAlerts("us-officer");
    assertThat(alerts).as("200 m apart vertically").hasSize(1);
    double d = Geodesic.WGS84.Inverse(36.52, 40.65, 36.52, 40.7849).s12;
    assertThat(alerts.get(0).path("live").path("timeToLossSeconds").asDouble())
        .isCloseTo((d - 1000) / 40, within(1.0));
  }

  @Test
  void aUnitWithoutAHeightIsOnTheGroundBand() {
    post("us-officer", withHae(report("drone", T0, 40.65, 36.5, 90, 20), 9000));
    post("ru-officer", report("patrol", T0, 40.7849, 36.5, 270, 20));

    assertThat(unitAlerts("us-officer")).hasSize(1);
  }

  @Test
  void aBadHaeIsA400NamingIt() {
    Reply r =
        service.post(
            "us-officer",
            "/positions",
            "[" + withHae(report("drone", T0, 40.65, 36.5, 90, 20), 250000) + "]");

    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).isEqualTo("/reports/0/hae");
  }
}
