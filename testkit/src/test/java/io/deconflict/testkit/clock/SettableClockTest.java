package io.deconflict.testkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettableClockTest {

  private static final Instant T0 = Instant.parse("2022-10-08T06:00:00Z");

  @Test
  void standsStillUntilMoved() {
    SettableClock clock = SettableClock.at(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

    clock.advance(Duration.ofMinutes(11));
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(11)));
    clock.set(T0.minusSeconds(1));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(1));
    clock.advance(Duration.ofNanos(1));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(1).plusNanos(1));
  }

  @Test
  void advanceToNeverGoesBack() {
    SettableClock clock = SettableClock.at(T0);
    clock.advanceTo(T0.plusSeconds(10));
    clock.advanceTo(T0.plusSeconds(5));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void refusesToAdvanceBackwards() {
    SettableClock clock = SettableClock.at(T0);
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-1S");
  }

  @Test
  void advanceToFromManyThreadsKeepsTheLatest() throws InterruptedException {
    SettableClock clock = SettableClock.at(T0);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int offset = t;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  clock.advanceTo(T0.plusMillis(i * 8L + offset));
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(clock.instant()).isEqualTo(T0.plusMillis(9_999 * 8L + 7));
  }

  @Test
  void aZonedViewReadsTheSameInstant() {
    SettableClock clock = SettableClock.at(T0);
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofHours(1));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    assertThat(paris.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }
}
