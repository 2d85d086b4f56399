package io.deconflict.server;

import static io.deconflict.server.LiveTracksTest.report;
import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression (issue 16, defect 2): unit-unit alerts carried no {@code closest} block, although
 * docs/api.md says only movement-zone alerts lack one. Every unit-unit alert carries its closest
 * approach (time, distance, the recipient's own position and, as shared, the other's), on the event
 * stream and on {@code GET /alerts/{id}}, checked here against an independent reference: both units
 * propagated along geodesics at constant speed (GeographicLib {@code Direct}), distances measured
 * on the ellipsoid ({@code Inverse}), the minimum found by search.
 */
class UnitUnitAlertsCarryTheirClosestApproachTest {

  @TempDir Path data;
  SettableClock clock;
  TestService service;

  @BeforeEach
  void start() {
    clock = SettableClock.at(T0);
    service = new TestService(data, clock);
    Reply agreement =
        service.agreement(", \"sharing\": {\"us\": \"positions\", \"ru\": \"positions\"}");
    assertThat(agreement.status()).as(agreement.raw()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  /**
   * us heads for a crossing it reaches after 400 s; ru comes through it {@code lag} s later, and
   * reports {@code later} s after us (so the encounter is evaluated with one track extrapolated).
   */
  @ParameterizedTest(
      name = "us {0}° {1} m/s, ru {2}° {3} m/s, ru {4} s behind, ru reports {5} s later")
  @CsvSource({
    "45, 15, 300, 12, 20, 0",
    "0, 10, 180, 10, 3, 0",
    "90, 20, 200, 8, -30, 5",
    "10, 5, 350, 25, 0, 12"
  })
  void everyUnitUnitAlertCarriesItsClosestApproach(
      double usCourse, double usSpeed, double ruCourse, double ruSpeed, double lag, double later) {
    EventStream usStream = service.events("us-officer", Optional.empty());
    EventStream ruStream = service.events("ru-officer", Optional.empty());
    double crossAt = 400;
    GeodesicData cross = Geodesic.WGS84.Direct(36.5, 40.6, usCourse, usSpeed * crossAt);
    // ru comes from the crossing's other side: start back along its course from the crossing
    GeodesicData ruStart =
        Geodesic.WGS84.Direct(cross.lat2, cross.lon2, ruCourse + 180, ruSpeed * (crossAt + lag));
    Unit us = new Unit(40.6, 36.5, usCourse, usSpeed, T0);
    Instant ruTime = T0.plusSeconds((long) later);
    // the ru report comes later: where it is by then
    GeodesicData ruThen =
        Geodesic.WGS84.Direct(ruStart.lat2, ruStart.lon2, ruCourse, ruSpeed * later);
    Unit ru = new Unit(ruThen.lon2, ruThen.lat2, ruCourse, ruSpeed, ruTime);
    post("us-officer", report("u1", us.time, us.lon, us.lat, us.course, us.speed));
    clock.set(ruTime);
    post("ru-officer", report("r1", ru.time, ru.lon, ru.lat, ru.course, ru.speed));

    Reference ref = Reference.closest(us, ru, ruTime);
    assertThat(ref.distanceMeters).as("the scenario closes within separation").isLessThan(1000);

    for (boolean usSide : new boolean[] {true, false}) {
      JsonNode raised = (usSide ? usStream : ruStream).next("alert.raised").data().path("body");
      assertThat(raised.path("kind").asText()).isEqualTo("unit-unit");
      String member = usSide ? "us-officer" : "ru-officer";
      JsonNode read = service.get(member, "/alerts/" + raised.path("id").asText()).json();
      for (JsonNode alert : new JsonNode[] {raised, read}) {
        JsonNode closest = alert.path("closest");
        assertThat(closest.isObject())
            .as("%s's alert has a closest block: %s", member, alert)
            .isTrue();
        Instant time = Instant.parse(closest.path("time").asText());
        assertThat(Math.abs(time.toEpochMilli() - ref.time.toEpochMilli()) / 1000.0)
            .as("closest.time %s against the reference %s", time, ref.time)
            .isLessThan(1.0);
        assertThat(closest.path("distanceMeters").asDouble())
            .isCloseTo(ref.distanceMeters, within(1.0));
        double[] own = usSide ? ref.us : ref.ru;
        double[] other = usSide ? ref.ru : ref.us;
        assertThat(metres(closest.path("own"), own)).as("closest.own").isLessThan(1.0);
        assertThat(metres(closest.path("other"), other)).as("closest.other").isLessThan(1.0);
        // the place to read back is the recipient's own unit then
        assertThat(metres(alert.path("location"), own)).as("location").isLessThan(1.0);
      }
    }
  }

  private static double metres(JsonNode point, double[] lonLat) {
    assertThat(point.isArray()).as("a [lon, lat] point: %s", point).isTrue();
    return Geodesic.WGS84.Inverse(
            point.get(1).asDouble(), point.get(0).asDouble(), lonLat[1], lonLat[0])
        .s12;
  }

  private void post(String member, String... reports) {
    Reply r = service.post(member, "/positions", "[" + String.join(", ", reports) + "]");
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
  }

  /** A reported unit. */
  record Unit(double lon, double lat, double course, double speed, Instant time) {

    /** Where it is {@code seconds} after {@code at}, along the geodesic of its course. */
    double[] at(Instant at, double seconds) {
      double dt = (at.toEpochMilli() - time.toEpochMilli()) / 1000.0 + seconds;
      GeodesicData d = Geodesic.WGS84.Direct(lat, lon, course, speed * dt);
      return new double[] {d.lon2, d.lat2};
    }
  }

  /** The closest approach by search, from {@code from} on: a scan, then golden sections. */
  record Reference(Instant time, double distanceMeters, double[] us, double[] ru) {

    static Reference closest(Unit a, Unit b, Instant from) {
      double best = 0;
      double bestDistance = Double.MAX_VALUE;
      for (double t = 0; t <= 900; t += 1) {
        double d = distance(a, b, from, t);
        if (d < bestDistance) {
          bestDistance = d;
          best = t;
        }
      }
      double lo = Math.max(0, best - 1);
      double hi = best + 1;
      double g = (Math.sqrt(5) - 1) / 2;
      for (int i = 0; i < 60; i++) {
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        if (distance(a, b, from, x1) < distance(a, b, from, x2)) {
          hi = x2;
        } else {
          lo = x1;
        }
      }
      double t = (lo + hi) / 2;
      return new Reference(
          from.plusMillis(Math.round(t * 1000)),
          distance(a, b, from, t),
          a.at(from, t),
          b.at(from, t));
    }

    private static double distance(Unit a, Unit b, Instant from, double t) {
      double[] p = a.at(from, t);
      double[] q = b.at(from, t);
      return Geodesic.WGS84.Inverse(p[1], p[0], q[1], q[0]).s12;
    }
  }
}
