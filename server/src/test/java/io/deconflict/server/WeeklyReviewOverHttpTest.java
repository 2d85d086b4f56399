package io.deconflict.server;

import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.engine.geo.Geodesics;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.service.Json;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted week, 2022-W41 (Monday 10 October to Monday 17 October), and its review for each
 * viewer over the real HTTP API: on-time, late and emergency notices, a revised and a cancelled
 * movement, two conflicts (one acknowledged late by the US, one never: escalated and overdue),
 * hotline posts, an incident with both sides' accounts, a Russian site that lapsed, and a US unit
 * off its route.
 */
class WeeklyReviewOverHttpTest {

  static final String WEEK = "/agreements/ag-1/reviews/2022-W41";

  @TempDir static Path data;
  static SettableClock clock;
  static TestService service;
  static ScriptedWeek week;

  /** The US's two alerts (conflicts A and B) as the US read them. */
  static JsonNode usAlertA;

  static JsonNode usAlertB;

  static Instant at(String dayAndTime) {
    return ScriptedWeek.at(dayAndTime);
  }

  @BeforeAll
  static void playTheWeek() {
    // Saturday of the week before: the agreement (reconfirm sites weekly) and a Russian clinic
    clock = SettableClock.at(at("08T06:00"));
    service = new TestService(data, clock);
    week = new ScriptedWeek(service, clock);
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
    usAlertA = week.conflictAcknowledgedLateByTheUs(us, ru);
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
    String in = week.incident();
    week.account("13T10:05", "ru-officer", in, "we kept our route");
    week.account("13T10:10", "us-officer", in, "they did not");

    // Thursday noon: us-1 revised to next week (in time: 6 days ahead), which clears conflict A
    clock.set(at("13T12:00"));
    ok(
        service.call(
            "us-officer",
            "PUT",
            "/movements/us-1",
            movement("us-1", 40.6, 36.5, 40.8, 36.5, at("19T06:00"), at("19T07:00"))));

    // Saturday 06:00 the clinic, not reconfirmed for 7 days, lapses
    clock.set(at("15T06:01"));
    ru.next("item.lapsed");

    // the next Monday: a message after the week makes it final in the journal
    week.closeTheWeek();
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
    week.acknowledge(member, alert);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static JsonNode review(String member) {
    Reply r = service.get(member, WEEK);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.json();
  }

  static double leadSeconds(JsonNode alert) {
    return Duration.between(
                Instant.parse(alert.path("raisedAt").asText()),
                Instant.parse(alert.path("start").asText()))
            .toMillis()
        / 1000.0;
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theUsReviewCountsItsWeekExactly() {
    JsonNode r = review("us-officer");
    assertThat(r.path("agreement").asText()).isEqualTo("ag-1");
    assertThat(r.path("agreementVersion").asInt()).isEqualTo(1);
    assertThat(r.path("parties")).isEqualTo(json("[\"ru\", \"us\"]"));
    assertThat(r.path("week").asText()).isEqualTo("2022-W41");
    assertThat(r.path("from").asText()).isEqualTo("2022-10-10T00:00:00Z");
    assertThat(r.path("until").asText()).isEqualTo("2022-10-17T00:00:00Z");
    assertThat(r.path("viewer").asText()).isEqualTo("us");
    assertThat(r.path("complete").asBoolean()).isTrue();
    assertThat(r.path("terms").path("separationMeters").asDouble()).isEqualTo(1000.0);
    assertThat(r.path("terms").path("minimumNotice").asText()).isEqualTo("PT24H");
    assertThat(r.path("terms").path("emergencyNotice").asText()).isEqualTo("PT1H");
    assertThat(r.path("terms").path("acknowledgeWithin").asText()).isEqualTo("PT10M");
    assertThat(r.path("terms").path("escalation")).isEqualTo(json("[\"PT30M\", \"PT1H\"]"));

    assertThat(r.path("notifications"))
        .isEqualTo(
            json(
                "{\"byParty\": {\"us\": {\"total\": 4, \"onTime\": 3, \"late\": 1,"
                    + " \"emergency\": 0, \"revised\": 1, \"cancelled\": 1,"
                    + " \"from\": \"notifications\"}}}"));

    JsonNode conflicts = r.path("conflicts");
    assertThat(conflicts.path("total").asInt()).isEqualTo(2);
    assertThat(conflicts.path("strategic").asInt()).isEqualTo(2);
    assertThat(conflicts.path("tactical").asInt()).isZero();
    assertThat(conflicts.path("leadSeconds"))
        .isEqualTo(Json.array().add(leadSeconds(usAlertA)).add(leadSeconds(usAlertB)));
    // conflict A starts on Wednesday at 06:27, B on Friday at 06:27
    assertThat(conflicts.path("byDayHour")).isEqualTo(json("[[2, 6, 1], [4, 6, 1]]"));
    JsonNode a = conflicts.path("list").get(0);
    assertThat(a.path("alert").asText()).isEqualTo(usAlertA.path("id").asText());
    assertThat(a.path("start").asText()).isEqualTo(usAlertA.path("start").asText());
    assertThat(a.path("closestAt")).isEqualTo(usAlertA.path("closest").path("time"));
    assertThat(a.path("distanceMeters")).isEqualTo(usAlertA.path("closest").path("distanceMeters"));
    assertThat(a.path("position")).isEqualTo(usAlertA.path("location"));
    assertThat(a.path("parties")).isEqualTo(json("[\"ru\", \"us\"]"));

    // A acknowledged at 06:15 after its escalation (900 s), B never: escalated twice, overdue
    assertThat(r.path("alerts"))
        .isEqualTo(
            json(
                "{\"byParty\": {\"us\": {\"raised\": 2, \"acknowledged\": 1,"
                    + " \"unacknowledged\": 1, \"ackSeconds\": [900.0],"
                    + " \"byLevel\": {\"2\": 1, \"3\": 1}}}}"));
    assertThat(r.path("escalations"))
        .isEqualTo(json("{\"byParty\": {\"us\": {\"level2\": 2, \"level3\": 1, \"overdue\": 1}}}"));
    // the message after the week is not counted
    assertThat(r.path("hotline"))
        .isEqualTo(json("{\"threads\": 2, \"messages\": 4, \"byParty\": {\"ru\": 2, \"us\": 2}}"));

    JsonNode incident = r.path("incidents").get(0);
    assertThat(r.path("incidents").size()).isEqualTo(1);
    assertThat(incident.path("time").asText()).isEqualTo("2022-10-13T09:30:00Z");
    assertThat(incident.path("position")).isEqualTo(json("[40.7, 37.0]"));
    assertThat(incident.path("summary").asText()).isEqualTo("patrols met at the junction");
    assertThat(incident.path("recordedBy").asText()).isEqualTo("us");
    assertThat(incident.path("accounts"))
        .isEqualTo(
            json(
                "[{\"by\": \"ru\", \"at\": \"2022-10-13T10:05:00Z\", \"text\": \"we kept our"
                    + " route\"}, {\"by\": \"us\", \"at\": \"2022-10-13T10:10:00Z\","
                    + " \"text\": \"they did not\"}]"));
    // the Russian clinic's lapse: Russia shares only conflicts, so the US was never told of it
    assertThat(r.path("lapsed")).isEqualTo(json("[]"));
    assertThat(r.path("places").size()).isEqualTo(3);
    assertThat(r.path("places").get(2).path("kind").asText()).isEqualTo("incident");

    JsonNode compliance = r.path("compliance");
    assertThat(compliance.size()).isEqualTo(3);
    JsonNode late = compliance.get(0);
    assertThat(late.path("rule").asText()).isEqualTo("late-notice");
    assertThat(late.path("party").asText()).isEqualTo("us");
    assertThat(late.path("subject").asText()).isEqualTo("movement us-2");
    assertThat(late.path("at").asText()).isEqualTo("2022-10-11T08:00:00Z");
    assertThat(late.path("detail").asText())
        .isEqualTo(
            "notified 2022-10-11T08:00:00Z, 2 h before its first waypoint"
                + " (2022-10-11T10:00:00Z); agreement ag-1 version 1 requires 24 h");
    assertThat(types(late)).containsExactly("agreement.set", "item.notify", "notice.late");

    JsonNode off = compliance.get(1);
    assertThat(off.path("rule").asText()).isEqualTo("off-route");
    assertThat(off.path("party").asText()).isEqualTo("us");
    assertThat(off.path("subject").asText()).isEqualTo("unit us-patrol-1 under movement us-1");
    assertThat(off.path("at").asText()).isEqualTo("2022-10-12T06:30:00Z");
    double meters =
        Geodesics.distanceMeters(
            Geodesics.positionAt(
                List.of(GeoPoint.of(40.6, 36.5), GeoPoint.of(40.8, 36.5)),
                List.of(at("12T06:00"), at("12T07:00")),
                at("12T06:30")),
            GeoPoint.of(40.7, 36.53));
    assertThat(meters).isBetween(3000.0, 3500.0);
    assertThat(off.path("detail").asText())
        .isEqualTo(
            "unit us-patrol-1 reported under movement us-1 "
                + String.format(java.util.Locale.ROOT, "%.1f km", meters / 1000)
                + " from where its notified route puts it at 2022-10-12T06:30:00Z; the"
                + " agreement's separation is 1.0 km");
    // the route's version, the report off it; the report back on the route ends the run
    assertThat(types(off)).containsExactly("agreement.set", "item.notify", "positions.report");

    JsonNode unacknowledged = compliance.get(2);
    assertThat(unacknowledged.path("rule").asText()).isEqualTo("unacknowledged");
    assertThat(unacknowledged.path("party").asText()).isEqualTo("us");
    assertThat(unacknowledged.path("subject").asText())
        .isEqualTo("alert " + usAlertB.path("id").asText());
    assertThat(unacknowledged.path("at").asText()).isEqualTo("2022-10-13T07:43:00Z");
    assertThat(types(unacknowledged))
        .containsExactly(
            "agreement.set", "alert.raised", "alert.escalated", "alert.escalated", "alert.overdue");
  }

  static List<String> types(JsonNode flag) {
    List<String> out = new java.util.ArrayList<>();
    flag.path("records").forEach(r -> out.add(r.path("type").asText()));
    return out;
  }

  @Test
  void theRussianReviewShowsNothingTheUsDidNotShare() {
    JsonNode r = review("ru-officer");
    assertThat(r.path("viewer").asText()).isEqualTo("ru");
    // its own notifications in full; the US's only as the late notice Russia was told of
    assertThat(r.path("notifications"))
        .isEqualTo(
            json(
                "{\"byParty\": {\"ru\": {\"total\": 3, \"onTime\": 2, \"late\": 0,"
                    + " \"emergency\": 1, \"revised\": 0, \"cancelled\": 0,"
                    + " \"from\": \"notifications\"}, \"us\": {\"total\": 1, \"onTime\": 0,"
                    + " \"late\": 1, \"emergency\": 0, \"revised\": 0, \"cancelled\": 0,"
                    + " \"from\": \"late-notices\"}}}"));
    // its own alerts only: the US's acknowledgement times and escalations were never told to it
    assertThat(r.path("alerts"))
        .isEqualTo(
            json(
                "{\"byParty\": {\"ru\": {\"raised\": 2, \"acknowledged\": 2,"
                    + " \"unacknowledged\": 0, \"ackSeconds\": [120.0, 60.0],"
                    + " \"byLevel\": {\"1\": 2}}}}"));
    assertThat(r.path("escalations")).isEqualTo(json("{\"byParty\": {}}"));
    assertThat(r.path("conflicts").path("total").asInt()).isEqualTo(2);
    assertThat(r.path("hotline").path("messages").asInt()).isEqualTo(4);
    assertThat(r.path("incidents").get(0).path("accounts").size()).isEqualTo(2);
    assertThat(r.path("lapsed"))
        .hasSize(1)
        .first()
        .satisfies(
            l -> {
              assertThat(l.path("party").asText()).isEqualTo("ru");
              assertThat(l.path("kind").asText()).isEqualTo("site");
              assertThat(l.path("id").asText()).isEqualTo("clinic");
              assertThat(l.path("lapsedSince").asText()).isEqualTo("2022-10-15T06:00:00Z");
              assertThat(l.path("restoredAt").isNull()).isTrue();
            });
    // the US's late notice, without the movement's id (the US shares only conflicts); none of
    // the US's off-route reports or overdue alerts, which Russia was never told of
    JsonNode compliance = r.path("compliance");
    assertThat(compliance.size()).isEqualTo(1);
    assertThat(compliance.get(0).path("rule").asText()).isEqualTo("late-notice");
    assertThat(compliance.get(0).path("subject").asText()).isEqualTo("a movement of us");
    assertThat(types(compliance.get(0))).containsExactly("agreement.set", "notice.late");
    assertThat(r.toString()).doesNotContain("us-2", "us-1", "us-3", "us-patrol-1");
  }

  @Test
  void theUsReviewShowsNoneOfRussiasItems() {
    JsonNode r = review("us-officer");
    assertThat(r.path("notifications").path("byParty").has("ru")).isFalse();
    assertThat(r.toString()).doesNotContain("ru-1", "ru-2", "ru-3", "clinic");
  }

  @Test
  void theOperatorsReviewHasEveryPartysAlertsAndNoItems() {
    JsonNode r = review("operator");
    assertThat(r.path("viewer").asText()).isEqualTo("operators");
    assertThat(r.path("alerts").path("byParty").path("us").path("ackSeconds"))
        .isEqualTo(json("[900.0]"));
    assertThat(r.path("alerts").path("byParty").path("ru").path("ackSeconds"))
        .isEqualTo(json("[120.0, 60.0]"));
    assertThat(r.path("escalations"))
        .isEqualTo(json("{\"byParty\": {\"us\": {\"level2\": 2, \"level3\": 1, \"overdue\": 1}}}"));
    // both recipients' alerts of one conflict count it once
    assertThat(r.path("conflicts").path("total").asInt()).isEqualTo(2);
    assertThat(r.path("conflicts").path("list").get(0).path("alert").asText())
        .isIn(usAlertA.path("id").asText(), "al-1");
    assertThat(r.path("notifications").path("byParty").path("us").path("from").asText())
        .isEqualTo("late-notices");
    assertThat(r.path("compliance").findValuesAsText("rule"))
        .containsExactly("late-notice", "unacknowledged");
  }

  @Test
  void aThirdPartyGets404AsForAnAgreementThatDoesNotExist() {
    Reply tr = service.get("tr-officer", WEEK);
    Reply none = service.get("us-officer", "/agreements/ag-9/reviews/2022-W41");
    Reply agreement = service.get("tr-officer", "/agreements/ag-1");
    assertThat(tr.status()).isEqualTo(404);
    assertThat(none.status()).isEqualTo(404);
    assertThat(tr.json().path("detail").asText())
        .isEqualTo(agreement.json().path("detail").asText());
    assertThat(none.json().path("detail").asText())
        .isEqualTo(tr.json().path("detail").asText().replace("ag-1", "ag-9"));
    assertThat(tr.raw()).doesNotContain("us-", "ru-");
  }

  @Test
  void aWeekThatDoesNotExistIs400NamingIt() {
    Reply r = service.get("us-officer", "/agreements/ag-1/reviews/2022-W54");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("field").asText()).isEqualTo("week");
    assertThat(r.json().path("detail").asText())
        .isEqualTo("week: 2022-W54 is not a week: 2022 has weeks W01 to W52");
    Reply form = service.get("us-officer", "/agreements/ag-1/reviews/2022-41");
    assertThat(form.status()).isEqualTo(400);
    assertThat(form.json().path("detail").asText()).contains("\"2022-41\"");
  }

  @Test
  void aWeekBeforeTheAgreementIs400ToItsPartiesAnd404ToOthers() {
    Reply before = service.get("ru-officer", "/agreements/ag-1/reviews/2022-W39");
    assertThat(before.status()).isEqualTo(400);
    assertThat(before.json().path("field").asText()).isEqualTo("week");
    assertThat(before.json().path("detail").asText())
        .isEqualTo(
            "week: 2022-W39 is before agreement ag-1 was recorded (2022-10-08T06:00:00Z, in"
                + " 2022-W40)");
    assertThat(service.get("tr-officer", "/agreements/ag-1/reviews/2022-W39").status())
        .isEqualTo(404);
    // the week it was recorded in is reviewed: the agreement and the clinic, nothing counted
    Reply first = service.get("ru-officer", "/agreements/ag-1/reviews/2022-W40");
    assertThat(first.status()).as(first.raw()).isEqualTo(200);
    assertThat(first.json().path("notifications").path("byParty").path("ru").path("total").asInt())
        .isEqualTo(1);
    assertThat(first.json().path("conflicts").path("total").asInt()).isZero();
  }

  @Test
  void theRecordsNamedAreTheJournalsRecords() {
    java.util.Map<Long, String> journal = new java.util.HashMap<>();
    long[] lastOfTheWeek = {0};
    io.deconflict.journal.Verification v =
        io.deconflict.journal.JournalVerifier.verify(
            io.deconflict.service.ServiceRuntime.journalFile(data),
            rec -> {
              journal.put(rec.seq(), rec.hashHex() + " " + rec.type());
              if (rec.time().isBefore(at("17T00:00"))) {
                lastOfTheWeek[0] = rec.seq();
              }
            });
    assertThat(v.ok()).as(String.valueOf(v.problem())).isTrue();
    int named = 0;
    for (String member : List.of("us-officer", "ru-officer", "operator")) {
      JsonNode r = review(member);
      assertThat(r.path("position").asLong()).isEqualTo(lastOfTheWeek[0]);
      for (JsonNode ref : r.findValues("records")) {
        for (JsonNode rec : ref) {
          assertThat(journal.get(rec.path("seq").asLong()))
              .as("record %s named by %s's review", rec, member)
              .isEqualTo(rec.path("hash").asText() + " " + rec.path("type").asText());
          named++;
        }
      }
    }
    assertThat(named).isGreaterThan(20);
  }

  @Test
  void aWeekNotOverIsNotComplete() {
    JsonNode r = review("us-officer");
    Reply now = service.get("us-officer", "/agreements/ag-1/reviews/2022-W42");
    assertThat(now.status()).as(now.raw()).isEqualTo(200);
    assertThat(now.json().path("complete").asBoolean()).isFalse();
    assertThat(now.json().path("position").asLong()).isGreaterThan(r.path("position").asLong());
    assertThat(now.json().path("hotline").path("messages").asInt()).isEqualTo(1);
    // a finished week answers the same each time (kept)
    assertThat(review("us-officer")).isEqualTo(r);
  }

  static void ok(Reply reply) {
    ScriptedWeek.ok(reply);
  }
}
