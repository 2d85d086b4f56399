package io.deconflict.server;

import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.time.Instant;

/**
 * The steps that the weekly review's HTTP tests share when they play their week, 2022-W41 (Monday
 * 10 October to Monday 17 October): the US–Russia conflict acknowledged late by the US, an
 * incident, its accounts, and the record after the week that makes it final.
 */
final class ScriptedWeek {

  private final TestService service;
  private final SettableClock clock;

  ScriptedWeek(TestService service, SettableClock clock) {
    this.service = service;
    this.clock = clock;
  }

  /** {@code "2022-10-" + dayAndTime}, e.g. {@code at("10T06:00")}. */
  static Instant at(String dayAndTime) {
    return Instant.parse("2022-10-" + dayAndTime + ":00Z");
  }

  static void ok(Reply r) {
    assertThat(r.status()).as(r.raw()).isBetween(200, 299);
  }

  /** Acknowledges {@code alert} as {@code member}, reading back its interval and place. */
  void acknowledge(String member, JsonNode alert) {
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

  /**
   * Monday 06:00: us-1 and ru-1 conflict two days ahead near Hasakah; Russia acknowledges in 2
   * minutes, the US in 15 (escalated at 10). Returns the US's alert as the US read it just before
   * acknowledging.
   */
  JsonNode conflictAcknowledgedLateByTheUs(EventStream us, EventStream ru) {
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
    JsonNode ruAlert = ru.next("alert.raised").data().path("body");
    clock.set(at("10T06:02"));
    acknowledge("ru-officer", ruAlert);
    clock.set(at("10T06:11"));
    us.next("alert.escalated");
    clock.set(at("10T06:15"));
    JsonNode usAlert = service.get("us-officer", "/alerts/" + a).json();
    acknowledge("us-officer", usAlert);
    return usAlert;
  }

  /** Thursday 10:00: the US records the patrols' meeting at the junction; returns its id. */
  String incident() {
    clock.set(at("13T10:00"));
    Reply incident =
        service.post(
            "us-officer",
            "/incidents",
            "{\"kind\": \"encounter\", \"time\": \"2022-10-13T09:30:00Z\", \"place\": [40.7,"
                + " 37.0], \"parties\": [\"us\", \"ru\"], \"summary\": \"patrols met at the"
                + " junction\"}");
    ok(incident);
    return incident.json().path("id").asText();
  }

  /** {@code member}'s account of the incident, at {@code dayAndTime}. */
  void account(String dayAndTime, String member, String incident, String text) {
    clock.set(at(dayAndTime));
    ok(
        service.post(
            member, "/incidents/" + incident + "/accounts", "{\"text\": \"" + text + "\"}"));
  }

  /** The next Monday: a message after the week makes it final in the journal. */
  void closeTheWeek() {
    clock.set(at("17T01:00"));
    ok(
        service.post(
            "us-officer", "/hotline/threads/pair:ru:us/messages", "{\"text\": \"next week\"}"));
  }
}
