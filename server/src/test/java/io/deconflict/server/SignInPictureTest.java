package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.server.TestService.Reply;
import io.deconflict.server.TestService.Sse;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.picture.Knowledge;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /picture} over the wire: a member's picture is its own event stream folded, so a
 * client that starts from it and follows the stream from its position knows what it would know from
 * the whole stream, without gap or repeat; one party's picture holds nothing another party did not
 * share with it; {@code ?at=} is the stream folded up to that moment.
 */
class SignInPictureTest {

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

  /** The first half: an agreement, crossing US and RU movements, a TR one far away. */
  private void firstHalf() {
    ok(service.agreement(", \"sharing\": {\"us\": \"positions\", \"ru\": \"conflicts\"}"));
    clock.advance(Duration.ofMinutes(1));
    Instant t1 = T0.plus(Duration.ofDays(2));
    ok(
        service.post(
            "us-officer",
            "/movements",
            movement("m1", 40.0, 36.5, 41.0, 36.5, t1, t1.plusSeconds(3600))));
    ok(
        service.post(
            "ru-officer",
            "/movements",
            movement("m2", 41.0, 36.5, 40.0, 36.5, t1, t1.plusSeconds(3600))));
    ok(
        service.post(
            "tr-officer",
            "/movements",
            movement("t1", 30.0, 38.0, 30.5, 38.0, t1, t1.plusSeconds(3600))));
    clock.advance(Duration.ofMinutes(1));
    ok(service.post("us-officer", "/positions", report("u1", 40.65, 36.5)));
    ok(service.post("tr-officer", "/positions", report("tr1", 30.1, 38.0)));
  }

  /** The second half: the hotline, an acknowledgement, an escalation, more reports. */
  private void secondHalf() {
    clock.advance(Duration.ofMinutes(2));
    ok(
        service.post(
            "ru-officer", "/hotline/threads/pair:ru:us/messages", "{\"text\": \"seen m1\"}"));
    JsonNode usAlert = service.get("us-officer", "/alerts").json().path("alerts").get(0);
    ObjectNode readBack =
        service.get("us-officer", "/alerts/" + usAlert.path("id").asText()).json().deepCopy();
    String ack =
        "{\"readBack\": {\"start\": \""
            + readBack.path("start").asText()
            + "\", \"end\": \""
            + readBack.path("end").asText()
            + "\", \"place\": "
            + readBack.path("location")
            + "}}";
    ok(service.post("us-officer", "/alerts/" + usAlert.path("id").asText() + "/acknowledge", ack));
    clock.advance(Duration.ofMinutes(15)); // the RU alert escalates
    service.runtime.application().tickIfDue();
    ok(service.post("us-officer", "/positions", report("u1", 40.66, 36.5)));
  }

  @Test
  void aPictureAndTheStreamFromItsPositionAreTheWholeStream() throws Exception {
    firstHalf();
    JsonNode picture = service.get("us-officer", "/picture").json();
    long position = picture.path("position").asLong();
    assertThat(position).isEqualTo(service.runtime.application().lastSeq());
    TestService.EventStream after = service.events("us-officer", Optional.of(position));
    secondHalf();
    long end = service.runtime.application().lastSeq();
    TestService.EventStream whole = service.events("us-officer", Optional.of(0L));
    List<Sse> all = readUpTo(whole, end);
    List<Sse> followed = readUpTo(after, end);

    assertThat(all).isNotEmpty();
    assertThat(followed)
        .as("the stream after the picture's position: no gap, no repeat")
        .isEqualTo(all.stream().filter(e -> e.id() > position).toList());
    assertThat(picture.toString())
        .as("the picture is the stream up to its position, folded")
        .isEqualTo(fold(all.stream().filter(e -> e.id() <= position).toList(), position));
    JsonNode now = service.get("us-officer", "/picture").json();
    assertThat(now.toString()).as("and now, the whole stream folded").isEqualTo(fold(all, end));
    assertThat(now.path("alerts").get(0).path("state").asText()).isEqualTo("acknowledged");
    assertThat(now.path("threads").path("pair:ru:us").get(0).path("text").asText())
        .isEqualTo("seen m1");
    assertThat(now.path("reports").get(0).path("lon").asDouble()).isEqualTo(40.66);
  }

  @Test
  void onePartysPictureHoldsNothingAnotherDidNotShareWithIt() throws Exception {
    firstHalf();
    secondHalf();
    // a fact every audience is told, so that every stream reaches the journal's end
    ok(
        service.post(
            "operator",
            "/agreements",
            "{\"parties\": [\"us\", \"ru\", \"tr\"], \"separationMeters\": 500}"));
    long end = service.runtime.application().lastSeq();
    for (String member : List.of("us-officer", "ru-observer", "tr-officer", "operator")) {
      JsonNode picture = service.get(member, "/picture").json();
      List<Sse> stream = readUpTo(service.events(member, Optional.of(0L)), end);
      assertThat(picture.toString()).as(member).isEqualTo(fold(stream, end));
    }
    String tr = service.get("tr-officer", "/picture").raw();
    assertThat(tr)
        .contains("\"t1\"", "tr1")
        .doesNotContain("cf-", "al-", "m1", "m2", "seen m1", "u1");
    String ru = service.get("ru-officer", "/picture").raw();
    assertThat(ru)
        .as("RU is told of its alert and the hotline, never of US or TR reports or TR items")
        .contains("m2", "seen m1", "cf-")
        .doesNotContain("\"u1\"", "tr1", "\"t1\"");
    JsonNode ruItems = service.get("ru-officer", "/picture").json().path("items");
    assertThat(ruItems).hasSize(1);
    assertThat(ruItems.get(0).path("id").asText())
        .as("its own items only: US's m1 is named in RU's alert, as US shares positions")
        .isEqualTo("m2");
    JsonNode us = service.get("us-officer", "/picture").json();
    assertThat(us.path("items")).hasSize(1);
    assertThat(us.path("items").get(0).path("id").asText()).isEqualTo("m1");
  }

  @Test
  void aPictureAtAMomentIsTheStreamFoldedUpToThen() throws Exception {
    firstHalf();
    Instant middle = clock.instant();
    clock.advance(Duration.ofSeconds(30));
    secondHalf();
    long end = service.runtime.application().lastSeq();
    List<Sse> all = readUpTo(service.events("us-officer", Optional.of(0L)), end);
    List<Sse> before = all.stream().filter(e -> !time(e).isAfter(middle)).toList();

    JsonNode then = service.get("us-officer", "/picture?at=" + middle).json();

    long lastBefore = service.runtime.application().lastSeq();
    assertThat(lastBefore).isEqualTo(end);
    assertThat(then.toString()).isEqualTo(fold(before, then.path("position").asLong()));
    assertThat(then.path("alerts").get(0).path("state").asText()).isEqualTo("open");
    assertThat(then.path("threads").size()).isZero();
    Reply bad = service.get("us-officer", "/picture?at=yesterday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("field").asText()).isEqualTo("at");
  }

  @Test
  void aPictureBoundedByAlertsNamesTheOthersWithTheirState() throws Exception {
    firstHalf();
    secondHalf();
    JsonNode all = service.get("us-officer", "/picture").json();
    int alerts = all.path("alerts").size();
    assertThat(alerts).isPositive();
    assertThat(all.path("alertsLeftOut").size()).isZero();
    assertThat(service.get("us-officer", "/picture?alerts=" + alerts).json()).isEqualTo(all);

    JsonNode none = service.get("us-officer", "/picture?alerts=0").json();
    assertThat(none.path("alerts").size()).isZero();
    assertThat(none.path("position")).isEqualTo(all.path("position"));
    List<String> named = new ArrayList<>();
    for (JsonNode left : none.path("alertsLeftOut")) {
      named.add(left.toString());
    }
    List<String> expected = new ArrayList<>();
    for (JsonNode a : all.path("alerts")) {
      expected.add("[" + a.path("id") + "," + a.path("state") + "," + a.path("level") + "]");
    }
    assertThat(named).containsExactlyElementsOf(expected);

    // the first of the inbox's order in full: open before acknowledged, newest first
    JsonNode one = service.get("us-officer", "/picture?alerts=1").json();
    assertThat(one.path("alerts").size()).isEqualTo(1);
    assertThat(one.path("alertsLeftOut").size()).isEqualTo(alerts - 1);
    JsonNode first = one.path("alerts").get(0);
    for (JsonNode a : all.path("alerts")) {
      if (a.path("state").asText().equals("open")) {
        assertThat(first.path("state").asText()).isEqualTo("open");
        assertThat(Instant.parse(first.path("raisedAt").asText()))
            .isAfterOrEqualTo(Instant.parse(a.path("raisedAt").asText()));
      }
    }

    for (String bad : List.of("-1", "many", "10000001")) {
      Reply r = service.get("us-officer", "/picture?alerts=" + bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().path("field").asText()).isEqualTo("alerts");
    }
  }

  @Test
  void aPictureThatNeedNotWaitIsThePictureOfItsPositionAndBadWaitsAreRefused() throws Exception {
    firstHalf();
    JsonNode picture = service.get("us-officer", "/picture?wait=PT0S").json();
    long position = picture.path("position").asLong();
    assertThat(position).isPositive().isLessThanOrEqualTo(service.runtime.application().lastSeq());
    TestService.EventStream whole = service.events("us-officer", Optional.of(0L));
    List<Sse> all = readUpTo(whole, service.runtime.application().lastSeq());
    assertThat(picture.toString())
        .as("whatever position it answers at, it is the stream up to there, folded")
        .isEqualTo(fold(all.stream().filter(e -> e.id() <= position).toList(), position));
    assertThat(service.get("us-officer", "/picture?wait=PT2.5S").status()).isEqualTo(200);

    for (String bad : List.of("PT6S", "-PT1S", "soon", "5")) {
      Reply r = service.get("us-officer", "/picture?wait=" + bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().path("field").asText()).isEqualTo("wait");
      assertThat(r.json().path("detail").asText()).as(bad).contains("wait must be");
    }
  }

  /** The events of a stream up to and including {@code end}, in order. */
  private static List<Sse> readUpTo(TestService.EventStream stream, long end)
      throws InterruptedException {
    List<Sse> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Sse e = stream.events.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (e != null) {
        out.add(e);
      }
      if (!out.isEmpty() && out.get(out.size() - 1).id() >= end) {
        break;
      }
      if (e == null && !out.isEmpty() && out.get(out.size() - 1).id() < end) {
        continue;
      }
    }
    stream.close();
    return out;
  }

  /** The client's fold of streamed events ({@link Knowledge}, as the web map folds them). */
  private static String fold(List<Sse> events, long position) {
    Knowledge k = new Knowledge();
    for (Sse e : events) {
      JsonNode d = e.data();
      k.apply(
          new Event(
              d.path("seq").asLong(),
              Instant.parse(d.path("time").asText()),
              d.path("type").asText(),
              d.path("by").asText(),
              new Audience(Set.of(), false),
              (ObjectNode) d.path("body")));
    }
    k.advanceTo(position);
    return k.toJson(Language.EN).toString();
  }

  private static Instant time(Sse e) {
    return Instant.parse(e.data().path("time").asText());
  }

  private String report(String unit, double lon, double lat) {
    return "[{\"unit\": \""
        + unit
        + "\", \"time\": \""
        + clock.instant()
        + "\", \"lon\": "
        + lon
        + ", \"lat\": "
        + lat
        + ", \"course\": 90, \"speed\": 5}]";
  }

  private static void ok(Reply r) {
    assertThat(r.status()).as(r.raw()).isBetween(200, 299);
  }
}
