package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart rebuilds exactly the same state from the journal. */
class RestartTest {

  @TempDir Path data;

  @Test
  void aRestartRebuildsExactlyTheSameStateFromTheJournal() {
    SettableClock clock = SettableClock.at(T0);
    Instant start = T0.plus(Duration.ofHours(30));
    Instant end = start.plus(Duration.ofHours(1));
    try (TestService service = new TestService(data, clock)) {
      assertThat(service.agreement(", \"sharing\": {\"ru\": \"positions\"}").status())
          .isEqualTo(201);
      service.post(
          "us-officer", "/movements", movement("us-1", 40.6, 36.5, 40.8, 36.5, start, end));
      service.post("ru-officer", "/movements", movement(null, 40.7, 36.4, 40.7, 36.6, start, end));
      service.post(
          "us-officer", "/movements", movement("us-2", 40.65, 36.45, 40.75, 36.55, start, end));
      service.call(
          "us-officer",
          "PUT",
          "/movements/us-2",
          movement("us-2", 40.65, 36.45, 40.75, 36.55, start.plusSeconds(600), end));
      service.post(
          "tr-officer",
          "/sites",
          "{\"type\": \"Feature\", \"id\": \"post-1\", \"geometry\": {\"type\": \"Point\","
              + " \"coordinates\": [40.7, 36.5]}, \"properties\": {\"radiusMeters\": 500}}");
      clock.advance(Duration.ofMinutes(11));
      service.restart(); // ticks happen only while running: tick, then restart
      waitForEscalation(service);
      JsonNode alert = service.get("ru-officer", "/alerts").json().path("alerts").get(0);
      service.post(
          "ru-officer",
          "/alerts/" + alert.path("id").asText() + "/acknowledge",
          "{\"readBack\": {\"start\": \""
              + alert.path("start").asText()
              + "\", \"end\": \""
              + alert.path("end").asText()
              + "\", \"place\": "
              + alert.path("location")
              + "}}");
      service.post(
          "us-officer",
          "/hotline/threads/pair:ru:us/messages",
          "{\"code\": \"will-hold-at\", \"params\": {\"place\": [40.69, 36.5], \"until\":"
              + " \"2022-10-09T12:30:00Z\"}}");
      service.post(
          "ru-observer",
          "/incidents",
          "{\"kind\": \"standoff\", \"time\": \"2022-10-09T12:40:00Z\", \"place\": [40.7, 36.5],"
              + " \"parties\": [\"us\", \"ru\"], \"summary\": \"both convoys stopped\","
              + " \"sources\": [{\"reportedBy\": \"local monitor\", \"credibility\": \"possible\"}]}");
      service.post("us-observer", "/incidents/inc-1/accounts", "{\"text\": \"we held as agreed\"}");
      service.call("us-officer", "DELETE", "/movements/us-1", null);
      Instant now = clock.instant();
      service.post(
          "us-officer",
          "/positions",
          "[{\"unit\": \"u1\", \"time\": \""
              + now
              + "\", \"lon\": 40.65, \"lat\": 36.5,"
              + " \"course\": 90, \"speed\": 20}]");
      service.post(
          "ru-officer",
          "/positions",
          "[{\"unit\": \"r1\", \"time\": \""
              + now
              + "\", \"lon\": 40.8, \"lat\": 36.5,"
              + " \"course\": 270, \"speed\": 20}]");

      Map<String, String> before = snapshot(service);
      service.restart(service::deleteSnapshots);
      Map<String, String> after = snapshot(service);
      assertThat(after).isEqualTo(before);
      assertThat(service.runtime.application().loadedSnapshot()).isEmpty();
      assertThat(service.runtime.application().replayedCommands()).isGreaterThanOrEqualTo(10);
      // and from the snapshot the service took when it stopped: the same again, nothing replayed
      service.restart();
      assertThat(snapshot(service)).isEqualTo(before);
      assertThat(service.runtime.application().loadedSnapshot()).isPresent();
      assertThat(service.runtime.application().replayedCommands()).isZero();
    }
  }

  private static void waitForEscalation(TestService service) {
    for (int i = 0; i < 200; i++) {
      if (service.get("us-officer", "/alerts").json().path("alerts").findValues("level").stream()
          .anyMatch(l -> l.asInt() >= 2)) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("no escalation after the deadline passed");
  }

  /** Everything every member can read. */
  private static Map<String, String> snapshot(TestService service) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String member :
        List.of("us-officer", "ru-officer", "tr-officer", "operator", "ru-observer")) {
      for (String path :
          List.of(
              "/alerts?limit=1000",
              "/movements?scope=visible",
              "/sites?scope=visible",
              "/tracks?scope=visible",
              "/agreements",
              "/incidents",
              "/hotline/threads",
              "/hotline/threads/pair:ru:us/messages")) {
        TestService.Reply r = service.get(member, path);
        out.put(member + " " + path, r.status() + " " + r.raw());
      }
    }
    return out;
  }
}
