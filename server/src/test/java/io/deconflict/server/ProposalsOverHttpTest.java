package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Resolution proposals over HTTP (D41): shown with the alert to its recipient only, in terms of
 * what it may see; proposed on the hotline (refused when the shift does not clear); accepted by the
 * owner's own call, which writes the movement's new version and answers in the other's language.
 */
class ProposalsOverHttpTest {

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
    // A US movement west to east and a RU one south to north, crossing mid-way.
    assertThat(
            service
                .post(
                    "us-officer",
                    "/movements",
                    movement("us-1", 40.6, 36.5, 40.8, 36.5, START, END))
                .status())
        .isEqualTo(201);
    assertThat(
            service
                .post(
                    "ru-officer",
                    "/movements",
                    movement("ru-1", 40.7, 36.4, 40.7, 36.6, START, END))
                .status())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private String alertOf(String member) {
    return service.get(member, "/alerts").json().path("alerts").get(0).path("id").asText();
  }

  @Test
  void theRecipientSeesItsOwnShiftsAndTheOthersWithoutTheirRoute() {
    String usAlert = alertOf("us-officer");
    JsonNode p = service.get("us-officer", "/alerts/" + usAlert).json().path("proposals");

    assertThat(p.path("horizon").asText()).isEqualTo("PT24H");
    JsonNode yours = p.path("yours");
    assertThat(yours.path("item").asText()).isEqualTo("us-1");
    long delay = Duration.parse(yours.path("delay").asText()).getSeconds();
    long advance = Duration.parse(yours.path("advance").asText()).getSeconds();
    // The two cross mid-way: a delay or an advance of some minutes, each exact to the second and
    // at most a minute less than the whole-minute proposal.
    assertThat(delay).isBetween(60L, 3600L);
    assertThat(advance).isBetween(60L, 3600L);
    assertThat(yours.path("delayMinutes").asLong() * 60).isBetween(delay, delay + 59);
    assertThat(yours.path("advanceMinutes").asLong() * 60).isBetween(advance, advance + 59);
    // Conflicts only (the default): the other party's shifts, not its movement's id.
    JsonNode theirs = p.path("theirs");
    assertThat(theirs.has("delay")).isTrue();
    assertThat(theirs.has("item")).isFalse();
    assertThat(p.path("text").asText()).startsWith("Delay yours by ").contains("delay theirs by");
    assertThat(p.path("notice").asText()).contains("until the movement's owner accepts it");

    // The same block on its own route; the list stays without it.
    assertThat(service.get("us-officer", "/alerts/" + usAlert + "/proposals").json()).isEqualTo(p);
    assertThat(service.get("us-officer", "/alerts").json().path("alerts").get(0).has("proposals"))
        .isFalse();
  }

  @Test
  void aHoldAtTheStartIsTheDelayWhenNothingComesToTheStartingPoint() {
    String usAlert = alertOf("us-officer");
    JsonNode p = service.get("us-officer", "/alerts/" + usAlert + "/proposals?holdAt=0").json();
    // us-1 starts 9 km from the crossing: waiting there costs what a delay costs.
    assertThat(p.path("hold").path("waypoint").asInt()).isEqualTo(0);
    assertThat(p.path("hold").path("hold").asText())
        .isEqualTo(p.path("yours").path("delay").asText());
    assertThat(p.path("hold").path("holdMinutes").asInt())
        .isEqualTo(p.path("yours").path("delayMinutes").asInt());
    assertThat(p.path("text").asText()).contains("hold yours at waypoint 0 for ");

    Reply last = service.get("us-officer", "/alerts/" + usAlert + "/proposals?holdAt=1");
    assertThat(last.status()).isEqualTo(400);
    assertThat(last.json().path("detail").asText())
        .contains(
            "holdAt must name a waypoint of your movement us-1 from 0 to the last but one (0)")
        .contains("got 1");
    Reply text = service.get("us-officer", "/alerts/" + usAlert + "/proposals?holdAt=first");
    assertThat(text.status()).isEqualTo(400);
    assertThat(text.json().path("detail").asText()).contains("\"first\"");
  }

  /**
   * Readers run together under the read lock while the detector's index keeps scratch state for its
   * queries: proposals read at once from many threads are all the same.
   */
  @Test
  void proposalsReadAtOnceFromManyThreadsAgree() throws Exception {
    String usAlert = alertOf("us-officer");
    String ruAlert = alertOf("ru-officer");
    JsonNode us = service.get("us-officer", "/alerts/" + usAlert + "/proposals").json();
    JsonNode ru = service.get("ru-officer", "/alerts/" + ruAlert + "/proposals").json();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Boolean>> same = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        boolean usSide = i % 2 == 0;
        same.add(
            pool.submit(
                () ->
                    usSide
                        ? service
                            .get("us-officer", "/alerts/" + usAlert + "/proposals")
                            .json()
                            .equals(us)
                        : service
                            .get("ru-officer", "/alerts/" + ruAlert + "/proposals")
                            .json()
                            .equals(ru)));
      }
      for (java.util.concurrent.Future<Boolean> f : same) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThirdPartyAndTheOperatorsSeeNoProposal() {
    String usAlert = alertOf("us-officer");
    Reply third = service.get("tr-officer", "/alerts/" + usAlert + "/proposals");
    assertThat(third.status()).isEqualTo(404);
    assertThat(service.get("tr-officer", "/alerts/" + usAlert).status()).isEqualTo(404);
    assertThat(
            service
                .post(
                    "tr-officer",
                    "/alerts/" + usAlert + "/proposals/accept",
                    "{\"delayMinutes\": 30}")
                .status())
        .isEqualTo(404);
    assertThat(service.get("operator", "/alerts/" + usAlert).json().has("proposals")).isFalse();
    assertThat(service.get("operator", "/alerts/" + usAlert + "/proposals").status())
        .isEqualTo(404);
  }

  @Test
  void acceptingWritesTheNewVersionAndTellsTheOtherPartyInItsLanguage() {
    String usAlert = alertOf("us-officer");
    int minutes =
        service
            .get("us-officer", "/alerts/" + usAlert)
            .json()
            .path("proposals")
            .path("yours")
            .path("delayMinutes")
            .asInt();

    // A minute less does not clear it: refused, naming the shifts that would, nothing written.
    Reply short1 =
        service.post(
            "us-officer",
            "/alerts/" + usAlert + "/proposals/accept",
            "{\"delayMinutes\": " + (minutes - 1) + "}");
    assertThat(short1.status()).as(short1.raw()).isEqualTo(409);
    assertThat(short1.json().path("detail").asText())
        .contains("a delay of " + (minutes - 1) + " min leaves movement us-1 in 1 conflict")
        .contains("delay " + minutes + " min");
    assertThat(service.get("us-officer", "/movements/us-1").json().path("version").asInt())
        .isEqualTo(1);

    Reply ok =
        service.post(
            "us-officer",
            "/alerts/" + usAlert + "/proposals/accept",
            "{\"delayMinutes\": " + minutes + "}");
    assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
    assertThat(ok.json().path("item").asText()).isEqualTo("us-1");
    assertThat(ok.json().path("version").asInt()).isEqualTo(2);

    // The new version is the old one shifted, and it conflicts with nothing: the alerts resolve.
    JsonNode times =
        service
            .get("us-officer", "/movements/us-1")
            .json()
            .path("feature")
            .path("properties")
            .path("times");
    assertThat(Instant.parse(times.get(0).asText()))
        .isEqualTo(START.plus(Duration.ofMinutes(minutes)));
    assertThat(service.get("us-officer", "/alerts/" + usAlert).json().path("state").asText())
        .isEqualTo("resolved");
    assertThat(service.get("us-officer", "/alerts?state=open").json().path("alerts")).isEmpty();
    assertThat(service.get("ru-officer", "/alerts?state=open").json().path("alerts")).isEmpty();

    // RU reads the reply in Russian on the conflict's thread.
    String conflict =
        service.get("us-officer", "/alerts/" + usAlert).json().path("conflictId").asText();
    JsonNode messages =
        service
            .get("ru-officer", "/hotline/threads/conflict:" + conflict + "/messages")
            .json()
            .path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    assertThat(last.path("code").asText()).isEqualTo("will-delay");
    assertThat(last.path("party").asText()).isEqualTo("us");
    assertThat(last.path("rendered").asText()).startsWith("Задерживаем движение на " + minutes);
  }

  @Test
  void aProposalOnTheHotlineMustClearTheReadersMovement() {
    String ruAlert = alertOf("ru-officer");
    JsonNode theirs =
        service.get("ru-officer", "/alerts/" + ruAlert).json().path("proposals").path("theirs");
    int minutes = theirs.path("delayMinutes").asInt();
    String conflict =
        service.get("ru-officer", "/alerts/" + ruAlert).json().path("conflictId").asText();
    String thread = "/hotline/threads/conflict:" + conflict + "/messages";

    Reply tooShort =
        service.post(
            "ru-officer",
            thread,
            "{\"code\": \"propose-delay\", \"params\": {\"minutes\": " + (minutes - 1) + "}}");
    assertThat(tooShort.status()).as(tooShort.raw()).isEqualTo(409);
    assertThat(tooShort.json().path("detail").asText()).contains("leaves movement us-1");

    Reply wrongThread =
        service.post(
            "ru-officer",
            "/hotline/threads/pair:ru:us/messages",
            "{\"code\": \"propose-delay\", \"params\": {\"minutes\": " + minutes + "}}");
    assertThat(wrongThread.status()).as(wrongThread.raw()).isEqualTo(400);
    assertThat(wrongThread.json().path("detail").asText()).contains("thread of a current conflict");

    Reply proposed =
        service.post(
            "ru-officer",
            thread,
            "{\"code\": \"propose-delay\", \"params\": {\"minutes\": " + minutes + "}}");
    assertThat(proposed.status()).as(proposed.raw()).isEqualTo(201);
    JsonNode read = service.get("us-officer", thread).json().path("messages");
    assertThat(read.get(read.size() - 1).path("rendered").asText())
        .isEqualTo(
            "Proposal: delay your movement by "
                + minutes
                + " minutes. The service finds it then clear of every notified item."
                + " Please accept or refuse.");

    // US refuses: a coded message, read in Russian.
    assertThat(service.post("us-officer", thread, "{\"code\": \"refuse-proposal\"}").status())
        .isEqualTo(201);
    JsonNode ru = service.get("ru-officer", thread).json().path("messages");
    assertThat(ru.get(ru.size() - 1).path("rendered").asText()).isEqualTo("Отклоняем предложение.");
  }

  @Test
  void badAcceptancesAreRefusedNamingTheField() {
    String usAlert = alertOf("us-officer");
    String path = "/alerts/" + usAlert + "/proposals/accept";
    Reply none = service.post("us-officer", path, "{}");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().path("detail").asText())
        .contains("delayMinutes")
        .contains("advanceMinutes");
    Reply both = service.post("us-officer", path, "{\"delayMinutes\": 5, \"advanceMinutes\": 5}");
    assertThat(both.status()).isEqualTo(400);
    Reply zero = service.post("us-officer", path, "{\"delayMinutes\": 0}");
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.json().path("detail").asText())
        .contains("/delayMinutes must be an integer 1..1440, got 0");
    Reply text = service.post("us-officer", path, "{\"advanceMinutes\": \"ten\"}");
    assertThat(text.status()).isEqualTo(400);
    assertThat(text.json().path("detail").asText()).contains("/advanceMinutes");
    Reply observer = service.post("us-observer", path, "{\"delayMinutes\": 30}");
    assertThat(observer.status()).isEqualTo(403);
    // An advance that would start before now.
    clock.set(START.minus(Duration.ofMinutes(10)));
    Reply past = service.post("us-officer", path, "{\"advanceMinutes\": 11}");
    assertThat(past.status()).as(past.raw()).isEqualTo(409);
    assertThat(past.json().path("detail").asText()).contains("before now");
  }
}
