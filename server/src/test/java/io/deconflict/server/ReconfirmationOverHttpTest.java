package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.server.TestService.Sse;
import io.deconflict.testkit.clock.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconfirmation of sites and zones over the wire (issue 14 part 4, D36): the owner is warned on
 * its stream, the site lapses for every party that sees it (a party that does not is told nothing),
 * a conflict with the lapsed site is raised marked {@code lapsed}, the owner reconfirms it over
 * {@code POST /sites/{id}/reconfirm} and everyone who saw the lapse hears it is restored; after a
 * restart the replayed state answers the same. Bad periods are 400s naming the field.
 */
class ReconfirmationOverHttpTest {

  @TempDir java.nio.file.Path data;
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

  private static final String CLINIC =
      "{\"type\": \"Feature\", \"id\": \"clinic\", \"geometry\": {\"type\": \"Point\","
          + " \"coordinates\": [40.7, 36.5]}, \"properties\": {\"name\": \"Clinic\","
          + " \"radiusMeters\": 500}}";

  @Test
  void warnedThenLapsedThenAConflictMarkedLapsedThenReconfirmed() {
    Reply agreement =
        service.agreement(
            ", \"reconfirmEvery\": \"P7D\", \"reconfirmWarnBefore\": \"P1D\","
                + " \"sharing\": {\"ru\": \"positions\"}");
    assertThat(agreement.status()).as(agreement.raw()).isEqualTo(201);
    JsonNode ag = service.get("us-officer", "/agreements/ag-1").json();
    assertThat(ag.path("reconfirmEvery").asText()).isEqualTo("PT168H");
    assertThat(ag.path("reconfirmWarnBefore").asText()).isEqualTo("PT24H");
    EventStream ru = service.events("ru-observer", Optional.empty());
    EventStream us = service.events("us-observer", Optional.empty());
    EventStream tr = service.events("tr-officer", Optional.empty());

    Reply site = service.post("ru-officer", "/sites", CLINIC);
    assertThat(site.status()).as(site.raw()).isEqualTo(201);
    JsonNode own = service.get("ru-officer", "/sites/clinic").json();
    assertThat(own.path("confirmedAt").asText()).isEqualTo(T0.toString());
    assertThat(own.path("reconfirmBy").asText()).isEqualTo(T0.plus(Duration.ofDays(7)).toString());
    assertThat(own.path("lapsed").asBoolean()).isFalse();

    clock.advance(Duration.ofDays(6).plusMinutes(1));
    Sse due = ru.next("item.due");
    assertThat(due.data().path("body").path("id").asText()).isEqualTo("clinic");
    assertThat(due.data().path("body").path("reconfirmBy").asText())
        .isEqualTo(T0.plus(Duration.ofDays(7)).toString());

    clock.advance(Duration.ofDays(1));
    Instant lapse = T0.plus(Duration.ofDays(7));
    assertThat(ru.next("item.lapsed").data().path("body").path("lapsedSince").asText())
        .isEqualTo(lapse.toString());
    JsonNode told = us.next("item.lapsed").data().path("body");
    assertThat(told.path("party").asText()).isEqualTo("ru");
    assertThat(told.path("id").asText()).isEqualTo("clinic");
    JsonNode seen = visible("us-officer", "clinic");
    assertThat(seen.path("lapsed").asBoolean()).isTrue();
    assertThat(seen.path("lapsedSince").asText()).isEqualTo(lapse.toString());

    // a US convoy through the lapsed clinic: raised all the same, marked lapsed, at level 1
    Instant start = clock.instant().plus(Duration.ofDays(2));
    Reply convoy =
        service.post(
            "us-officer",
            "/movements",
            TestService.movement(
                "convoy", 40.6, 36.5, 40.8, 36.5, start, start.plus(Duration.ofHours(1))));
    assertThat(convoy.status()).as(convoy.raw()).isEqualTo(201);
    JsonNode raised = us.next("alert.raised").data().path("body");
    assertThat(raised.path("kind").asText()).isEqualTo("movement-site");
    assertThat(raised.path("lapsed").asBoolean()).isTrue();
    assertThat(raised.path("lapsedSince").asText()).isEqualTo(lapse.toString());
    assertThat(raised.path("level").asInt()).isEqualTo(1);
    JsonNode ruAlert = ru.next("alert.raised").data().path("body");
    assertThat(ruAlert.path("lapsed").asBoolean()).isTrue();
    String usAlert = raised.path("id").asText();

    // only the owner's officers reconfirm, and only what it has
    assertThat(service.post("us-officer", "/sites/clinic/reconfirm", "{}").status()).isEqualTo(404);
    assertThat(service.post("ru-observer", "/sites/clinic/reconfirm", "{}").status())
        .isEqualTo(403);
    assertThat(service.post("ru-officer", "/zones/clinic/reconfirm", "{}").status()).isEqualTo(404);
    assertThat(service.post("ru-officer", "/sites/nowhere/reconfirm", "{}").status())
        .isEqualTo(404);

    clock.advance(Duration.ofMinutes(5));
    Reply back = service.post("ru-officer", "/sites/clinic/reconfirm", "{}");
    assertThat(back.status()).as(back.raw()).isEqualTo(200);
    assertThat(back.json().path("restored").asBoolean()).isTrue();
    assertThat(back.json().path("confirmedAt").asText()).isEqualTo(clock.instant().toString());
    JsonNode restored = us.next("item.restored").data().path("body");
    assertThat(restored.path("restoredBy").asText()).isEqualTo("reconfirmed");
    assertThat(ru.next("item.reconfirm").data().path("body").path("result").path("restored"))
        .isNotNull();
    assertThat(visible("us-officer", "clinic").path("lapsed").asBoolean()).isFalse();
    assertThat(service.get("us-officer", "/alerts/" + usAlert).json().has("lapsed")).isFalse();

    // tr, which ru shares nothing of its items with, never heard of any of it
    clock.advance(Duration.ofSeconds(5));
    List<Sse> trEvents = tr.drain();
    assertThat(trEvents).noneMatch(e -> e.event().startsWith("item."));

    // a restart replays the whole journal to the same answers (regression: the journal's
    // agreement.set left reconfirmEvery out, and a replay forgot the period)
    JsonNode before = service.get("ru-officer", "/sites/clinic").json();
    JsonNode agreementBefore = service.get("us-officer", "/agreements/ag-1").json();
    service.restart(service::deleteSnapshots);
    assertThat(service.get("ru-officer", "/sites/clinic").json()).isEqualTo(before);
    assertThat(service.get("us-officer", "/agreements/ag-1").json()).isEqualTo(agreementBefore);
  }

  @Test
  void aLapsedSiteAnswersLapsedAfterARestartAndACancelledOneCannotBeReconfirmed() {
    assertThat(service.agreement(", \"reconfirmEvery\": \"PT12H\"").status()).isEqualTo(201);
    assertThat(service.post("ru-officer", "/sites", CLINIC).status()).isEqualTo(201);
    clock.advance(Duration.ofHours(13));
    awaitLapsed("ru-officer");
    service.restart(service::deleteSnapshots);
    assertThat(service.get("ru-officer", "/sites/clinic").json().path("lapsed").asBoolean())
        .isTrue();
    assertThat(service.call("ru-officer", "DELETE", "/sites/clinic", null).status()).isEqualTo(200);
    assertThat(service.post("ru-officer", "/sites/clinic/reconfirm", "{}").status()).isEqualTo(404);
  }

  @Test
  void aSiteWhoseValidityEndedIsAConflictToReconfirm() {
    assertThat(service.agreement(", \"reconfirmEvery\": \"P7D\"").status()).isEqualTo(201);
    String camp =
        "{\"type\": \"Feature\", \"id\": \"camp\", \"geometry\": {\"type\": \"Point\","
            + " \"coordinates\": [40.7, 36.5]}, \"properties\": {\"radiusMeters\": 500,"
            + " \"validUntil\": \""
            + T0.plus(Duration.ofHours(2))
            + "\"}}";
    assertThat(service.post("ru-officer", "/sites", camp).status()).isEqualTo(201);
    clock.advance(Duration.ofHours(3));
    Reply r = service.post("ru-officer", "/sites/camp/reconfirm", "{}");
    assertThat(r.status()).as(r.raw()).isEqualTo(409);
    assertThat(r.json().path("detail").asText()).contains("was valid until");
  }

  @Test
  void badPeriodsAre400sNamingTheField() {
    assertField(", \"reconfirmEvery\": \"P0D\"", "/reconfirmEvery");
    assertField(", \"reconfirmEvery\": \"weekly\"", "/reconfirmEvery");
    assertField(", \"reconfirmEvery\": 7", "/reconfirmEvery");
    assertField(", \"reconfirmWarnBefore\": \"P1D\"", "/reconfirmWarnBefore");
    assertField(
        ", \"reconfirmEvery\": \"P7D\", \"reconfirmWarnBefore\": \"P8D\"", "/reconfirmWarnBefore");
    assertThat(service.get("operator", "/agreements").json().path("agreements")).isEmpty();
  }

  private void assertField(String extra, String field) {
    Reply r = service.agreement(extra);
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).as(r.raw()).isEqualTo(field);
  }

  private JsonNode visible(String member, String id) {
    for (JsonNode s : service.get(member, "/sites?scope=visible").json().path("sites")) {
      if (s.path("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError(member + " does not see site " + id);
  }

  private void awaitLapsed(String member) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (service.get(member, "/sites/clinic").json().path("lapsed").asBoolean()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("the clinic did not lapse within 10 s");
  }
}
