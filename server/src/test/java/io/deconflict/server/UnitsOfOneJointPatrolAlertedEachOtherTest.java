package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 14 part 1, D39): the units of one joint patrol raised live alerts against each
 * other. A joint movement has no conflict among its participants, but a participant's unit could
 * not report under the lead's movement (a report's {@code movement} had to be one of its own
 * party's), so a Turkish vehicle driving 100 m behind a Russian one in their joint patrol was a
 * lone unit of another party closing on it. Now a participant that accepted reports under the joint
 * movement as {@code lead/id}; units of one joint movement never conflict, while a Turkish vehicle
 * outside it still does, and naming a joint movement one has not accepted is a 400.
 */
class UnitsOfOneJointPatrolAlertedEachOtherTest {

  @TempDir Path data;
  SettableClock clock;
  TestService service;

  @BeforeEach
  void start() {
    clock = SettableClock.at(T0);
    service = new TestService(data, clock);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private static final Instant START = T0.minus(Duration.ofMinutes(10));

  /** Russia's patrol east along latitude 36.8 from lon 40.0 to 40.4, Turkey from the start. */
  private static String jointPatrol() {
    return "{\"type\": \"Feature\", \"id\": \"rt-1\", \"geometry\": {\"type\": \"LineString\","
        + " \"coordinates\": [[39.9, 36.8], [40.1, 36.8], [40.3, 36.8]]}, \"properties\":"
        + " {\"times\": [\""
        + START
        + "\", \""
        + START.plus(Duration.ofMinutes(30))
        + "\", \""
        + START.plus(Duration.ofMinutes(60))
        + "\"], \"separationMeters\": 1000, \"participants\": [{\"party\": \"tr\", \"joinAt\": 0,"
        + " \"leaveAt\": 2}]}}";
  }

  /** A vehicle at {@code lon} on latitude 36.8 heading east at 10 m/s, at T0. */
  private static String vehicle(String unit, double lon, String movement) {
    String r = LiveTracksTest.report(unit, T0, lon, 36.8, 90, 10);
    return movement.isEmpty()
        ? "[" + r + "]"
        : "[" + r.substring(0, r.length() - 1) + ", \"movement\": \"" + movement + "\"}]";
  }

  private int alerts(String member) {
    return service.get(member, "/alerts").json().path("alerts").size();
  }

  @Test
  void vehiclesOfOneJointPatrolDoNotAlertEachOtherAndOneOutsideItDoes() {
    Reply patrol = service.post("ru-officer", "/movements", jointPatrol());
    assertThat(patrol.status()).as(patrol.raw()).isEqualTo(201);

    // before Turkey accepts, its vehicle cannot report under the joint patrol
    Reply early = service.post("tr-officer", "/positions", vehicle("t1", 40.001, "ru/rt-1"));
    assertThat(early.status()).as(early.raw()).isEqualTo(400);
    assertThat(early.json().path("field").asText()).isEqualTo("/reports/0/movement");
    assertThat(early.raw()).contains("joint movement");

    Reply accepted =
        service.post(
            "tr-officer",
            "/movements/rt-1/participation",
            "{\"party\": \"ru\", \"decision\": \"accept\"}");
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));

    for (String member : List.of("ru-officer", "tr-officer")) {
      assertThat(alerts(member)).as(member + " before the vehicles report").isZero();
    }
    Reply ru = service.post("ru-officer", "/positions", vehicle("r1", 40.0, "rt-1"));
    assertThat(ru.status()).as(ru.raw()).isEqualTo(200);
    Reply tr = service.post("tr-officer", "/positions", vehicle("t1", 40.001, "ru/rt-1"));
    assertThat(tr.status()).as(tr.raw()).isEqualTo(200);
    for (String member : List.of("ru-officer", "tr-officer")) {
      assertThat(alerts(member)).as(member + ": two vehicles of one joint patrol").isZero();
    }

    // a Turkish vehicle outside the patrol, 100 m ahead of the Russian one: that is an encounter
    Reply lone = service.post("tr-officer", "/positions", vehicle("t2", 39.999, ""));
    assertThat(lone.status()).as(lone.raw()).isEqualTo(200);
    assertThat(alerts("ru-officer")).as("ru: the Turkish vehicle outside the patrol").isPositive();
    assertThat(alerts("tr-officer")).as("tr: the same").isPositive();

    // nobody else reports under it
    Reply us = service.post("us-officer", "/positions", vehicle("u1", 40.2, "ru/rt-1"));
    assertThat(us.status()).as(us.raw()).isEqualTo(400);
    assertThat(us.json().path("field").asText()).isEqualTo("/reports/0/movement");
  }
}
