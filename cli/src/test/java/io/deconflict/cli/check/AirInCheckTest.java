package io.deconflict.cli.check;

import static io.deconflict.geojson.Features.collection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code check} honours vertical bands and vertical separations (formats.md, D37). */
class AirInCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIMES = "[\"2022-10-08T07:00:00Z\", \"2022-10-08T08:00:00Z\"]";

  /** Straight between two points, 07:00 to 08:00, with optional extra properties. */
  private static String movement(String id, String party, String coordinates, String extra) {
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"properties\": {\"kind\": \"movement\", \"party\": \""
        + party
        + "\", \"times\": "
        + TIMES
        + extra
        + "}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
        + coordinates
        + "}}";
  }

  @Test
  void onlyPairsWithinBothSeparationsConflict() throws IOException {
    // Three movements cross (41.5, 37.0) at 07:30: a drone at 3,000–3,200 m, a helicopter at
    // 2,500–2,800 m (200 m below: a conflict), an airliner at 9,000 m (far above both) and a
    // ground patrol (the ground band is every height: a conflict with each of the others).
    Result result =
        Cli.runWithStdin(
            collection(
                movement(
                    "drone",
                    "US",
                    "[[41.3, 37.0, 3100], [41.7, 37.0, 3100]]",
                    ", \"bands\": [[3000, 3200]]"),
                movement(
                    "heli",
                    "RU",
                    "[[41.5, 36.8, 2600], [41.5, 37.2, 2600]]",
                    ", \"bands\": [[2500, 2800]], \"verticalSeparationMeters\": 250"),
                movement(
                    "liner", "TR", "[[41.3, 36.8], [41.7, 37.2]]", ", \"bands\": [[9000, 9000]]"),
                movement("patrol", "SY", "[[41.7, 36.8], [41.3, 37.2]]", "")),
            "check",
            "-");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode conflicts = JSON.readTree(result.out()).get("conflicts");
    assertThat(conflicts)
        .extracting(c -> c.get("a").asText() + "-" + c.get("b").asText())
        .containsExactlyInAnyOrder("drone-heli", "drone-patrol", "heli-patrol", "liner-patrol");
  }

  @Test
  void anUpsideDownBandIsRefusedNamingTheFeatureAndField() {
    Result result =
        Cli.runWithStdin(
            collection(
                movement(
                    "drone", "US", "[[41.3, 37.0], [41.7, 37.0]]", ", \"bands\": [[3200, 3000]]")),
            "check",
            "-");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("drone").contains("properties.bands[0]");
  }
}
