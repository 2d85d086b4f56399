package io.deconflict.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.geo.GeoPoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots the demo on a random port at high speed and looks at it over HTTP, as a player would. */
class DemoTest {

  @TempDir Path dir;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JsonNode get(URI base, String token, String path) throws Exception {
    return send(base, token, path, HttpRequest.BodyPublishers.noBody(), "GET", 200);
  }

  private static JsonNode post(URI base, String token, String path, String body) throws Exception {
    return send(base, token, path, HttpRequest.BodyPublishers.ofString(body), "POST", 201);
  }

  private static JsonNode send(
      URI base,
      String token,
      String path,
      HttpRequest.BodyPublisher body,
      String method,
      int status)
      throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    return NeSyria.MAPPER.readTree(r.body());
  }

  private static String token(Demo demo, String member) {
    return demo.logins().stream()
        .filter(l -> l.member().equals(member))
        .findFirst()
        .orElseThrow()
        .token();
  }

  private static Optional<JsonNode> alertOn(JsonNode alerts, String item) {
    for (JsonNode a : alerts.path("alerts")) {
      if (a.path("own").path("item").asText().equals(item)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Test
  void theUsOfficerSeesTheOilFieldAlertHoursBeforeTheCrossingAndScriptedRussiaAcknowledgesIt()
      throws Exception {
    Scenario scenario = NeSyria.load();
    StringWriter log = new StringWriter();
    Demo.Options options =
        Demo.Options.defaults(dir.resolve("data"))
            .withAddress("127.0.0.1", 0)
            .withClock(600, false)
            .withPlayed(Set.of("us"))
            .withPollEvery(Duration.ofMillis(200));
    try (Demo demo = Demo.start(scenario, options, new PrintWriter(log, true))) {
      URI base = demo.uri();
      String us = token(demo, "us-officer");
      assertThat(get(base, us, "/me").path("party").asText()).isEqualTo("us");
      assertThat(demo.partyLogins())
          .extracting(Demo.Login::party)
          .containsExactly("us", "ru", "tr", "sy", "sdf", "obs", "mechanism");
      assertThat(demo.scripted()).containsExactly("ru", "tr", "sy", "sdf");

      Optional<JsonNode> found = Optional.empty();
      Instant seenAt = Instant.MAX;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (found.isEmpty() && System.nanoTime() < deadline) {
        seenAt = demo.clock().instant();
        found = alertOn(get(base, us, "/alerts?state=open"), "us-e5-oil-field");
        if (found.isEmpty()) {
          Thread.sleep(50);
        }
      }
      assertThat(found).as("an open alert for us-e5-oil-field; log:%n%s", log).isPresent();
      JsonNode alert = found.orElseThrow();
      assertThat(alert.path("kind").asText()).isEqualTo("movement-movement");
      assertThat(alert.path("other").path("party").asText()).isEqualTo("ru");
      Instant start = Instant.parse(alert.path("start").asText());
      assertThat(Duration.between(seenAt, start))
          .as("seen at %s, the conflict starts at %s", seenAt, start)
          .isGreaterThan(Duration.ofHours(1));
      assertThat(Duration.between(Instant.parse(alert.path("raisedAt").asText()), start))
          .isGreaterThan(Duration.ofHours(3));
      JsonNode loc = alert.path("location");
      GeoPoint field = scenario.encounter(5).location();
      assertThat(Route.distance(GeoPoint.of(loc.get(0).asDouble(), loc.get(1).asDouble()), field))
          .isLessThan(1500);

      // Russia is scripted here: its officer reads its alert back and acknowledges it
      String operator = token(demo, "operator");
      String conflict = alert.path("conflictId").asText();
      boolean russiaAcknowledged = false;
      deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!russiaAcknowledged && System.nanoTime() < deadline) {
        for (JsonNode a : get(base, operator, "/alerts?limit=1000").path("alerts")) {
          if (a.path("conflictId").asText().equals(conflict)
              && a.path("recipient").asText().equals("ru")) {
            russiaAcknowledged = a.path("state").asText().equals("acknowledged");
          }
        }
        Thread.sleep(50);
      }
      assertThat(russiaAcknowledged).as("log:%n%s", log).isTrue();
      assertThat(log.toString()).contains("ru notified ru-e5-oil-field", "ru acknowledged");
      // nobody plays for the US here either: its alert is still open
      assertThat(alertOn(get(base, us, "/alerts?state=open"), "us-e5-oil-field")).isPresent();

      // units report their positions as the clock runs
      boolean tracks = false;
      deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!tracks && System.nanoTime() < deadline) {
        tracks = get(base, us, "/tracks?scope=own").path("tracks").size() > 0;
        Thread.sleep(50);
      }
      assertThat(tracks).as("US tracks; %s", demo.status()).isTrue();

      // scripted Russia answers the US on the hotline: a delay asked for is a delay promised
      post(
          base,
          us,
          "/hotline/threads/conflict:" + conflict + "/messages",
          "{\"code\": \"request-delay\", \"params\": {\"minutes\": 45}}");
      Optional<JsonNode> answer = Optional.empty();
      deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (answer.isEmpty() && System.nanoTime() < deadline) {
        for (JsonNode m :
            get(base, us, "/hotline/threads/conflict:" + conflict + "/messages").path("messages")) {
          if (m.path("party").asText().equals("ru")) {
            answer = Optional.of(m);
          }
        }
        Thread.sleep(50);
      }
      assertThat(answer).as("log:%n%s", log).isPresent();
      assertThat(answer.get().path("code").asText()).isEqualTo("will-delay");
      assertThat(answer.get().path("rendered").asText())
          .isEqualTo("We will delay our movement by 45 minutes.");
      assertThat(log.toString()).doesNotContain("problem:");

      // encounter 6: scripted Turkey accepted Russia's joint patrol, and the US drone's conflict
      // with it reaches Turkey as a participant (D39); the drone's band meets the helicopter's
      String operatorToken = token(demo, "operator");
      String joint = "";
      boolean turkeyTold = false;
      deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while ((!joint.equals("joint") || !turkeyTold) && System.nanoTime() < deadline) {
        joint =
            get(base, token(demo, "tr-officer"), "/movements/ru-e6-joint-patrol?party=ru")
                .path("joint")
                .path("status")
                .asText();
        turkeyTold = false;
        for (JsonNode a : get(base, operatorToken, "/alerts?limit=1000").path("alerts")) {
          turkeyTold |=
              a.path("recipient").asText().equals("tr")
                  && a.path("own").path("item").asText().equals("ru/ru-e6-joint-patrol");
        }
        Thread.sleep(50);
      }
      assertThat(joint).as("log:%n%s", log).isEqualTo("joint");
      assertThat(turkeyTold).as("Turkey told of the drone over its patrol").isTrue();
      assertThat(log.toString()).contains("tr accepted joint movement ru/ru-e6-joint-patrol");
      assertThat(alertOn(get(base, us, "/alerts?state=open"), "us-e6-drone")).isPresent();
    }
  }

  @Test
  void aDataDirectoryWithAJournalIsRefused() throws Exception {
    Path data = Files.createDirectories(dir.resolve("used"));
    Files.writeString(data.resolve("journal.db"), "");
    Demo.Options options = Demo.Options.defaults(data).withAddress("127.0.0.1", 0);

    assertThatThrownBy(
            () -> Demo.start(NeSyria.load(), options, new PrintWriter(new StringWriter())))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("already holds a journal");
  }
}
