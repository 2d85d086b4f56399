package io.deconflict.server;

import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Geodesics;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted week, 2022-W41 (Monday 10 October to Monday 17 October), and its review for each
 * viewer over the real HTTP API: on-time, late and emergency notices, a cancelled movement, two
 * conflicts (one acknowledged late by the US, one never: escalated and overdue), hotline posts, an
 * incident with both sides' accounts, a Russian site that lapsed, and a US unit off its route.
 */
class WeeklyReviewOverHttpTest {

  static final String WEEK = "/agreements/ag-1/reviews/2022-W41";

  @TempDir static Path data;
  static SettableClock clock;
  static TestService service;

  /** The US's two alerts (conflicts A and B) as the US read them. */
  static JsonNode usAlertA;

  static JsonNode usAlertB;

  static Instant at(String dayAndTime) {
    return Instant.parse("2022-10-" + dayAndTime + ":00Z");
  }

  @BeforeAll
  static void playTheWeek() {
    // Saturday of the week before: the agreement (reconfirm sites weekly) and a Russian clinic
    clock = SettableClock.at(at("08T06:00"));
    service = new TestService(data, clock);
    ok(service.agreement(", \"reconfirmEvery\": \"P7D\", \"reconfirmWarnBefore\": \"P1D\""));
    ok(
        service.post(
            "ru-officer",
            "/sites",
            "{\"type\": \"Feature\", \"id\": \"clinic\", \"geometry\": {\"type\": \"Point\","
                + " \"coordinates\": [41.5, 36.9]}, \"properties\": {\"radiusMeters\": 300}}"));
    EventStream us = service.events("us-commander", Optional.empty());
    EventStream ru = service.events("ru-commander", Optional.empty());

    // Monday 06:00: conflict A, two days ahead; Russia acknowledges in 2 min, the US in 15 (late)
    clock.set(at("10T06:00"));
    ok(
        service.post(
            "us-officer",
            "/movements",
            movement("us-1", 40.6, 36.5, 40.8, 36.5, at("12T06:00"), at("12T07:00"))));
    ok(
        service.post(
            "ru-officer",
            "/movements",
            movement("ru-1", 40.7, 36.4, 40.7, 36.6, at("12T06:00"), at("12T07:00"))));
    String a = us.next("alert.raised").data().path("body").path("id").asText();
    JsonNode ruA = ru.next("alert.raised").data().path("body");
    clock.set(at("10T06:02"));
    acknowledge("ru-officer", ruA);
    clock.set(at("10T06:11"));
    us.next("alert.escalated");
    clock.set(at("10T06:15"));
    usAlertA = service.get("us-officer", "/alerts/" + a).json();
    acknowledge("us-officer", usAlertA);
    clock.set(at("10T06:20"));
    String threadA = "/hotline/threads/conflict:" + usAlertA.path("conflictId").asText();
    ok(service.post("ru-officer", threadA + "/messages", "{\"text\": \"We pass at 06:30.\"}"));

    // Tuesday: a US movement notified 2 h ahead (late: 24 h required), a Russian emergency 2 h
    // ahead (in time: 1 h required), the US movement cancelled
    clock.set(at("11T08:00"));
    ok(
        service.post(
            "us-officer",
            "/movements",
            movement("us-2", 39.0, 36.0, 39.2, 36.0, at("11T10:00"), at("11T11:00"))));
    clock.set(at("11T09:00"));
    ok(
        service.post(
            "ru-officer",
            "/movements",
            "{\"type\": \"Feature\", \"id\": \"ru-2\", \"geometry\": {\"type\": \"LineString\","
                + " \"coordinates\": [[38.0, 35.5], [38.2, 35.5]]}, \"properties\": {\"times\":"
                + " [\"2022-10-11T11:00:00Z\", \"2022-10-11T12:00:00Z\"], \"emergency\": true}}"));
    clock.set(at("11T12:00"));
    ok(service.call("us-officer", "DELETE", "/movements/us-2", null));

    // Wednesday: a US unit under us-1 3.3 km north of its route at 06:30, back on it at 06:35
    clock.set(at("12T06:30"));
    ok(service.post("us-officer", "/positions", report(at("12T06:30"), 40.7, 36.53)));
    clock.set(at("12T06:35"));
    GeoPoint onRoute =
        Geodesics.positionAt(
            List.of(GeoPoint.of(40.6, 36.5), GeoPoint.of(40.8, 36.5)),
            List.of(at("12T06:00"), at("12T07:00")),
            at("12T06:35"));
    ok(
        service.post(
            "us-officer", "/positions", report(at("12T06:35"), onRoute.lon(), onRoute.lat())));

    // Thursday 06:00: conflict B; Russia acknowledges in a minute, the US never: overdue
    clock.set(at("13T06:00"));
    ok(
        service.post(
            "us-officer",
            "/movements",
            movement("us-3", 40.6, 37.0, 40.8, 37.0, at("14T06:00"), at("14T07:00"))));
    ok(
        service.post(
            "ru-officer",
            "/movements",
            movement("ru-3", 40.7, 36.9, 40.7, 37.1, at("14T06:00"), at("14T07:00"))));
    String b = us.next("alert.raised").data().path("body").path("id").asText();
    JsonNode ruB = ru.next("alert.raised").data().path("body");
    clock.set(at("13T06:01"));
    acknowledge("ru-officer", ruB);
    clock.set(at("13T06:11"));
    us.next("alert.escalated");
    clock.set(at("13T06:42"));
    us.next("alert.escalated");
    clock.set(at("13T07:43"));
    us.next("alert.overdue");
    usAlertB = service.get("us-officer", "/alerts/" + b).json();

    // Thursday: the hotline on conflict B, an incident with both sides' accounts
    String threadB = "/hotline/threads/conflict:" + usAlertB.path("conflictId").asText();
    clock.set(at("13T07:50"));
    ok(service.post("us-officer", threadB + "/messages", "{\"text\": \"Hold at the junction.\"}"));
    ok(service.post("ru-officer", threadB + "/messages", "{\"text\": \"Holding.\"}"));
    ok(service.post("us-officer", threadB + "/messages", "{\"text\": \"Thank you.\"}"));
    clock.set(at("13T10:00"));
    Reply incident =
        service.post(
            "us-officer",
            "/incidents",
            "{\"kind\": \"encounter\", \"time\": \"2022-10-13T09:30:00Z\", \"place\": [40.7,"
                + " 37.0], \"parties\": [\"us\", \"ru\"], \"summary\": \"patrols met at the"
                + " junction\"}");
    ok(incident);
    String in = incident.json().path("id").asText();
    clock.set(at("13T10:05"));
    ok(
        service.post(
            "ru-officer", "/incidents/" + in + "/accounts", "{\"text\": \"we kept our route\"}"));
    clock.set(at("13T10:10"));
    ok(
        service.post(
            "us-officer", "/incidents/" + in + "/accounts", "{\"text\": \"they did not\"}"));

    // Saturday 06:00 the clinic, not reconfirmed for 7 days, lapses
    clock.set(at("15T06:01"));
    ru.next("item.lapsed");

    // the next Monday: a message after the week makes it final in the journal
    clock.set(at("17T01:00"));
    ok(
        service.post(
            "us-officer", "/hotline/threads/pair:ru:us/messages", "{\"text\": \"next week\"}"));
  }

  static String report(Instant time, double lon, double lat) {
    return "[{\"unit\": \"us-patrol-1\", \"time\": \""
        + time
        + "\", \"lon\": "
        + lon
        + ", \"lat\": "
        + lat
        + ", \"movement\": \"us-1\"}]";
  }

  static void acknowledge(String member, JsonNode alert) {
    ok(
        service.post(
            member,
            "/alerts/" + alert.path("id").asText() + "/acknowledge",
            "{\"readBack\": {\"start\": \""
                + alert.path("start").asText()
                + "\", \"end\": \""
                + alert.path("end").asText()
                + "\", \"place\": "
                + alert.path("location")
                + "}}"));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void theUsReviewCountsItsWeek() {
    Reply r = service.get("us-officer", WEEK);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    assertThat(r.json().path("viewer").asText()).isEqualTo("us");
    assertThat(r.json().path("complete").asBoolean()).isTrue();
    assertThat(r.json().path("escalations").path("byParty").path("us").toString())
        .isEqualTo("{\"level2\":2,\"level3\":1,\"overdue\":1}");
  }

  static void ok(Reply reply) {
    assertThat(reply.status()).as(reply.raw()).isBetween(200, 299);
  }
}
