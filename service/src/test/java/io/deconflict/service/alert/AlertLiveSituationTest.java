package io.deconflict.service.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.service.Json;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An alert keeps its live situation as JSON text (a tree per open encounter's alert was about a
 * kilobyte, and at 100,000 units there are millions): what it hands out is a copy, and the tree it
 * was given may go on into a fact without the alert changing with it.
 */
class AlertLiveSituationTest {

  private static final Instant T = Instant.parse("2027-10-08T05:00:00Z");

  @Test
  void theLiveSituationIsKeptAsGivenAndHandedOutAsACopy() {
    Alert alert =
        new Alert(
            "al-1",
            "cf-1",
            "us",
            "ru",
            "us-a1",
            "ru-b1",
            new Subject("unit-unit", "us/us-a1", "ru/ru-b1", "us", "ru", T, T, Optional.empty()),
            GeoPoint.of(40.0, 36.5),
            T,
            T.plusSeconds(600),
            false);
    assertThat(alert.live()).isEmpty();

    ObjectNode view = Json.object().put("level", "caution").put("distanceNowMeters", 812.5);
    view.set("ownPosition", Json.point(GeoPoint.of(40.0, 36.5)));
    alert.live(view);
    view.put("level", "changed after"); // the caller's tree goes on into a fact

    ObjectNode read = alert.live().orElseThrow();
    assertThat(read.path("level").asText()).isEqualTo("caution");
    assertThat(read.path("distanceNowMeters").asDouble()).isEqualTo(812.5);
    assertThat(read.path("ownPosition").toString()).isEqualTo("[40.0,36.5]");
    read.put("level", "changed by a reader");
    assertThat(alert.live().orElseThrow().path("level").asText()).isEqualTo("caution");
  }
}
