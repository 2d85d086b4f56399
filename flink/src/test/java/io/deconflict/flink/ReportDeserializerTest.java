package io.deconflict.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.engine.live.LiveTracker;
import io.deconflict.engine.live.PositionReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message of the reports topic read, and refused naming what is wrong; a tracker's bytes. */
class ReportDeserializerTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aReportIsReadWithItsOptionalFields() {
    UnitReport r =
        ReportDeserializer.parse(
            utf8("blue/u-1"),
            utf8(
                "{\"party\":\"blue\",\"unit\":\"u-1\",\"time\":\"2027-03-01T08:00:00.250Z\","
                    + "\"lon\":40.1,\"lat\":36.9,\"course\":90,\"speed\":12.5}"),
            42);
    assertThat(r)
        .isEqualTo(
            new UnitReport(
                "blue/u-1",
                42,
                "blue",
                "u-1",
                Instant.parse("2027-03-01T08:00:00.250Z").toEpochMilli(),
                40.1,
                36.9,
                90,
                12.5,
                Double.NaN));
  }

  @Test
  void aBadMessageIsRefusedNamingWhatIsWrong() {
    String ok =
        "{\"party\":\"blue\",\"unit\":\"u-1\",\"time\":\"2027-03-01T08:00:00Z\",\"lon\":40.1,";
    assertThatThrownBy(() -> ReportDeserializer.parse(utf8("red/u-1"), utf8(ok + "\"lat\":36}"), 1))
        .hasMessageContaining("its key \"red/u-1\" is not party/unit \"blue/u-1\"");
    assertThatThrownBy(
            () -> ReportDeserializer.parse(utf8("blue/u-1"), utf8(ok + "\"lat\":88}"), 1))
        .hasMessageContaining("latitude 88.0 is beyond");
    assertThatThrownBy(
            () ->
                ReportDeserializer.parse(
                    utf8("blue/u-1"), utf8(ok.replace(",\"lon\":40.1,", ",\"lon\":40.1}")), 1))
        .hasMessageContaining("lat is required");
    assertThatThrownBy(
            () ->
                ReportDeserializer.parse(
                    utf8("blue/u-1"), utf8(ok + "\"lat\":36,\"speed\":\"fast\"}"), 1))
        .hasMessageContaining("speed must be a number, got \"fast\"");
    assertThatThrownBy(
            () ->
                ReportDeserializer.parse(
                    utf8("blue/u-1"),
                    utf8(ok.replace("08:00:00Z", "8 o'clock") + "\"lat\":36}"),
                    1))
        .hasMessageContaining("time must be an ISO-8601 instant, got \"2027-03-01T8 o'clock\"");
    assertThatThrownBy(() -> ReportDeserializer.parse(utf8("blue/u-1"), null, 1))
        .hasMessageContaining("no value");
    assertThatThrownBy(() -> ReportDeserializer.parse(new byte[0], utf8(ok), 1))
        .hasMessageContaining("no key");
  }

  @Test
  void aTrackersBytesRestoreATrackerThatAnswersAlike() {
    LiveTracker a = new LiveTracker(CellTracker.settings(1000));
    List<UnitReport> reports = UnitScenario.reports(3, 60, Duration.ofMinutes(6).toMillis());
    int half = reports.size() / 2;
    for (UnitReport r : reports.subList(0, half)) {
      a.report(r.toPositionReport());
    }
    assertThat(a.encounters()).isNotEmpty();
    LiveTracker b =
        LiveTracker.restore(a.settings(), TrackerBytes.read(TrackerBytes.write(a.state())));
    assertThat(b.state()).isEqualTo(a.state());
    for (UnitReport r : reports.subList(half, reports.size())) {
      PositionReport p = r.toPositionReport();
      assertThat(b.report(p)).isEqualTo(a.report(p));
    }
  }
}
