package io.deconflict.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictKind;
import io.deconflict.engine.geo.GeoPoint;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  static final Conflict MOVEMENTS =
      new Conflict(
          ConflictKind.MOVEMENT_MOVEMENT,
          "m-1",
          "m-2",
          "RU",
          "US",
          Instant.parse("2022-10-08T08:39:50.825Z"),
          Instant.parse("2022-10-08T08:41:09Z"),
          Optional.of(
              new ClosestApproach(
                  Instant.parse("2022-10-08T08:40:29.630Z"),
                  12.345678,
                  GeoPoint.of(41.386670123456, 37.02952),
                  GeoPoint.of(-0.00000001, -37.5))));

  static final Conflict ZONE =
      new Conflict(
          ConflictKind.MOVEMENT_ZONE,
          "m-3",
          "z \"1\"",
          "US",
          "RU",
          Instant.parse("2022-10-08T10:29:27.462Z"),
          Instant.parse("2022-10-09T12:49:41Z"),
          Optional.empty());

  @Test
  void writesOneConflictPerLineWithRoundedNumbers() throws IOException {
    StringWriter out = new StringWriter();

    JsonReport.write(List.of(MOVEMENTS, ZONE), out);

    assertThat(out.toString())
        .isEqualTo(
            """
            {"conflicts": [
              {"kind": "movement-movement", "a": "m-1", "b": "m-2", "parties": ["RU", "US"], \
            "start": "2022-10-08T08:39:50.825Z", "end": "2022-10-08T08:41:09Z", \
            "closest": {"time": "2022-10-08T08:40:29.630Z", "distanceMeters": 12.35, \
            "a": [41.3866701, 37.02952], "b": [0, -37.5]}},
              {"kind": "movement-zone", "a": "m-3", "b": "z \\"1\\"", "parties": ["US", "RU"], \
            "start": "2022-10-08T10:29:27.462Z", "end": "2022-10-09T12:49:41Z"}
            ]}
            """);
  }

  @Test
  void writesAnEmptyListOnOneLine() throws IOException {
    StringWriter out = new StringWriter();

    JsonReport.write(List.of(), out);

    assertThat(out.toString()).isEqualTo("{\"conflicts\": []}\n");
  }

  @Test
  void roundsHalfEvenWithoutTrailingZerosOrExponents() {
    assertThat(Decimals.round(1500.0, 2)).isEqualTo("1500");
    assertThat(Decimals.round(0.004, 2)).isEqualTo("0");
    assertThat(Decimals.round(0.125, 2)).isEqualTo("0.12");
    assertThat(Decimals.round(1e-7, 7)).isEqualTo("0.0000001");
    assertThat(Decimals.round(123456.789, 2)).isEqualTo("123456.79");
  }
}
