package io.deconflict.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

  private static final Instant T0 = Instant.parse("2022-10-08T04:00:00Z");
  private final AtomicLong nanos = new AtomicLong(1_000);

  private void advanceRealSeconds(double s) {
    nanos.addAndGet((long) (s * 1e9));
  }

  @Test
  void runsAtItsSpeedAndStopsWhenPaused() {
    SimulatedClock clock = new SimulatedClock(T0, 60, false, nanos::get);
    advanceRealSeconds(2);
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(120));
    clock.pause();
    advanceRealSeconds(10);
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(120));
    clock.resume();
    clock.setSpeed(600);
    advanceRealSeconds(1);
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(720));
  }

  @Test
  void startsPausedAndIsSetForwardButNeverBack() {
    SimulatedClock clock = new SimulatedClock(T0, 60, true, nanos::get);
    advanceRealSeconds(5);
    assertThat(clock.instant()).isEqualTo(T0);
    clock.setTo(T0.plusSeconds(3600));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(3600));
    assertThatThrownBy(() -> clock.setTo(T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not run backwards");
    assertThatThrownBy(() -> clock.setSpeed(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.withZone(java.time.ZoneOffset.ofHours(3)).instant())
        .isEqualTo(clock.instant());
  }

  @Test
  void aHoldStopsTheClockUntilItIsMovedAndTheWaitIsNotMadeUp() {
    SimulatedClock clock = new SimulatedClock(T0, 60, false, nanos::get);
    clock.holdAt(T0.plusSeconds(60));
    advanceRealSeconds(5);
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(60));
    clock.holdAt(null);
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(60));
    advanceRealSeconds(1);
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(120));
    clock.holdAt(T0.plusSeconds(3600));
    clock.setTo(T0.plusSeconds(7200));
    assertThat(clock.hold()).isNull();
  }
}
