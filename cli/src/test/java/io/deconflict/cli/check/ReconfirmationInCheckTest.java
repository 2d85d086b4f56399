package io.deconflict.cli.check;

import static io.deconflict.geojson.Features.collection;
import static io.deconflict.geojson.Features.movement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deconflict.cli.Cli;
import io.deconflict.cli.Cli.Result;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code check --reconfirm-every P7D --at ...} (formats.md, D36): a site whose {@code
 * properties.confirmedAt} is older than the period, or that states none, lapsed; its conflicts are
 * reported all the same, marked {@code lapsed}; without the option nothing lapses.
 */
class ReconfirmationInCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** East along the parallel 37 from 41.3 to 41.7 between 07:00 and 08:00. */
  private static final String EASTWARD =
      movement(
          "us-1",
          "US",
          "[[41.3, 37.0], [41.7, 37.0]]",
          "[\"2022-10-08T07:00:00Z\", \"2022-10-08T08:00:00Z\"]");

  private static String site(String id, double lon, String confirmedAt) {
    return "{\"type\": \"Feature\", \"id\": \""
        + id
        + "\", \"properties\": {\"kind\": \"site\", \"party\": \"RU\", \"radiusMeters\": 500"
        + (confirmedAt.isEmpty() ? "" : ", \"confirmedAt\": \"" + confirmedAt + "\"")
        + "}, \"geometry\": {\"type\": \"Point\", \"coordinates\": ["
        + lon
        + ", 37.0]}}";
  }

  private static final String FILE =
      collection(
          EASTWARD,
          site("fresh", 41.4, "2022-10-05T06:00:00Z"),
          site("stale", 41.5, "2022-09-30T06:00:00Z"),
          site("unconfirmed", 41.6, ""));

  @Test
  void conflictsWithLapsedSitesAreMarked() throws IOException {
    Result result =
        Cli.runWithStdin(
            FILE, "check", "--reconfirm-every", "P7D", "--at", "2022-10-08T06:00:00Z", "-");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode conflicts = JSON.readTree(result.out()).get("conflicts");
    assertThat(conflicts).hasSize(3);
    for (JsonNode c : conflicts) {
      String site = c.get("b").asText();
      switch (site) {
        case "fresh" -> assertThat(c.has("lapsed")).isFalse();
        case "stale" -> {
          assertThat(c.get("lapsed").asBoolean()).isTrue();
          assertThat(c.get("lapsedItem").asText()).isEqualTo("stale");
          assertThat(c.get("lapsedSince").asText()).isEqualTo("2022-10-07T06:00:00Z");
        }
        default -> {
          assertThat(c.get("lapsed").asBoolean()).isTrue();
          assertThat(c.has("lapsedSince")).as("never confirmed").isFalse();
        }
      }
    }
  }

  @Test
  void theTextReportNamesTheLapsedSites() {
    Result result =
        Cli.runWithStdin(
            FILE,
            "check",
            "--format",
            "text",
            "--reconfirm-every",
            "P7D",
            "--at",
            "2022-10-08T06:00:00Z",
            "-");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("stale (lapsed)").contains("unconfirmed (lapsed)");
    assertThat(result.out()).doesNotContain("fresh (lapsed)");
    assertThat(result.out())
        .contains("2 sites or zones lapsed (not reconfirmed in time): stale, unconfirmed");
  }

  @Test
  void withoutAPeriodNothingLapses() throws IOException {
    Result result = Cli.runWithStdin(FILE, "check", "-");
    assertThat(result.exitCode()).isEqualTo(1);
    for (JsonNode c : JSON.readTree(result.out()).get("conflicts")) {
      assertThat(c.has("lapsed")).isFalse();
    }
  }

  @Test
  void badOptionsAndABadConfirmedAtAreRefusedSayingWhich() {
    Result every = Cli.runWithStdin(FILE, "check", "--reconfirm-every", "weekly", "-");
    assertThat(every.exitCode()).isEqualTo(2);
    assertThat(every.err()).contains("--reconfirm-every must be an ISO-8601 duration");
    Result zero = Cli.runWithStdin(FILE, "check", "--reconfirm-every", "PT0S", "-");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--reconfirm-every must be positive");
    Result at =
        Cli.runWithStdin(FILE, "check", "--reconfirm-every", "P7D", "--at", "yesterday", "-");
    assertThat(at.exitCode()).isEqualTo(2);
    assertThat(at.err()).contains("--at must be a UTC instant");
    Result alone = Cli.runWithStdin(FILE, "check", "--at", "2022-10-08T06:00:00Z", "-");
    assertThat(alone.exitCode()).isEqualTo(2);
    Result bad = Cli.runWithStdin(collection(EASTWARD, site("s", 41.5, "last week")), "check", "-");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).contains("properties.confirmedAt");
    String onMovement =
        movement(
            "us-2",
            "US",
            "[[41.3, 37.0], [41.7, 37.0]]",
            "[\"2022-10-08T07:00:00Z\", \"2022-10-08T08:00:00Z\"]",
            "\"confirmedAt\": \"2022-10-08T06:00:00Z\", ");
    Result movement = Cli.runWithStdin(collection(onMovement), "check", "-");
    assertThat(movement.exitCode()).isEqualTo(2);
    assertThat(movement.err()).contains("applies only to sites and zones");
  }
}
