package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.tak.cot.CotEvent;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, item 7: forwarded units lost their altitude ({@code hae} and {@code le} went out as
 * unknown). The other party now sees the height its owner reported; a unit reported without one
 * stays unknown.
 */
class ForwardedUnitKeepsAltitudeTest extends ListenerTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theOtherPartySeesTheReportedHeight(boolean protocol) throws Exception {
    try (TakClient us = tak.client("us-officer", "ANDROID-us-1");
        TakClient ru = tak.client("ru-officer", "ANDROID-ru-1")) {
      if (protocol) {
        ru.negotiate();
      }
      // hae 200 m, le 10 m
      us.send(TakClient.atom("ANDROID-us-1", "a-f-A-M-H", 37.0, 41.0, 0, 0, Instant.now()));
      CotEvent seen = ru.await(e -> e.uid().equals("ANDROID-us-1"), WAIT);
      assertThat(seen.hae()).isEqualTo(200.0);
      assertThat(seen.le()).isEqualTo(10.0);

      CotEvent flat =
          new CotEvent(
              "ANDROID-us-2",
              "a-f-G",
              "m-g",
              Instant.now(),
              Instant.now(),
              Instant.now().plusSeconds(60),
              37.1,
              41.1,
              CotEvent.UNKNOWN,
              CotEvent.UNKNOWN,
              CotEvent.UNKNOWN,
              new io.deconflict.tak.cot.Element("detail"));
      us.send(flat);
      CotEvent unknown = ru.await(e -> e.uid().equals("ANDROID-us-2"), WAIT);
      assertThat(unknown.hae()).isEqualTo(CotEvent.UNKNOWN);
    }
  }
}
