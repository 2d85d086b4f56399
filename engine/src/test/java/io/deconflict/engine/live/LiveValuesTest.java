package io.deconflict.engine.live;

import static io.deconflict.engine.live.Geo.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.engine.geo.GeoPoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation of position reports and settings: clear messages quoting the bad value. */
class LiveValuesTest {

  private static PositionReport report(
      double lon, double lat, double course, double speed, double accuracy) {
    return new PositionReport("u1", "US", T0, lon, lat, course, speed, accuracy);
  }

  @Test
  void reportsRefuseBadValuesAndQuoteThem() {
    assertThatThrownBy(() -> report(180.5, 36, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("US/u1")
        .hasMessageContaining("longitude")
        .hasMessageContaining("180.5");
    assertThatThrownBy(() -> report(Double.NaN, 36, 0, 1, 1)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> report(40, 91, 0, 1, 1)).hasMessageContaining("[-90, 90], got 91.0");
    assertThatThrownBy(() -> report(40, -85.2, 0, 1, 1))
        .hasMessageContaining("latitude -85.2")
        .hasMessageContaining("tactical use");
    assertThatThrownBy(() -> report(40, 36, 360, 1, 1)).hasMessageContaining("got 360.0");
    assertThatThrownBy(() -> report(40, 36, -1, 1, 1)).hasMessageContaining("got -1.0");
    assertThatThrownBy(() -> report(40, 36, 0, 351, 1)).hasMessageContaining("got 351.0");
    assertThatThrownBy(() -> report(40, 36, 0, -0.5, 1)).hasMessageContaining("got -0.5");
    assertThatThrownBy(() -> report(40, 36, 0, 1, -2)).hasMessageContaining("got -2.0");
    assertThatThrownBy(() -> PositionReport.of(" ", "US", T0, 40, 36))
        .hasMessageContaining("unit must not be blank");
    assertThatThrownBy(() -> PositionReport.of("u1", "", T0, 40, 36))
        .hasMessageContaining("party must not be blank");
  }

  @Test
  void reportsAcceptTheLimitsAndAbsentValues() {
    assertThat(report(-180, 85, 359.999, 350, 0).hasVelocity()).isTrue();
    assertThat(report(180, -85, Double.NaN, Double.NaN, Double.NaN).hasVelocity()).isFalse();
    assertThat(report(40, 36, Double.NaN, 0, Double.NaN).hasVelocity()).isTrue();
    assertThat(report(40, 36, 90, Double.NaN, Double.NaN).hasVelocity()).isFalse();
  }

  @Test
  void settingsRefuseBadValues() {
    LiveSettings d = LiveSettings.DEFAULT;
    assertThat(d.lookAhead()).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.stale()).isEqualTo(Duration.ofMinutes(2));
    assertThat(d.hysteresisFraction()).isEqualTo(0.25);
    assertThatThrownBy(() -> d.withHysteresisFraction(1.5)).hasMessageContaining("got 1.5");
    assertThatThrownBy(() -> d.withDefaultSeparationMeters(0)).hasMessageContaining("got 0.0");
    assertThatThrownBy(
            () ->
                new LiveSettings(
                    d.lookAhead(),
                    d.stale(),
                    d.advisory(),
                    Duration.ofMinutes(20),
                    d.warning(),
                    0.25,
                    1000,
                    1000,
                    d.conformanceTime()))
        .hasMessageContaining("caution PT20M must not exceed advisory PT15M");
    assertThatThrownBy(
            () ->
                new LiveSettings(
                    Duration.ofHours(2),
                    d.stale(),
                    d.advisory(),
                    d.caution(),
                    d.warning(),
                    0.25,
                    1000,
                    1000,
                    d.conformanceTime()))
        .hasMessageContaining("got PT2H");
    assertThatThrownBy(
            () ->
                new LiveSettings(
                    d.lookAhead(),
                    Duration.ZERO,
                    d.advisory(),
                    d.caution(),
                    d.warning(),
                    0.25,
                    1000,
                    1000,
                    d.conformanceTime()))
        .hasMessageContaining("stale must be positive, got PT0S");
  }

  @Test
  void trackCourseSpeedAndStaleness() {
    Track t = new Track("u1", "US", T0, GeoPoint.of(40, 36), -3, -4, Duration.ofMinutes(2));
    assertThat(t.speedMps()).isEqualTo(5);
    assertThat(t.courseDegrees()).isBetween(216.86, 216.87);
    assertThat(t.key()).isEqualTo("US/u1");
    assertThat(t.stale(T0.plusSeconds(120))).isFalse();
    assertThat(t.stale(T0.plusMillis(120_001))).isTrue();
    assertThatThrownBy(
            () ->
                new Track(
                    "u1", "US", T0, GeoPoint.of(40, 36), Double.NaN, 0, Duration.ofMinutes(2)))
        .hasMessageContaining("NaN");
  }

  @Test
  void keysCompareAsPartySlashUnit() {
    String[][] ids = {{"US", "a"}, {"US-x", "a"}, {"U", "S"}, {"RU", "zz"}, {"US", ""}};
    for (String[] x : ids) {
      for (String[] y : ids) {
        assertThat(Integer.signum(Keys.compare(x[0], x[1], y[0], y[1])))
            .as("%s/%s vs %s/%s", x[0], x[1], y[0], y[1])
            .isEqualTo(Integer.signum((x[0] + "/" + x[1]).compareTo(y[0] + "/" + y[1])));
      }
    }
  }
}
