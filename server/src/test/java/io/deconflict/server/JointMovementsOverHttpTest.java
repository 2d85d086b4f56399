package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.testkit.clock.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Joint movements over the wire (issue 14 part 1, D39): a Russian patrol that Turkey joins at its
 * meeting point is proposed until Turkey accepts over {@code POST /movements/{id}/participation},
 * then joint; the conflict with Turkey's own escort on the joined legs vanishes while one before
 * the meeting point stays; a US crossing raises an alert for Russia and for Turkey; the US sees the
 * patrol only as its agreements with both Russia and Turkey allow; after a restart (snapshot or
 * replay) the state answers the same. Bad participants and answers are 4xx naming the field.
 */
class JointMovementsOverHttpTest {

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

  private static final Instant START = T0.plus(Duration.ofHours(4));

  /**
   * A movement east along latitude 36.8 through lon 40.0, 40.2, 40.4 at START, +30 min, +60 min.
   */
  private static String patrol(String id, String participants) {
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[40.0, 36.8], [40.2,"
        + " 36.8], [40.4, 36.8]]}, \"properties\": {\"times\": [\""
        + START
        + "\", \""
        + START.plus(Duration.ofMinutes(30))
        + "\", \""
        + START.plus(Duration.ofMinutes(60))
        + "\"], \"separationMeters\": 1000"
        + (participants.isEmpty() ? "" : ", \"participants\": " + participants)
        + "}}";
  }

  /** A movement north across latitude 36.8 at {@code lon}, there at {@code at}. */
  private static String crossing(String id, double lon, Instant at) {
    return TestService.movement(
        id,
        lon,
        36.7,
        lon,
        36.9,
        at.minus(Duration.ofMinutes(10)),
        at.plus(Duration.ofMinutes(10)));
  }

  private static final String TURKEY_FROM_THE_MEETING_POINT =
      "[{\"party\": \"tr\", \"joinAt\": 1, \"leaveAt\": 2}]";

  @Test
  void proposedThenJointNoConflictAmongParticipantsAndAThirdPartysConflictReachesBoth() {
    EventStream ru = service.events("ru-officer", Optional.empty());
    EventStream tr = service.events("tr-officer", Optional.empty());
    Reply patrol =
        service.post("ru-officer", "/movements", patrol("rt-1", TURKEY_FROM_THE_MEETING_POINT));
    assertThat(patrol.status()).as(patrol.raw()).isEqualTo(201);
    JsonNode notified = tr.next("movement.joint").data().path("body");
    assertThat(notified.path("status").asText()).isEqualTo("proposed");
    assertThat(notified.path("party").asText() + "/" + notified.path("id").asText())
        .isEqualTo("ru/rt-1");

    JsonNode proposed = service.get("tr-officer", "/movements/rt-1?party=ru").json();
    assertThat(proposed.path("joint").path("status").asText()).isEqualTo("proposed");
    assertThat(proposed.path("joint").path("parties").toString()).isEqualTo("[\"ru\",\"tr\"]");
    assertThat(proposed.path("joint").path("participants").get(0).path("participation").asText())
        .isEqualTo("pending");
    assertThat(proposed.path("feature").path("properties").path("participants").isArray())
        .as("a participant sees the whole movement")
        .isTrue();

    // Turkey's escort on the joined legs, and a Turkish convoy crossing before the meeting point:
    // both conflict with the patrol while Turkey has not accepted
    Reply escort =
        service.post(
            "tr-officer",
            "/movements",
            TestService.movement(
                "escort",
                40.2,
                36.8,
                40.4,
                36.8,
                START.plus(Duration.ofMinutes(30)),
                START.plus(Duration.ofMinutes(60))));
    assertThat(escort.status()).as(escort.raw()).isEqualTo(201);
    Reply early =
        service.post(
            "tr-officer",
            "/movements",
            crossing("early", 40.1, START.plus(Duration.ofMinutes(15))));
    assertThat(early.status()).as(early.raw()).isEqualTo(201);
    List<String> trOwn = new ArrayList<>();
    trOwn.add(tr.next("alert.raised").data().path("body").path("own").path("item").asText());
    trOwn.add(tr.next("alert.raised").data().path("body").path("own").path("item").asText());
    assertThat(trOwn).containsExactlyInAnyOrder("escort", "early");

    // Turkey accepts: the escort's conflict vanishes (it is on Turkey's legs), the early one stays
    clock.advance(Duration.ofMinutes(1));
    Reply stale =
        service.post(
            "tr-officer",
            "/movements/rt-1/participation",
            "{\"party\": \"ru\", \"decision\": \"accept\", \"version\": 2}");
    assertThat(stale.status()).as(stale.raw()).isEqualTo(409);
    Reply accepted =
        service.post(
            "tr-officer",
            "/movements/rt-1/participation",
            "{\"party\": \"ru\", \"decision\": \"accept\", \"version\": 1}");
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
    assertThat(accepted.json().path("status").asText()).isEqualTo("joint");
    assertThat(
            ru.next("movement.participation")
                .data()
                .path("body")
                .path("result")
                .path("status")
                .asText())
        .isEqualTo("joint");
    JsonNode resolved = tr.next("alert.resolved").data().path("body");
    assertThat(resolved.path("resolution").asText()).isEqualTo("the conflict vanished");
    List<JsonNode> trAlerts = openAlerts("tr-officer");
    assertThat(trAlerts)
        .extracting(a -> a.path("own").path("item").asText())
        .containsExactly("early");
    JsonNode joint = service.get("ru-officer", "/movements/rt-1").json();
    assertThat(joint.path("joint").path("status").asText()).isEqualTo("joint");
    assertThat(joint.path("joint").path("participants").get(0).path("answeredAt").asText())
        .isEqualTo(clock.instant().toString());

    // a US crossing on the joined legs: Russia and Turkey are both told, Turkey of the patrol
    Reply us =
        service.post(
            "us-officer", "/movements", crossing("us-x", 40.3, START.plus(Duration.ofMinutes(45))));
    assertThat(us.status()).as(us.raw()).isEqualTo(201);
    JsonNode toRussia = ru.next("alert.raised").data().path("body");
    JsonNode toTurkey = tr.next("alert.raised").data().path("body");
    assertThat(toRussia.path("own").path("item").asText()).isEqualTo("rt-1");
    assertThat(toTurkey.path("own").path("item").asText()).isEqualTo("ru/rt-1");
    assertThat(toTurkey.path("conflictId").asText())
        .isEqualTo(toRussia.path("conflictId").asText());
    assertThat(toTurkey.path("closest").path("own").toString())
        .as("Turkey looks where the patrol is")
        .isEqualTo(toRussia.path("closest").path("own").toString());
    JsonNode listed =
        openAlerts("tr-officer").stream()
            .filter(a -> a.path("own").path("item").asText().equals("ru/rt-1"))
            .findFirst()
            .orElseThrow();
    assertThat(listed.path("own").path("feature").path("properties").path("participants").isArray())
        .as("Turkey's alert carries the whole patrol, as a participant sees it")
        .isTrue();
    assertThat(listed.path("other").path("party").asText()).isEqualTo("us");

    // the state survives a restart from its snapshot and from the journal alone
    String before = service.get("tr-officer", "/movements/rt-1?party=ru").raw();
    List<JsonNode> alertsBefore = openAlerts("tr-officer");
    service.restart();
    assertThat(service.get("tr-officer", "/movements/rt-1?party=ru").raw()).isEqualTo(before);
    service.restart(service::deleteSnapshots);
    assertThat(service.get("tr-officer", "/movements/rt-1?party=ru").raw()).isEqualTo(before);
    assertThat(openAlerts("tr-officer")).isEqualTo(alertsBefore);

    // a new version asks again: proposed, and the escort conflicts again
    Reply replaced =
        service.call(
            "ru-officer", "PUT", "/movements/rt-1", patrol("rt-1", TURKEY_FROM_THE_MEETING_POINT));
    assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
    assertThat(
            service
                .get("ru-officer", "/movements/rt-1")
                .json()
                .path("joint")
                .path("status")
                .asText())
        .isEqualTo("proposed");
    assertThat(openAlerts("tr-officer"))
        .extracting(a -> a.path("own").path("item").asText())
        .contains("escort", "early");
    Reply declined =
        service.post(
            "tr-officer",
            "/movements/rt-1/participation",
            "{\"party\": \"ru\", \"decision\": \"decline\"}");
    assertThat(declined.status()).as(declined.raw()).isEqualTo(200);
    assertThat(declined.json().path("status").asText()).isEqualTo("declined");
  }

  @Test
  void othersSeeAJointMovementAsTheMostRestrictiveOfTheirAgreementsWithEachParty() {
    assertThat(
            service
                .post(
                    "operator",
                    "/agreements",
                    "{\"parties\": [\"us\", \"ru\"], \"sharing\": {\"ru\": \"everything\"}}")
                .status())
        .isEqualTo(201);
    service.post("ru-officer", "/movements", patrol("alone", ""));
    service.post("ru-officer", "/movements", patrol("rt-2", "[\"tr\"]"));

    assertThat(
            service
                .get("us-officer", "/movements/alone?party=ru")
                .json()
                .path("feature")
                .path("properties")
                .has("separationMeters"))
        .as("Russia shares everything of its own movement")
        .isTrue();
    assertThat(service.get("us-officer", "/movements/rt-2?party=ru").status())
        .as("without a US–Turkey agreement Turkey shares nothing with the US")
        .isEqualTo(404);
    assertThat(ids(service.get("us-officer", "/movements?scope=visible").json()))
        .containsExactly("alone");

    assertThat(
            service
                .post(
                    "operator",
                    "/agreements",
                    "{\"parties\": [\"us\", \"tr\"], \"sharing\": {\"tr\": \"positions\"}}")
                .status())
        .isEqualTo(201);
    JsonNode outline = service.get("us-officer", "/movements/rt-2?party=ru").json();
    assertThat(outline.path("feature").path("properties").has("separationMeters"))
        .as("Turkey shares positions only: the outline")
        .isFalse();
    assertThat(outline.path("feature").path("properties").path("times").size()).isEqualTo(3);
    assertThat(outline.path("joint").path("parties").toString()).isEqualTo("[\"ru\",\"tr\"]");
    assertThat(
            service
                .get("tr-officer", "/movements/rt-2?party=ru")
                .json()
                .path("feature")
                .path("properties")
                .has("separationMeters"))
        .as("a participant sees the whole movement")
        .isTrue();
    assertThat(service.get("operator", "/movements/rt-2?party=ru").status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown party| [\"xx\"]| /properties/participants/0",
        "unknown party in an object| [{\"party\": \"xx\"}]| /properties/participants/0/party",
        "the lead| [\"ru\"]| /properties/participants/0",
        "leaves before it joins| [{\"party\": \"tr\", \"joinAt\": 2, \"leaveAt\": 1}]|"
            + " /properties/participants/0/leaveAt",
        "past the last waypoint| [{\"party\": \"tr\", \"leaveAt\": 3}]|"
            + " /properties/participants/0/leaveAt",
        "not an array| \"tr\"| /properties/participants",
      })
  void badParticipantsAre400sNamingTheField(String what, String participants, String field) {
    Reply r = service.post("ru-officer", "/movements", patrol("bad", participants.strip()));
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).as(r.raw()).isEqualTo(field.strip());
    assertThat(service.get("ru-officer", "/movements/bad").status()).isEqualTo(404);
  }

  @Test
  void badAnswersAreRefusedNamingWhatWasWrong() {
    service.post("ru-officer", "/movements", patrol("rt-3", "[\"tr\"]"));
    Reply maybe =
        service.post(
            "tr-officer",
            "/movements/rt-3/participation",
            "{\"party\": \"ru\", \"decision\": \"maybe\"}");
    assertThat(maybe.status()).as(maybe.raw()).isEqualTo(400);
    assertThat(maybe.json().path("field").asText()).isEqualTo("/decision");
    Reply noParty =
        service.post("tr-officer", "/movements/rt-3/participation", "{\"decision\": \"accept\"}");
    assertThat(noParty.status()).as(noParty.raw()).isEqualTo(400);
    assertThat(noParty.json().path("field").asText()).isEqualTo("/party");
    assertThat(
            service
                .post(
                    "us-officer",
                    "/movements/rt-3/participation",
                    "{\"party\": \"ru\", \"decision\": \"accept\"}")
                .status())
        .as("a party not named")
        .isEqualTo(404);
    assertThat(
            service
                .post(
                    "ru-officer",
                    "/movements/rt-3/participation",
                    "{\"party\": \"ru\", \"decision\": \"accept\"}")
                .status())
        .as("the lead does not answer")
        .isEqualTo(404);
    assertThat(
            service
                .post(
                    "tr-observer",
                    "/movements/rt-3/participation",
                    "{\"party\": \"ru\", \"decision\": \"accept\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            service
                .post(
                    "tr-officer",
                    "/movements/nowhere/participation",
                    "{\"party\": \"ru\", \"decision\": \"accept\"}")
                .status())
        .isEqualTo(404);
  }

  private List<JsonNode> openAlerts(String member) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : service.get(member, "/alerts").json().path("alerts")) {
      if (!a.path("state").asText().equals("resolved")) {
        out.add(a);
      }
    }
    return out;
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : list.path("movements")) {
      out.add(m.path("id").asText());
    }
    return out;
  }
}
