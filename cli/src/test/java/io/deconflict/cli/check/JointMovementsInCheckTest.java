package io.deconflict.cli.check;

import static io.deconflict.geojson.Features.collection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code check} reads joint movements (formats.md, D39): no conflict with a participant's items on
 * the legs it is part of, and a conflict with anyone else names the participants.
 */
class JointMovementsInCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A RU patrol east along latitude 37.0 from 41.3 to 41.7 through 41.5, 07:00, 07:30, 08:00; TR
   * joins at the middle waypoint.
   */
  private static final String PATROL =
      "{\"type\": \"Feature\", \"id\": \"patrol\", \"properties\": {\"kind\": \"movement\","
          + " \"party\": \"RU\", \"times\": [\"2022-10-08T07:00:00Z\", \"2022-10-08T07:30:00Z\","
          + " \"2022-10-08T08:00:00Z\"], \"participants\": [{\"party\": \"TR\", \"joinAt\": 1}]},"
          + " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[41.3, 37.0], [41.5,"
          + " 37.0], [41.7, 37.0]]}}";

  /** Northwards across latitude 37.0 at {@code lon}, there at {@code at} (HH:MM). */
  private static String crossing(String id, String party, double lon, String from, String to) {
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"properties\": {\"kind\": \"movement\", \"party\": \""
        + party
        + "\", \"times\": [\"2022-10-08T"
        + from
        + ":00Z\", \"2022-10-08T"
        + to
        + ":00Z\"]}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [["
        + lon
        + ", 36.9], ["
        + lon
        + ", 37.1]]}}";
  }

  @Test
  void aParticipantConflictsOnlyBeforeItJoinsAndOthersConflictWithEveryone() throws IOException {
    Result result =
        Cli.runWithStdin(
            collection(
                PATROL,
                crossing("tr-before", "TR", 41.4, "07:05", "07:25"),
                crossing("tr-after", "TR", 41.6, "07:35", "07:55"),
                crossing("us", "US", 41.6, "07:35", "07:55")),
            "check",
            "-");

    assertThat(result.err()).isEmpty();
    JsonNode conflicts = JSON.readTree(result.out()).get("conflicts");
    assertThat(conflicts)
        .extracting(c -> c.get("a").asText() + "-" + c.get("b").asText())
        .containsExactlyInAnyOrder("patrol-tr-before", "patrol-us", "tr-after-us");
    for (JsonNode c : conflicts) {
      if (c.get("a").asText().equals("patrol")) {
        assertThat(c.get("parties").toString()).isIn("[\"RU\",\"TR\"]", "[\"RU\",\"US\"]");
        assertThat(c.get("participants").toString()).isEqualTo("{\"a\":[\"TR\"]}");
      } else {
        assertThat(c.has("participants")).isFalse();
      }
    }

    Result text =
        Cli.runWithStdin(
            collection(PATROL, crossing("us", "US", 41.6, "07:35", "07:55")),
            "check",
            "--format",
            "text",
            "-");
    assertThat(text.out()).contains("RU+TR/US");
  }

  @Test
  void aParticipantLeavingBeforeItJoinsIsRefusedNamingTheFeatureAndField() {
    Result result =
        Cli.runWithStdin(
            collection(
                PATROL.replace(
                    "{\"party\": \"TR\", \"joinAt\": 1}",
                    "{\"party\": \"TR\", \"joinAt\": 1, \"leaveAt\": 1}")),
            "check",
            "-");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("patrol").contains("properties.participants[0].leaveAt");
  }
}
