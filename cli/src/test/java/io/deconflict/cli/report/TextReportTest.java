package io.deconflict.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {

  @Test
  void writesAnAlignedTableAndASummary() {
    StringWriter out = new StringWriter();

    TextReport.write(
        List.of(JsonReportTest.MOVEMENTS, JsonReportTest.ZONE),
        new Inventory(2, 0, 1),
        new PrintWriter(out));

    assertThat(out.toString().lines().toList())
        .containsExactly(
            "KIND               A    B      PARTIES  START                     END        "
                + "           DURATION      CLOSEST                   DISTANCE (m)",
            "movement-movement  m-1  m-2    RU/US    2022-10-08T08:39:50.825Z  2022-10-08T08:41:09Z"
                + "  0:01:18.175   2022-10-08T08:40:29.630Z         12.35",
            "movement-zone      m-3  z \"1\"  US/RU    2022-10-08T10:29:27.462Z  2022-10-09T12:49:41Z"
                + "  26:20:13.538  -                                    -",
            "",
            "2 conflicts among 3 items (2 movements, 0 sites, 1 zone)");
  }

  @Test
  void summaryIsSingularForOne() {
    assertThat(TextReport.summary(1, new Inventory(1, 1, 0)))
        .isEqualTo("1 conflict among 2 items (1 movement, 1 site, 0 zones)");
    assertThat(TextReport.summary(0, new Inventory(0, 0, 0)))
        .isEqualTo("0 conflicts among 0 items (0 movements, 0 sites, 0 zones)");
  }

  @Test
  void durationsShowHoursMinutesSecondsAndMillisWhenNotWhole() {
    assertThat(TextReport.duration(Duration.ofSeconds(59))).isEqualTo("0:00:59");
    assertThat(TextReport.duration(Duration.ofMillis(3_723_004))).isEqualTo("1:02:03.004");
    assertThat(TextReport.duration(Duration.ofDays(2))).isEqualTo("48:00:00");
  }
}
