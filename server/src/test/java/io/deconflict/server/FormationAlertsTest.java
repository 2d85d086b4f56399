package io.deconflict.server;

import static io.deconflict.server.LiveTracksTest.report;
import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.server.TestService.Sse;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formations over the real HTTP API (design-decisions.md, D29): a 5-vehicle US patrol meets a
 * 5-vehicle RU patrol head on, each unit reporting under its party's notified movement; each duty
 * officer gets one tactical alert for the 25 unit pairs, carrying the closest pair, the units of
 * each side it may see and the worst pair's level, linked to the planned conflict of the two
 * movements.
 */
class FormationAlertsTest {

  /** Metres per degree of longitude at 36.5° N, roughly: enough to place units. */
  static final double M_PER_DEG_LON = 89_600;

  /** How far apart the vehicles of a patrol drive, metres. */
  static final double SPACING = 1500;

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

  /** A US–RU agreement in which us shares {@code usShares} and ru shares {@code ruShares}. */
  void agreement(String usShares, String ruShares) {
    Reply a =
        service.agreement(
            ", \"sharing\": {\"us\": \"" + usShares + "\", \"ru\": \"" + ruShares + "\"}");
    assertThat(a.status()).as(a.raw()).isEqualTo(201);
  }

  /** Both patrols' plans: they cross at 40.70 E at T0 + 10 min. */
  void plans() {
    Instant from = T0.minusSeconds(600);
    Instant to = T0.plusSeconds(1800);
    Reply us =
        service.post(
            "us-officer",
            "/movements",
            TestService.movement("us-patrol", 40.60, 36.5, 40.80, 36.5, from, to));
    assertThat(us.status()).as(us.raw()).isEqualTo(201);
    Reply ru =
        service.post(
            "ru-officer",
            "/movements",
            TestService.movement("ru-patrol", 40.80, 36.5, 40.60, 36.5, from, to));
    assertThat(ru.status()).as(ru.raw()).isEqualTo(201);
  }

  /**
   * A patrol of {@code n} vehicles in column at time {@code t}: the lead at {@code leadLon}, the
   * others {@link #SPACING} behind each other, all on course {@code course} at 20 m/s, reporting
   * under {@code movement}.
   */
  static String patrol(
      String prefix, int n, Instant t, double leadLon, double course, String movement) {
    return patrol(prefix, n, t, leadLon, course, movement, course == 90 ? -1 : 1);
  }

  /** The same, with the column laid out east ({@code behind} 1) or west (-1) of the lead. */
  static String patrol(
      String prefix,
      int n,
      Instant t,
      double leadLon,
      double course,
      String movement,
      double behind) {
    List<String> reports = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      String r =
          report(
              prefix + (k + 1),
              t,
              leadLon + behind * k * SPACING / M_PER_DEG_LON,
              36.5,
              course,
              20);
      reports.add(r.substring(0, r.length() - 1) + ", \"movement\": \"" + movement + "\"}");
    }
    return "[" + String.join(", ", reports) + "]";
  }

  Reply positions(String member, String body) {
    Reply r = service.post(member, "/positions", body);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r;
  }

  /** The kinds of a member's alerts that are not resolved (open or acknowledged). */
  List<String> openKinds(String member) {
    return openKinds(service, member);
  }

  /** The kinds of a member's alerts on {@code service} that are not resolved, sorted. */
  static List<String> openKinds(TestService service, String member) {
    List<String> kinds = new ArrayList<>();
    service
        .get(member, "/alerts")
        .json()
        .path("alerts")
        .forEach(
            a -> {
              if (!a.path("state").asText().equals("resolved")) {
                kinds.add(a.path("kind").asText());
              }
            });
    kinds.sort(null);
    return kinds;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void twoPatrolsMeetingRaiseOneTacticalAlertPerOfficerLinkedToThePlannedConflict() {
    agreement("positions", "positions");
    EventStream us = service.events("us-officer", Optional.empty());
    EventStream ru = service.events("ru-officer", Optional.empty());
    plans();
    JsonNode usPlanned = us.next("alert.raised").data().path("body");
    assertThat(usPlanned.path("kind").asText()).isEqualTo("movement-movement");
    JsonNode ruPlanned = ru.next("alert.raised").data().path("body");

    // the leads 13.4 km apart closing at 40 m/s: loss of 1 km in about 310 s (advisory)
    positions("us-officer", patrol("u", 5, T0, 40.65, 90, "us-patrol"));
    positions("ru-officer", patrol("r", 5, T0, 40.80, 270, "ru-patrol"));
    JsonNode usAlert = us.next("alert.raised").data().path("body");
    JsonNode ruAlert = ru.next("alert.raised").data().path("body");
    assertThat(openKinds("us-officer")).containsExactly("formation-formation", "movement-movement");
    assertThat(openKinds("ru-officer")).containsExactly("formation-formation", "movement-movement");

    assertThat(usAlert.path("kind").asText()).isEqualTo("formation-formation");
    assertThat(usAlert.path("own").path("item").asText()).isEqualTo("us-patrol");
    assertThat(usAlert.path("other").path("item").asText()).isEqualTo("ru-patrol");
    JsonNode live = usAlert.path("live");
    assertThat(live.path("level").asText()).isEqualTo("advisory");
    assertThat(live.path("unitPairs").asInt()).isEqualTo(25);
    assertThat(texts(live.path("ownUnits"))).containsExactly("u1", "u2", "u3", "u4", "u5");
    assertThat(texts(live.path("otherUnits"))).containsExactly("r1", "r2", "r3", "r4", "r5");
    assertThat(live.path("otherUnitCount").asInt()).isEqualTo(5);
    // the leads come closest first (every pair meets head on, at 0 m)
    assertThat(live.path("closestPair").path("own").asText()).isEqualTo("u1");
    assertThat(live.path("closestPair").path("other").asText()).isEqualTo("r1");
    assertThat(live.path("timeToLossSeconds").asDouble()).isBetween(290.0, 330.0);
    JsonNode closest = usAlert.path("closest");
    assertThat(closest.path("distanceMeters").asDouble()).isLessThan(1.0);
    assertThat(Duration.between(T0, Instant.parse(closest.path("time").asText())).toSeconds())
        .isBetween(330L, 340L);
    assertThat(closest.path("own").isArray()).isTrue();
    assertThat(closest.path("other").isArray()).isTrue();
    assertThat(live.path("closest").path("time").asText()).isEqualTo(closest.path("time").asText());
    assertThat(ruAlert.path("own").path("item").asText()).isEqualTo("ru-patrol");
    assertThat(ruAlert.path("live").path("closestPair").path("own").asText()).isEqualTo("r1");

    // linked both ways with the planned conflict of the same two movements, per recipient
    assertThat(usAlert.path("linked").path("alert").asText())
        .isEqualTo(usPlanned.path("id").asText());
    assertThat(usAlert.path("linked").path("plannedClosest").asText())
        .isEqualTo(usPlanned.path("closest").path("time").asText());
    Sse told = us.next("alert.updated");
    assertThat(told.data().path("body").path("alert").asText())
        .isEqualTo(usPlanned.path("id").asText());
    JsonNode plannedNow =
        service.get("us-officer", "/alerts/" + usPlanned.path("id").asText()).json();
    assertThat(plannedNow.path("linked").path("alert").asText())
        .isEqualTo(usAlert.path("id").asText());
    assertThat(plannedNow.path("linked").path("kind").asText()).isEqualTo("formation-formation");
    assertThat(ruAlert.path("linked").path("alert").asText())
        .isEqualTo(ruPlanned.path("id").asText());

    // acknowledging it works as for any alert: read back start, end and place
    String ack =
        "{\"readBack\": {\"start\": \""
            + usAlert.path("start").asText()
            + "\", \"end\": \""
            + usAlert.path("end").asText()
            + "\", \"place\": "
            + usAlert.path("location")
            + "}}";
    Reply acknowledged =
        service.post("us-officer", "/alerts/" + usAlert.path("id").asText() + "/acknowledge", ack);
    assertThat(acknowledged.status()).as(acknowledged.raw()).isEqualTo(200);
    assertThat(
            service
                .get("us-officer", "/alerts/" + usAlert.path("id").asText())
                .json()
                .path("state")
                .asText())
        .isEqualTo("acknowledged");

    // 90 s on, the leads are 220 s from loss (caution), the tails still over 5 min (advisory):
    // the alert takes the worst pair's level
    Instant t1 = T0.plusSeconds(90);
    clock.set(t1);
    positions("us-officer", patrol("u", 5, t1, 40.65 + 1800 / M_PER_DEG_LON, 90, "us-patrol"));
    positions("ru-officer", patrol("r", 5, t1, 40.80 - 1800 / M_PER_DEG_LON, 270, "ru-patrol"));
    JsonNode updated = lastLive(us, usAlert.path("id").asText());
    assertThat(updated.path("level").asText()).isEqualTo("caution");
    assertThat(updated.path("unitPairs").asInt()).isEqualTo(25);

    // a sixth vehicle joins the US patrol: the same alert grows, no new one is raised
    String sixth = report("u6", t1, 40.65 + (1800 - 5 * SPACING) / M_PER_DEG_LON, 36.5, 90, 20);
    positions(
        "us-officer",
        "[" + sixth.substring(0, sixth.length() - 1) + ", \"movement\": \"us-patrol\"}]");
    JsonNode grown = lastLive(us, usAlert.path("id").asText());
    assertThat(texts(grown.path("ownUnits"))).contains("u6").hasSize(6);
    assertThat(grown.path("unitPairs").asInt()).isEqualTo(30);
    assertThat(openKinds("us-officer")).containsExactly("formation-formation", "movement-movement");

    // both patrols turn back: the last pair ends, the alert resolves once
    Instant t2 = t1.plusSeconds(10);
    clock.set(t2);
    double usLead = 40.65 + (1800 - 200) / M_PER_DEG_LON;
    double ruLead = 40.80 - (1800 - 200) / M_PER_DEG_LON;
    positions("us-officer", patrol("u", 6, t2, usLead, 270, "us-patrol", -1));
    positions("ru-officer", patrol("r", 5, t2, ruLead, 90, "ru-patrol", 1));
    Sse resolved = us.next("alert.resolved");
    assertThat(resolved.data().path("body").path("alert").asText())
        .isEqualTo(usAlert.path("id").asText());
    assertThat(openKinds("us-officer")).containsExactly("movement-movement");
    assertThat(
            us.drain().stream()
                .filter(e -> e.event().equals("alert.raised") || e.event().equals("alert.resolved"))
                .toList())
        .as("no other alert raised or resolved")
        .isEmpty();
    // the link stays: the story of the two movements reads as one
    assertThat(
            service
                .get("us-officer", "/alerts/" + usPlanned.path("id").asText())
                .json()
                .path("linked")
                .path("alert")
                .asText())
        .isEqualTo(usAlert.path("id").asText());
  }

  /** The newest {@code live} of an alert on the stream, waiting for at least one update. */
  static JsonNode lastLive(EventStream stream, String alert) {
    JsonNode live = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    Sse e = stream.next("alert.updated");
    while (true) {
      if (e.data().path("body").path("alert").asText().equals(alert)) {
        live = e.data().path("body").path("live");
      }
      Sse more = stream.events.poll();
      if (more == null) {
        break;
      }
      e = more;
      if (!e.event().equals("alert.updated")) {
        break;
      }
    }
    assertThat(live.isMissingNode()).as("an alert.updated of " + alert).isFalse();
    return live;
  }

  @Test
  void aPartyThatDoesNotShareItsPositionsHidesItsUnitsFromTheOtherSidesTacticalAlert() {
    // us shares conflicts only: ru learns how many us units are involved, not which
    agreement("conflicts", "positions");
    EventStream ru = service.events("ru-officer", Optional.empty());
    plans();
    ru.next("alert.raised");
    positions("us-officer", patrol("u", 5, T0, 40.65, 90, "us-patrol"));
    positions("ru-officer", patrol("r", 5, T0, 40.80, 270, "ru-patrol"));
    JsonNode ruAlert = ru.next("alert.raised").data().path("body");
    assertThat(ruAlert.path("kind").asText()).isEqualTo("formation-formation");
    JsonNode live = ruAlert.path("live");
    assertThat(texts(live.path("ownUnits"))).containsExactly("r1", "r2", "r3", "r4", "r5");
    assertThat(live.has("otherUnits")).isFalse();
    assertThat(live.path("otherUnitCount").asInt()).isEqualTo(5);
    assertThat(live.path("closestPair").has("other")).isFalse();
    assertThat(live.has("otherPosition")).isFalse();
    assertThat(ruAlert.path("other").has("item")).isFalse();
    assertThat(ruAlert.path("other").path("party").asText()).isEqualTo("us");
    String raw = service.get("ru-officer", "/alerts/" + ruAlert.path("id").asText()).raw();
    for (String hidden : List.of("\"u1\"", "\"u2\"", "\"u3\"", "\"u4\"", "\"u5\"", "us-patrol")) {
      assertThat(raw).doesNotContain(hidden);
    }
    // us sees ru's units: ru shares positions
    JsonNode usAlert = service.get("us-officer", "/alerts?state=open").json().path("alerts").get(0);
    assertThat(usAlert.path("kind").asText()).isEqualTo("formation-formation");
    assertThat(texts(usAlert.path("live").path("otherUnits")))
        .containsExactly("r1", "r2", "r3", "r4", "r5");
  }

  @Test
  void twoLoneUnitsStillRaiseOneUnitUnitAlertEach() {
    agreement("positions", "positions");
    EventStream us = service.events("us-officer", Optional.empty());
    positions("us-officer", "[" + report("u9", T0, 40.65, 36.5, 90, 20) + "]");
    positions("ru-officer", "[" + report("r9", T0, 40.80, 36.5, 270, 20) + "]");
    JsonNode a = us.next("alert.raised").data().path("body");
    assertThat(a.path("kind").asText()).isEqualTo("unit-unit");
    assertThat(a.path("own").path("item").asText()).isEqualTo("u9");
    assertThat(a.path("other").path("item").asText()).isEqualTo("r9");
    assertThat(a.path("live").has("ownUnits")).isFalse();
    assertThat(a.has("linked")).isFalse();
  }

  @Test
  void aLoneUnitMeetingAPatrolIsOneTacticalAlertWithThePatrol() {
    agreement("positions", "positions");
    plans();
    EventStream ru = service.events("ru-officer", Optional.empty());
    positions("us-officer", patrol("u", 3, T0, 40.65, 90, "us-patrol"));
    positions("ru-officer", "[" + report("r9", T0, 40.80, 36.5, 270, 20) + "]");
    JsonNode a = ru.next("alert.raised").data().path("body");
    assertThat(a.path("kind").asText()).isEqualTo("formation-formation");
    assertThat(a.path("own").path("item").asText()).isEqualTo("r9");
    assertThat(a.path("other").path("item").asText()).isEqualTo("us-patrol");
    assertThat(texts(a.path("live").path("otherUnits"))).containsExactly("u1", "u2", "u3");
    assertThat(a.has("linked")).as("a lone unit has no plan to link").isFalse();
  }

  @Test
  void aReportUnderAMovementThePartyDoesNotHaveIsRefusedNamingTheFieldAndNothingIsStored() {
    agreement("positions", "positions");
    plans();
    String ok = report("u1", T0, 40.65, 36.5, 90, 20);
    // unknown, and another party's: the same answer (ids are per party; nothing leaks)
    for (String movement : List.of("no-such-plan", "ru-patrol")) {
      Reply r =
          service.post(
              "us-officer",
              "/positions",
              "["
                  + ok
                  + ", "
                  + ok.replace("u1", "u2").substring(0, ok.length() - 1)
                  + ", \"movement\": \""
                  + movement
                  + "\"}]");
      assertThat(r.status()).as(r.raw()).isEqualTo(400);
      assertThat(r.json().path("field").asText()).isEqualTo("/reports/1/movement");
      assertThat(r.json().path("detail").asText())
          .isEqualTo(
              "/reports/1/movement \""
                  + movement
                  + "\" is not one of party us's notified movements, nor a joint movement"
                  + " (lead/id) it accepted to take part in");
    }
    Reply bad =
        service.post(
            "us-officer",
            "/positions",
            "[" + ok.substring(0, ok.length() - 1) + ", \"movement\": \"a/b\"}]");
    assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
    assertThat(bad.json().path("field").asText()).isEqualTo("/reports/0/movement");
    Reply notText =
        service.post(
            "us-officer",
            "/positions",
            "[" + ok.substring(0, ok.length() - 1) + ", \"movement\": 7}]");
    assertThat(notText.status()).as(notText.raw()).isEqualTo(400);
    assertThat(notText.json().path("field").asText()).isEqualTo("/reports/0/movement");
    // one unit in two formations in one batch
    Reply second =
        service.post(
            "us-officer",
            "/movements",
            TestService.movement(
                "us-patrol-2", 40.0, 36.0, 40.1, 36.0, T0.minusSeconds(60), T0.plusSeconds(3600)));
    assertThat(second.status()).as(second.raw()).isEqualTo(201);
    String under1 = ok.substring(0, ok.length() - 1) + ", \"movement\": \"us-patrol\"}";
    String under2 =
        report("u1", T0.plusSeconds(1), 40.65, 36.5, 90, 20).replace("}", "")
            + ", \"movement\": \"us-patrol-2\"}";
    Reply two = service.post("us-officer", "/positions", "[" + under1 + ", " + under2 + "]");
    assertThat(two.status()).as(two.raw()).isEqualTo(400);
    assertThat(two.json().path("field").asText()).isEqualTo("/reports/1/movement");
    assertThat(two.json().path("detail").asText()).contains("one formation at a time");
    assertThat(service.get("us-officer", "/tracks").json().path("tracks")).isEmpty();
  }

  @Test
  void aDeclaredGroupIsAFormationVisibleOnlyToItsParty() {
    agreement("positions", "positions");
    EventStream ru = service.events("ru-officer", Optional.empty());
    Reply declared =
        service.call(
            "us-officer", "PUT", "/formations/us-column", "{\"units\": [\"u1\", \"u2\", \"u3\"]}");
    assertThat(declared.status()).as(declared.raw()).isEqualTo(200);
    assertThat(texts(declared.json().path("units"))).containsExactly("u1", "u2", "u3");
    JsonNode mine = service.get("us-officer", "/formations").json().path("formations");
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).path("id").asText()).isEqualTo("us-column");
    assertThat(service.get("ru-officer", "/formations").json().path("formations")).isEmpty();
    assertThat(service.get("operator", "/formations").json().path("formations")).isEmpty();

    // three us units in the group (no movement), one lone ru unit: one alert for the pair
    String body = patrol("u", 3, T0, 40.65, 90, "x").replace(", \"movement\": \"x\"", "");
    positions("us-officer", body);
    positions("ru-officer", "[" + report("r9", T0, 40.80, 36.5, 270, 20) + "]");
    JsonNode a = ru.next("alert.raised").data().path("body");
    assertThat(a.path("kind").asText()).isEqualTo("formation-formation");
    assertThat(a.path("other").path("item").asText()).isEqualTo("us-column");
    assertThat(texts(a.path("live").path("otherUnits"))).containsExactly("u1", "u2", "u3");
    assertThat(a.has("linked")).as("a group has no plan to link").isFalse();
    assertThat(openKinds("ru-officer")).containsExactly("formation-formation");
    assertThat(ru.drain().stream().map(Sse::event)).doesNotContain("formation.declare");

    // disbanded: the group is gone
    Reply disbanded = service.call("us-officer", "PUT", "/formations/us-column", "{\"units\": []}");
    assertThat(disbanded.status()).as(disbanded.raw()).isEqualTo(200);
    assertThat(disbanded.json().path("disbanded").asBoolean()).isTrue();
    assertThat(service.get("us-officer", "/formations").json().path("formations")).isEmpty();
  }

  @Test
  void aBadGroupIsRefusedNamingTheFieldAndNothingIsStored() {
    agreement("positions", "positions");
    plans();
    String path = "/formations/g-1";
    assertThat(
            service
                .call("us-officer", "PUT", "/formations/g-0", "{\"units\": [\"u1\", \"u2\"]}")
                .status())
        .isEqualTo(200);
    record Bad(String path, String body, String field, String detail) {}
    for (Bad bad :
        List.of(
            new Bad(path, "{\"units\": \"u1\"}", "/units", "/units must be an array"),
            new Bad(path, "{\"units\": [\"u3\", 4]}", "/units/1", "must be a unit id"),
            new Bad(path, "{\"units\": [\"u3\", \"u4\", \"u3\"]}", "/units/2", "already /units/0"),
            new Bad(path, "{\"units\": [\"u3\", \"a/b\"]}", "/units/1", "without '/'"),
            new Bad(path, "{\"units\": [\"u3\", \"u2\"]}", "/units/1", "is in formation \"g-0\""),
            new Bad("/formations/us-patrol", "{\"units\": [\"u3\"]}", "/id", "movements"))) {
      Reply r = service.call("us-officer", "PUT", bad.path(), bad.body());
      assertThat(r.status()).as(r.raw()).isEqualTo(400);
      assertThat(r.json().path("field").asText()).as(r.raw()).isEqualTo(bad.field());
      assertThat(r.json().path("detail").asText()).as(r.raw()).contains(bad.detail());
    }
    Reply observer = service.call("us-observer", "PUT", path, "{\"units\": [\"u3\"]}");
    assertThat(observer.status()).as(observer.raw()).isEqualTo(403);
    JsonNode groups = service.get("us-officer", "/formations").json().path("formations");
    assertThat(groups).hasSize(1);
    assertThat(texts(groups.get(0).path("units"))).containsExactly("u1", "u2");
  }
}
