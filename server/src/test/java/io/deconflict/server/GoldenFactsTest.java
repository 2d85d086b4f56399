package io.deconflict.server;

import static io.deconflict.server.TestService.T0;
import static io.deconflict.server.TestService.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.deconflict.server.TestService.EventStream;
import io.deconflict.server.TestService.Reply;
import io.deconflict.server.TestService.Sse;
import io.deconflict.service.Json;
import io.deconflict.testkit.clock.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden facts: every fact the US officer's event stream sends in one scenario (agreement,
 * crossing routes, an alert that escalates, both read-backs, coded and free-text hotline messages,
 * an incident with the other side's account, a track report, the route cancelled and the alert
 * resolved), compared with {@code web/test/golden/us-facts.json}, the file the web page's Node
 * tests use as their fixtures. When the service changes what it sends, this test fails; re-record
 * with {@code ./mvnw -pl server -am test -Dtest=GoldenFactsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddeconflict.golden=record} and let the page's tests show
 * what the change means for the page.
 */
class GoldenFactsTest {

  static final Path GOLDEN = Path.of("..", "web", "test", "golden", "us-facts.json");
  static final Instant START = T0.plus(Duration.ofDays(2));
  static final Instant END = START.plus(Duration.ofHours(1));

  @TempDir Path data;

  @Test
  void theFactsTheServiceSendsAreTheOnesThePageIsTestedWith() throws IOException {
    ArrayNode facts = scenario();
    if ("record".equals(System.getProperty("deconflict.golden"))) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(
          GOLDEN,
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(facts) + "\n",
          StandardCharsets.UTF_8);
    }
    assertThat(GOLDEN).as("the golden file (record it: see this test's doc)").exists();
    JsonNode golden = Json.MAPPER.readTree(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    for (int i = 0; i < Math.min(golden.size(), facts.size()); i++) {
      assertThat(facts.get(i))
          .as(
              "fact %d of %s differs from what the service sends now; if the change is meant,"
                  + " re-record (see GoldenFactsTest's doc) and check the web page's tests",
              i, GOLDEN)
          .isEqualTo(golden.get(i));
    }
    assertThat(facts.size()).as("the number of facts in %s", GOLDEN).isEqualTo(golden.size());
  }

  /** Plays the scenario and returns the US officer's stream from the beginning, as sent. */
  private ArrayNode scenario() {
    SettableClock clock = SettableClock.at(T0);
    // Dead reckoning and formations off, as the facts were recorded: then the service journals no
    // settings record (D28), which would shift every fact's seq by one (the page's fixtures hold
    // them). The scenario has no live tracks, so neither would change a fact.
    try (TestService service =
        new TestService(
            data,
            clock,
            root -> {
              root.putObject("live").putObject("deadReckoning").put("enabled", false);
              root.with("defaults").put("formations", false);
            })) {
      EventStream watch = service.events("us-commander", Optional.empty());
      ok(service.agreement(""));
      ok(
          service.post(
              "us-officer", "/movements", movement("us-1", 40.6, 36.5, 40.8, 36.5, START, END)));
      ok(
          service.post(
              "ru-officer", "/movements", movement("ru-1", 40.7, 36.4, 40.7, 36.6, START, END)));
      String alert = watch.next("alert.raised").data().path("body").path("id").asText();

      clock.advance(Duration.ofMinutes(11)); // past the 10-minute deadline
      watch.next("alert.escalated");

      clock.advance(Duration.ofMinutes(1));
      JsonNode ruAlert = service.get("ru-officer", "/alerts").json().path("alerts").get(0);
      ok(service.post("ru-officer", ackPath(ruAlert), readBack(ruAlert)));
      watch.next("alert.counterpart");

      clock.advance(Duration.ofMinutes(1));
      JsonNode usAlert = service.get("us-officer", "/alerts/" + alert).json();
      ok(service.post("us-officer", ackPath(usAlert), readBack(usAlert)));

      String thread = "/hotline/threads/conflict:" + usAlert.path("conflictId").asText();
      clock.advance(Duration.ofMinutes(1));
      ok(
          service.post(
              "us-officer",
              thread + "/messages",
              "{\"code\": \"request-delay\", \"params\": {\"minutes\": 30}}"));
      clock.advance(Duration.ofMinutes(1));
      ok(
          service.post(
              "ru-officer", thread + "/messages", "{\"text\": \"We hold at the bridge.\"}"));

      clock.advance(Duration.ofMinutes(5));
      Reply incident =
          service.post(
              "us-officer",
              "/incidents",
              "{\"kind\": \"encounter\", \"time\": \""
                  + clock.instant()
                  + "\", \"place\": [40.7, 36.5], \"parties\": [\"us\", \"ru\"],"
                  + " \"summary\": \"patrols met at the crossing\"}");
      ok(incident);
      clock.advance(Duration.ofMinutes(1));
      ok(
          service.post(
              "ru-officer",
              "/incidents/" + incident.json().path("id").asText() + "/accounts",
              "{\"text\": \"our patrol kept to the agreed route\"}"));

      clock.advance(Duration.ofMinutes(1));
      ok(
          service.post(
              "us-officer",
              "/positions",
              "[{\"unit\": \"us-patrol-1\", \"time\": \""
                  + clock.instant()
                  + "\", \"lon\": 40.61, \"lat\": 36.5, \"course\": 90, \"speed\": 8}]"));

      clock.advance(Duration.ofMinutes(1));
      ok(service.call("us-officer", "DELETE", "/movements/us-1", null));
      watch.next("alert.resolved");

      return everything(service.events("us-officer", Optional.of(0L)));
    }
  }

  /** Every event of a stream read from the start, until it has been quiet for a second. */
  private static ArrayNode everything(EventStream stream) {
    List<Sse> all = new ArrayList<>();
    try {
      for (Sse e = stream.events.poll(5, TimeUnit.SECONDS);
          e != null;
          e = stream.events.poll(1, TimeUnit.SECONDS)) {
        all.add(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ArrayNode out = Json.array();
    all.forEach(e -> out.add(e.data()));
    return out;
  }

  private static String ackPath(JsonNode alert) {
    return "/alerts/" + alert.path("id").asText() + "/acknowledge";
  }

  private static String readBack(JsonNode alert) {
    return "{\"readBack\": {\"start\": \""
        + alert.path("start").asText()
        + "\", \"end\": \""
        + alert.path("end").asText()
        + "\", \"place\": "
        + alert.path("location")
        + "}}";
  }

  private static void ok(Reply reply) {
    assertThat(reply.status()).as(reply.raw()).isBetween(200, 299);
  }
}
