package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, item 3: on reconnection the other party's unit arrived with a generic CoT type ({@code
 * a-h-G} instead of the {@code a-h-G-U-C} it reports), so its symbol changed twice. A client that
 * signs in now sees the unit as the live fan-out showed it: the reported type (with the viewer's
 * affiliation) and its altitude.
 */
class ReconnectedClientSeesReportedUnitTypeTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path data;
  private TakFixture tak;

  @BeforeEach
  void start() {
    // us sees ru as hostile, as in the issue
    tak =
        new TakFixture(
            data,
            s ->
                new TakSettings(
                    s.host(),
                    s.tcpPort(),
                    s.tlsPort(),
                    s.tls(),
                    s.certificates(),
                    s.maxEventBytes(),
                    s.maxClientBufferBytes(),
                    java.util.Map.of("us", java.util.Map.of("ru", "h"))));
  }

  @AfterEach
  void stop() {
    tak.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theUnitArrivesWithTheTypeItReports(boolean protocol) throws Exception {
    try (TakClient ru = tak.client("ru-officer", "ANDROID-ru-1");
        TakClient us = tak.client("us-officer", "ANDROID-us-1")) {
      ru.send(TakClient.atom("ANDROID-ru-1", "a-f-G-U-C", 37.0, 41.0, 0, 0, Instant.now()));
      CotEvent live = us.await(e -> e.uid().equals("ANDROID-ru-1"), WAIT);
      assertThat(live.type()).isEqualTo("a-h-G-U-C");
    }
    try (TakClient again = TakClient.connect(tak.listener.tcpPort(), "ANDROID-us-1")) {
      again.auth("us-officer");
      if (protocol) {
        again.negotiate();
      }
      CotEvent onConnect = again.await(e -> e.uid().equals("ANDROID-ru-1"), WAIT);
      assertThat(onConnect.type()).isEqualTo("a-h-G-U-C");
      assertThat(onConnect.hae()).isEqualTo(200.0);
      assertThat(onConnect.detail().child("x_custom")).isEmpty(); // ru shares positions only
    }
  }
}
