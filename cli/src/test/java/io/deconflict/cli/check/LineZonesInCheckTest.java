package io.deconflict.cli.check;

import static io.deconflict.geojson.Features.collection;
import static io.deconflict.geojson.Features.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code check} with zones that are lines (formats.md, D34). */
class LineZonesInCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** East along the parallel 37 from 41.3 to 41.7 between 07:00 and 08:00: at 41.5 at 07:30. */
  private static final String EASTWARD =
      movement(
          "us-1",
          "US",
          "[[41.3, 37.0], [41.7, 37.0]]",
          "[\"2022-10-08T07:00:00Z\", \"2022-10-08T08:00:00Z\"]");

  private static String lineZone(String id, String properties) {
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"properties\": {\"kind\": \"zone\", \"party\": \"RU\", "
        + properties
        + "}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[41.5, 36.8], [41.5,"
        + " 37.2]]}}";
  }

  @Test
  void reportsTheSideAndTheBufferOfALine() throws IOException {
    Result result =
        Cli.runWithStdin(
            collection(
                EASTWARD,
                lineZone("east-of-line", "\"side\": \"right\", \"depthMeters\": 10000"),
                lineZone("west-of-line", "\"side\": \"left\", \"depthMeters\": 10000"),
                lineZone("border-strip", "\"bufferMeters\": 5000")),
            "check",
            "-");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode conflicts = JSON.readTree(result.out()).get("conflicts");
    assertThat(conflicts)
        .extracting(c -> c.get("b").asText())
        .containsExactly("west-of-line", "border-strip", "east-of-line");
    Instant half = Instant.parse("2022-10-08T07:30:00Z");
    JsonNode west = conflicts.get(0);
    JsonNode east = conflicts.get(2);
    assertThat(Instant.parse(west.get("end").asText())).isEqualTo(half);
    assertThat(Instant.parse(east.get("start").asText())).isEqualTo(half);
    // 10 km at 35.6 km/h either side of the line: about 16.9 minutes.
    Duration westward = Duration.between(Instant.parse(west.get("start").asText()), half);
    Duration eastward = Duration.between(half, Instant.parse(east.get("end").asText()));
    assertThat(westward.minus(eastward).abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(westward.toSeconds()).isBetween(960L, 1060L);
    for (JsonNode c : conflicts) {
      assertThat(c.get("kind").asText()).isEqualTo("movement-zone");
      assertThat(c.has("closest")).isFalse();
    }
  }

  @Test
  void aLineWithBothASideAndABufferIsRefusedNamingTheFeatureAndField() {
    Result result =
        Cli.runWithStdin(
            collection(EASTWARD, lineZone("z", "\"side\": \"left\", \"bufferMeters\": 10")),
            "check",
            "-");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith(
            "error: feature 1 (id \"z\"): properties.side and properties.bufferMeters are both"
                + " given");
  }
}
