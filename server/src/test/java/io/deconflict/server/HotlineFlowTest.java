package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.server.TestService.Sse;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mechanism end to end over HTTP: two parties notify crossing movements, both are alerted on
 * their event streams, a third sees nothing, a wrong read-back is refused, an unanswered alert
 * climbs the ladder as the clock passes its deadlines.
 */
class HotlineFlowTest {

  static final Instant START = T0.plus(Duration.ofHours(48));
  static final Instant END = START.plus(Duration.ofHours(1));

  @TempDir Path data;
  SettableClock clock;
  TestService service;

  @BeforeEach
  void start() {
    clock = SettableClock.at(T0);
    service = new TestService(data, clock);
    assertThat(service.agreement("").status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  /** Notifies a US movement west to east and a RU one south to north, crossing mid-way. */
  void crossing() {
    Reply us =
        service.post(
            "us-officer", "/movements", movement("us-1", 40.6, 36.5, 40.8, 36.5, START, END));
    assertThat(us.status()).as(us.raw()).isEqualTo(201);
    assertThat(us.json().path("id").asText()).isEqualTo("us-1");
    assertThat(us.json().path("version").asInt()).isEqualTo(1);
    Reply ru =
        service.post(
            "ru-officer", "/movements", movement("ru-1", 40.7, 36.4, 40.7, 36.6, START, END));
    assertThat(ru.status()).as(ru.raw()).isEqualTo(201);
  }

  @Test
  void crossingMovementsAlertBothPartiesOnTheirStreams() {
    EventStream us = service.events("us-officer", Optional.empty());
    EventStream ru = service.events("ru-commander", Optional.empty());
    crossing();
    Sse usAlert = us.next("alert.raised");
    Sse ruAlert = ru.next("alert.raised");
    JsonNode a = usAlert.data().path("body");
    JsonNode b = ruAlert.data().path("body");
    assertThat(a.path("recipient").asText()).isEqualTo("us");
    assertThat(b.path("recipient").asText()).isEqualTo("ru");
    assertThat(a.path("conflictId").asText()).isEqualTo(b.path("conflictId").asText());
    assertThat(a.path("own").path("item").asText()).isEqualTo("us-1");
    assertThat(a.path("other").path("party").asText()).isEqualTo("ru");
    // conflicts only (the default): the other party's route is not disclosed
    assertThat(a.path("other").has("item")).isFalse();
    assertThat(a.path("location").get(0).asDouble())
        .isCloseTo(40.7, org.assertj.core.data.Offset.offset(0.01));
    assertThat(Instant.parse(a.path("closest").path("time").asText()))
        .isBetween(START.plusSeconds(1700), START.plusSeconds(1900));

    Reply list = service.get("us-officer", "/alerts");
    assertThat(list.json().path("alerts")).hasSize(1);
    Reply one = service.get("us-officer", "/alerts/" + a.path("id").asText());
    assertThat(one.json().path("own").path("feature").path("id").asText()).isEqualTo("us-1");
    assertThat(one.json().path("state").asText()).isEqualTo("open");
  }

  @Test
  void aThirdPartySeesNothingOfItThroughAnyEndpoint() {
    EventStream tr = service.events("tr-officer", Optional.empty());
    crossing();
    String usAlert =
        service.get("us-officer", "/alerts").json().path("alerts").get(0).path("id").asText();
    String conflict =
        service
            .get("us-officer", "/alerts")
            .json()
            .path("alerts")
            .get(0)
            .path("conflictId")
            .asText();

    assertThat(service.get("tr-officer", "/alerts").json().path("alerts")).isEmpty();
    assertThat(service.get("tr-officer", "/movements?scope=visible").json().path("movements"))
        .isEmpty();
    assertThat(service.get("tr-officer", "/agreements").json().path("agreements")).isEmpty();
    // the same 404 whether the object exists or not
    Reply existing = service.get("tr-officer", "/alerts/" + usAlert);
    Reply missing = service.get("tr-officer", "/alerts/al-999");
    assertThat(existing.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(existing.json().path("detail").asText().replace(usAlert, "X"))
        .isEqualTo(missing.json().path("detail").asText().replace("al-999", "X"));
    assertThat(service.get("tr-officer", "/movements/us-1?party=us").status()).isEqualTo(404);
    assertThat(service.get("tr-officer", "/movements/nope?party=us").status()).isEqualTo(404);
    assertThat(
            service
                .get("tr-officer", "/hotline/threads/conflict:" + conflict + "/messages")
                .status())
        .isEqualTo(404);
    assertThat(service.get("tr-officer", "/hotline/threads/pair:ru:us/messages").status())
        .isEqualTo(404);
    assertThat(service.post("tr-officer", "/alerts/" + usAlert + "/acknowledge", "{}").status())
        .isEqualTo(404);
    // ... and nothing on its stream: a hotline message it can read arrives, the alerts before it do
    // not
    assertThat(
            service
                .post(
                    "tr-officer",
                    "/hotline/threads/pair:tr:us/messages",
                    "{\"text\": \"radio check\"}")
                .status())
        .isEqualTo(201);
    Sse first = tr.next("hotline.post");
    assertThat(first.data().path("body").path("text").asText()).isEqualTo("radio check");
    assertThat(tr.drain()).isEmpty();
  }

  @Test
  void aWrongReadBackIsRefusedAndARightOneAcknowledges() {
    crossing();
    JsonNode alert = service.get("ru-officer", "/alerts").json().path("alerts").get(0);
    String id = alert.path("id").asText();
    String start = alert.path("start").asText();
    String end = alert.path("end").asText();
    JsonNode location = alert.path("location");
    String wrongTime = Instant.parse(start).plus(Duration.ofMinutes(5)).toString();
    Reply refused =
        service.post(
            "ru-officer",
            "/alerts/" + id + "/acknowledge",
            "{\"readBack\": {\"start\": \""
                + wrongTime
                + "\", \"end\": \""
                + end
                + "\", \"place\": "
                + location
                + "}}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().path("field").asText()).isEqualTo("/readBack/start");
    Reply farAway =
        service.post(
            "ru-officer",
            "/alerts/" + id + "/acknowledge",
            "{\"readBack\": {\"start\": \""
                + start
                + "\", \"end\": \""
                + end
                + "\", \"place\": [40.9, 36.5]}}");
    assertThat(farAway.status()).isEqualTo(400);
    assertThat(farAway.json().path("field").asText()).isEqualTo("/readBack/place");
    assertThat(service.get("ru-officer", "/alerts/" + id).json().path("state").asText())
        .isEqualTo("open");
    // an observer may not acknowledge
    String right =
        "{\"readBack\": {\"start\": \""
            + start
            + "\", \"end\": \""
            + end
            + "\", \"place\": "
            + location
            + "}}";
    assertThat(service.post("ru-observer", "/alerts/" + id + "/acknowledge", right).status())
        .isEqualTo(403);
    Reply ok = service.post("ru-officer", "/alerts/" + id + "/acknowledge", right);
    assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
    assertThat(ok.json().path("meaning").asText()).isEqualTo("seen, not approved");
    JsonNode after = service.get("ru-officer", "/alerts/" + id).json();
    assertThat(after.path("state").asText()).isEqualTo("acknowledged");
    assertThat(after.path("acknowledged").path("meaning").asText()).isEqualTo("seen, not approved");
    assertThat(service.post("ru-officer", "/alerts/" + id + "/acknowledge", right).status())
        .isEqualTo(409);
  }

  @Test
  void anUnacknowledgedAlertEscalatesWhenItsDeadlinePasses() {
    EventStream commander = service.events("us-commander", Optional.empty());
    EventStream operator = service.events("operator", Optional.empty());
    crossing();
    String id = commander.next("alert.raised").data().path("body").path("id").asText();
    clock.advance(Duration.ofMinutes(9));
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(commander.drain()).noneMatch(e -> e.event().equals("alert.escalated"));
    clock.advance(Duration.ofMinutes(2)); // past the 10-minute deadline
    Sse level2 = commander.next("alert.escalated");
    assertThat(level2.data().path("body").path("alert").asText()).isEqualTo(id);
    assertThat(level2.data().path("body").path("level").asInt()).isEqualTo(2);
    assertThat(level2.data().path("body").path("to").asText()).isEqualTo("commanders");
    clock.advance(Duration.ofMinutes(30));
    Sse level3 = nextLevel(operator, id, 3);
    assertThat(level3.data().path("body").path("to").asText()).isEqualTo("operators");
    assertThat(service.get("us-officer", "/alerts/" + id).json().path("level").asInt())
        .isEqualTo(3);
  }

  private static Sse nextLevel(EventStream stream, String alert, int level) {
    for (int i = 0; i < 10; i++) {
      Sse e = stream.next("alert.escalated");
      if (e.data().path("body").path("alert").asText().equals(alert)
          && e.data().path("body").path("level").asInt() == level) {
        return e;
      }
    }
    throw new AssertionError("no level " + level + " escalation");
  }

  @Test
  void theStreamResumesAfterLastEventIdWithoutGapOrRepeat() {
    EventStream live = service.events("us-officer", Optional.empty());
    crossing();
    Sse raised = live.next("alert.raised");
    live.close();
    service.post(
        "us-officer",
        "/hotline/threads/pair:ru:us/messages",
        "{\"code\": \"request-delay\", \"params\": {\"minutes\": 30}}");
    service.post("ru-officer", "/hotline/threads/pair:ru:us/messages", "{\"text\": \"copy\"}");
    EventStream resumed = service.events("us-officer", Optional.of(raised.id()));
    Sse m1 = resumed.next("hotline.post");
    Sse m2 = resumed.next("hotline.post");
    assertThat(m1.id()).isGreaterThan(raised.id());
    assertThat(m2.id()).isGreaterThan(m1.id());
    assertThat(m1.data().path("body").path("rendered").asText()).contains("30");
    assertThat(m2.data().path("body").path("text").asText()).isEqualTo("copy");
  }

  @Test
  void aCodedMessageReadsInEachPartysLanguage() {
    Reply posted =
        service.post(
            "us-officer",
            "/hotline/threads/pair:ru:us/messages",
            "{\"code\": \"request-delay\", \"params\": {\"minutes\": 30}}");
    assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
    JsonNode en =
        service
            .get("us-officer", "/hotline/threads/pair:ru:us/messages")
            .json()
            .path("messages")
            .get(0);
    JsonNode ru =
        service
            .get("ru-officer", "/hotline/threads/pair:ru:us/messages")
            .json()
            .path("messages")
            .get(0);
    JsonNode ar =
        service
            .get("ru-officer", "/hotline/threads/pair:ru:us/messages?lang=ar")
            .json()
            .path("messages")
            .get(0);
    assertThat(en.path("language").asText()).isEqualTo("en");
    assertThat(ru.path("language").asText()).isEqualTo("ru");
    assertThat(ar.path("rightToLeft").asBoolean()).isTrue();
    assertThat(List.of(en, ru, ar))
        .allSatisfy(m -> assertThat(m.path("rendered").asText()).contains("30"));
    assertThat(en.path("rendered").asText()).isNotEqualTo(ru.path("rendered").asText());
  }

  @Test
  void bothPartiesMarkingItDeconflictedResolvesTheAlerts() {
    crossing();
    String usAlert =
        service.get("us-officer", "/alerts").json().path("alerts").get(0).path("id").asText();
    String ruAlert =
        service.get("ru-officer", "/alerts").json().path("alerts").get(0).path("id").asText();
    Reply first =
        service.post(
            "us-officer",
            "/alerts/" + usAlert + "/deconflict",
            "{\"note\": \"we hold at the junction until 09:00\"}");
    assertThat(first.json().path("resolved").asBoolean()).isFalse();
    Reply second =
        service.post(
            "ru-officer", "/alerts/" + ruAlert + "/deconflict", "{\"note\": \"we pass first\"}");
    assertThat(second.json().path("resolved").asBoolean()).isTrue();
    assertThat(service.get("us-officer", "/alerts/" + usAlert).json().path("state").asText())
        .isEqualTo("resolved");
  }

  @Test
  void cancellingAMovementResolvesItsAlerts() {
    crossing();
    Reply cancel = service.call("ru-officer", "DELETE", "/movements/ru-1", null);
    assertThat(cancel.status()).isEqualTo(200);
    JsonNode alert = service.get("us-officer", "/alerts").json().path("alerts").get(0);
    assertThat(alert.path("state").asText()).isEqualTo("resolved");
    assertThat(alert.path("resolution").asText()).isEqualTo("the conflict vanished");
  }

  @Test
  void aMovementNotifiedTooLateIsAcceptedAndFlaggedToBothParties() {
    EventStream ru = service.events("ru-officer", Optional.empty());
    Instant soon = T0.plus(Duration.ofHours(2));
    Reply late =
        service.post(
            "us-officer",
            "/movements",
            movement("us-late", 40.6, 36.5, 40.8, 36.5, soon, soon.plusSeconds(3600)));
    assertThat(late.status()).isEqualTo(201);
    assertThat(late.json().path("late").asBoolean()).isTrue();
    Sse notice = ru.next("notice.late");
    assertThat(notice.data().path("body").path("party").asText()).isEqualTo("us");
    assertThat(notice.data().path("body").path("required").asText()).isEqualTo("PT24H");
  }
}
