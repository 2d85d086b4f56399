package io.deconflict.server;

import static io.deconflict.server.LiveTracksTest.report;
import static io.deconflict.server.TestService.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.server.TestService.Reply;
import io.deconflict.service.Queries;
import io.deconflict.testkit.clock.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention over the wire (issue 16 part 3, D26): an alert resolved longer ago than {@code
 * retention.keep} (a day by default) and the unit gone silent as long leave memory, observed
 * through the state's counts ({@code deconflict_alerts_memory}, {@code deconflict_units_memory});
 * every answer about the past stays the same: the alert by id, the lists, the refusals, the picture
 * of a past time; and so after a restart from the snapshot taken after retiring, and after a full
 * replay.
 */
class ResolvedAlertsLeaveMemoryTest {

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

  private int alertsInMemory() {
    return service.runtime.application().read(Queries::alertsInMemory);
  }

  private int unitsInMemory() {
    return service.runtime.application().read(Queries::unitsInMemory);
  }

  /** What the parties are answered about the past, as text. */
  private String answers(String alert, Instant past) {
    StringBuilder out = new StringBuilder();
    for (String member : List.of("ru-officer", "us-officer", "tr-officer", "operator")) {
      Reply one = service.get(member, "/alerts/" + alert);
      out.append(member).append(' ').append(one.status()).append(' ').append(one.raw());
      out.append('\n').append(service.get(member, "/alerts?state=resolved").raw());
      out.append('\n').append(service.get(member, "/alerts?limit=1").raw());
      out.append('\n').append(service.get(member, "/picture?at=" + past).raw()).append('\n');
      Reply ack = service.post(member, "/alerts/" + alert + "/acknowledge", "{}");
      out.append(ack.status()).append(' ').append(ack.json().path("detail")).append('\n');
    }
    return out.toString();
  }

  @Test
  void anAlertResolvedADayAgoLeavesMemoryYetEveryAnswerAboutItStaysTheSame() {
    Reply zone =
        service.post(
            "ru-officer",
            "/zones",
            "{\"type\": \"Feature\", \"id\": \"qasr-dib\", \"geometry\": {\"type\": \"Polygon\","
                + " \"coordinates\": [[[42.0, 37.0], [42.1, 37.0], [42.1, 37.1], [42.0, 37.1],"
                + " [42.0, 37.0]]]}, \"properties\": {\"access\": \"forbidden\"}}");
    assertThat(zone.status()).as(zone.raw()).isEqualTo(201);
    service.post("us-officer", "/positions", "[" + report("u9", T0, 41.95, 37.05, 90, 5) + "]");
    clock.advance(Duration.ofSeconds(10));
    service.post(
        "us-officer",
        "/positions",
        "[" + report("u9", T0.plusSeconds(10), 42.05, 37.05, 90, 5) + "]");
    JsonNode raised = service.get("ru-officer", "/alerts").json().path("alerts").get(0);
    String alert = raised.path("id").asText();
    clock.advance(Duration.ofSeconds(10));
    service.post(
        "us-officer",
        "/positions",
        "[" + report("u9", T0.plusSeconds(20), 42.2, 37.05, 90, 5) + "]");
    assertThat(service.get("ru-officer", "/alerts/" + alert).json().path("state").asText())
        .isEqualTo("resolved");
    Instant past = T0.plusSeconds(15);
    String before = answers(alert, past);
    assertThat(alertsInMemory()).isEqualTo(2);
    assertThat(unitsInMemory()).isEqualTo(1);

    // a day and an hour later, another unit reports: the state retires what is over
    clock.advance(Duration.ofHours(25));
    Reply later =
        service.post(
            "us-officer",
            "/positions",
            "[" + report("u7", T0.plus(Duration.ofHours(25)), 40.0, 36.0, 0, 5) + "]");
    assertThat(later.status()).as(later.raw()).isEqualTo(200);
    assertThat(alertsInMemory()).isZero();
    assertThat(unitsInMemory()).isEqualTo(1);
    assertThat(service.get("us-officer", "/tracks").json().path("tracks"))
        .extracting(t -> t.path("unit").asText())
        .containsExactly("u7");
    assertThat(answers(alert, past)).isEqualTo(before);

    // after a restart from the snapshot taken on stopping, and after a full replay
    service.restart();
    assertThat(service.runtime.application().loadedSnapshot()).isPresent();
    assertThat(alertsInMemory()).isZero();
    assertThat(answers(alert, past)).isEqualTo(before);
    service.restart(service::deleteSnapshots);
    assertThat(service.runtime.application().loadedSnapshot()).isEmpty();
    assertThat(alertsInMemory()).isZero();
    assertThat(answers(alert, past)).isEqualTo(before);
  }
}
