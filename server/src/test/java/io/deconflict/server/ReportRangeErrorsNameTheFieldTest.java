package io.deconflict.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A position report out of range is refused naming the exact field ({@code /reports/N/lat}, not
 * {@code /reports/N}) as docs/api.md (Live tracks) promises, and the whole batch is refused: none
 * of its reports is stored, however it was sent.
 */
class ReportRangeErrorsNameTheFieldTest extends HostileInput {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "latitude above 90|40.7|91||lat|latitude must be finite and in [-90, 90]",
        "latitude beyond 85|40.7|-85.5||lat|beyond the 85.0 degrees",
        "longitude above 180|180.5|36.5||lon|longitude must be finite and in [-180, 180]",
        "course of 360|40.7|36.5|, \"course\": 360|course|must be in [0, 360)",
        "negative course|40.7|36.5|, \"course\": -1|course|must be in [0, 360)",
        "speed above 350|40.7|36.5|, \"speed\": 351|speed|must be in [0, 350]",
        "negative accuracy|40.7|36.5|, \"accuracy\": -1|accuracy|at least 0"
      })
  void theFieldIsNamedAndNothingIsStored(
      String what, double lon, double lat, String extra, String field, String detail) {
    String good = report("u1", 40.6, 36.5, "");
    String wrong = report("u2", lon, lat, extra == null ? "" : extra);
    for (String type : new String[] {"application/json", "application/x-ndjson"}) {
      String body =
          type.equals("application/json")
              ? "{\"reports\": [" + good + ", " + wrong + "]}"
              : good + "\n" + wrong + "\n";
      JsonNode p =
          raw.send(
                  "POST",
                  "/api/v1/positions",
                  "us-officer",
                  type,
                  body.getBytes(StandardCharsets.UTF_8))
              .problem(400, "invalid", detail);
      assertThat(p.path("field").asText()).as(what + " " + type).isEqualTo("/reports/1/" + field);
      assertThat(p.path("detail").asText()).startsWith("/reports/1/" + field + ": ");
      assertNothingStoredSince(0);
    }
  }
}
