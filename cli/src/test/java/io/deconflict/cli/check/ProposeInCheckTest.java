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

/**
 * {@code check --propose} (formats.md, D41): each conflict carries the smallest delay and advance
 * of each movement's start that clears every conflict it has; the input with a movement so shifted
 * checks clean.
 */
class ProposeInCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant SEVEN = Instant.parse("2022-10-08T07:00:00Z");

  /** East along the parallel 37 from 41.3 to 41.7, starting {@code start}, for an hour. */
  private static String eastward(Instant start) {
    return movement(
        "us-1",
        "US",
        "[[41.3, 37.0], [41.7, 37.0]]",
        "[\"" + start + "\", \"" + start.plus(Duration.ofHours(1)) + "\"]");
  }

  /** A halt at (41.5, 37.0) from 07:00 to 08:00, which us-1 passes at 07:30. */
  private static final String HALT =
      movement(
          "ru-1",
          "RU",
          "[[41.5, 37.0], [41.5, 37.0]]",
          "[\"2022-10-08T07:00:00Z\", \"2022-10-08T08:00:00Z\"]");

  @Test
  void eachMovementOfAConflictGetsItsSmallestShifts() throws IOException {
    Result result = Cli.runWithStdin(collection(eastward(SEVEN), HALT), "check", "--propose", "-");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode conflicts = JSON.readTree(result.out()).get("conflicts");
    assertThat(conflicts).hasSize(1);
    JsonNode proposals = conflicts.get(0).get("proposals");
    assertThat(proposals).hasSize(2);
    // a is ru-1 (the smaller id), b us-1. us-1 (9.88 m/s) is within 1 km of the halt for 101.2 s
    // either side of 07:30: it must pass after 08:00 or before 07:00.
    assertThat(proposals.get(0).get("movement").asText()).isEqualTo("ru-1");
    JsonNode us = proposals.get(1);
    assertThat(us.get("movement").asText()).isEqualTo("us-1");
    long delay = Duration.parse(us.get("delay").asText()).getSeconds();
    long advance = Duration.parse(us.get("advance").asText()).getSeconds();
    assertThat(delay).isBetween(1900L, 1904L);
    assertThat(advance).isBetween(1900L, 1904L);
    // The halt must begin after us-1 has passed, or end before it comes.
    long ruDelay = Duration.parse(proposals.get(0).get("delay").asText()).getSeconds();
    assertThat(ruDelay).isBetween(1900L, 1904L);

    // Shifted as proposed, the input checks clean; a second less does not.
    Result clean =
        Cli.runWithStdin(collection(eastward(SEVEN.plusSeconds(delay)), HALT), "check", "-");
    assertThat(clean.exitCode()).as(clean.out()).isEqualTo(0);
    Result oneLess =
        Cli.runWithStdin(collection(eastward(SEVEN.plusSeconds(delay - 1)), HALT), "check", "-");
    assertThat(oneLess.exitCode()).isEqualTo(1);
  }

  @Test
  void withoutTheOptionThereAreNoProposals() throws IOException {
    Result result = Cli.runWithStdin(collection(eastward(SEVEN), HALT), "check", "-");
    assertThat(JSON.readTree(result.out()).get("conflicts").get(0).has("proposals")).isFalse();
  }

  @Test
  void theTextReportListsEachMovementOnce() {
    Result result =
        Cli.runWithStdin(
            collection(eastward(SEVEN), HALT), "check", "--propose", "--format", "text", "-");
    assertThat(result.out())
        .contains("Proposals (smallest shift of a movement's start")
        .containsPattern("  us-1: delay 0:31:4[0-4], advance 0:31:4[0-4]")
        .containsPattern("  ru-1: delay 0:31:4[0-4], advance 0:31:4[0-4]");
  }
}
