package io.deconflict.tak.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link TakProtocolFuzzTest} in a fresh clone's CI run (2026-12-07): a TAK protocol event
 * whose point had {@code le} = NaN was accepted, and its XML form ({@code le="NaN"}) was then
 * refused by the XML reader, so XML clients could not read what the service passed on. Heights and
 * errors that are not finite numbers are now refused from either codec.
 */
class TakProtocolNonFinitePointErrorTest {

  @Test
  void aNaNLinearErrorIsRefused() throws IOException {
    assertThatThrownBy(
            () -> TakProtocol.decode(RawTakMessage.event("ANDROID-0", "", 1, Double.NaN)))
        .isInstanceOf(CotException.class)
        .hasMessage("event ANDROID-0: <point> le=NaN is not a number");
  }

  @Test
  void anInfiniteLinearErrorIsRefused() throws IOException {
    byte[] message = RawTakMessage.event("ANDROID-0", "", 1, Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> TakProtocol.decode(message))
        .isInstanceOf(CotException.class)
        .hasMessage("event ANDROID-0: <point> le=Infinity is not a number");
  }

  @Test
  void aFiniteLinearErrorStillRoundTripsThroughXml() throws IOException {
    CotEvent event =
        Objects.requireNonNull(
            TakProtocol.decode(RawTakMessage.event("ANDROID-0", "", 1, 12.5)).event());

    assertThat(CotEvent.of(CotXml.parse(event.toXmlBytes())).le()).isEqualTo(12.5);
  }
}
