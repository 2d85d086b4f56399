package io.deconflict.tak.cot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link TakProtocolFuzzTest}: a TAK protocol {@code sendTime} is an unsigned 64-bit count
 * of milliseconds, and a huge one read as a time 156 million years before year 1; CoT's XML time
 * format writes the year of the era, so XML clients got the event at another time (and a time
 * before year 1 from XML came back shifted too). Times before the year 0001 are now refused, from
 * either codec.
 */
class TakProtocolTimeOutOfRangeTest {

  @Test
  void aSendTimeBeforeYearOneIsRefused() throws IOException {
    assertThatThrownBy(() -> TakProtocol.decode(message(-4_929_772_860_428_083_461L)))
        .isInstanceOf(CotException.class)
        .hasMessageStartingWith("event ANDROID-1: time ")
        .hasMessageEndingWith(" is before the year 0001");
  }

  @Test
  void anXmlTimeBeforeYearOneIsRefused() {
    byte[] xml =
        ("<event uid=\"ANDROID-1\" type=\"a-f-G\" time=\"-0001-06-01T00:00:00Z\""
                + " stale=\"2022-10-08T09:00:00Z\"><point lat=\"37\" lon=\"41\"/></event>")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CotEvent.of(CotXml.parse(xml)))
        .isInstanceOf(CotException.class)
        .hasMessage("event ANDROID-1: time -0001-06-01T00:00:00Z is before the year 0001");
  }

  /** A TakMessage holding one event sent at {@code sendTime} (written as uint64). */
  private static byte[] message(long sendTime) throws IOException {
    return RawTakMessage.event("ANDROID-1", "", sendTime);
  }
}
