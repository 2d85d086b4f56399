package io.deconflict.tak.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The round trips an accepted event must survive, for the codec fuzz tests. */
final class RoundTrips {

  private RoundTrips() {}

  /**
   * Writes {@code event} as XML and as TAK protocol and reads both back: each reads (no refusal),
   * and gives the same event, as far as the format keeps it (times to the millisecond).
   */
  static void check(CotEvent event) {
    byte[] xml = event.toXmlBytes();
    CotEvent fromXml;
    try {
      fromXml = CotEvent.of(CotXml.parse(xml));
    } catch (CotException e) {
      throw new AssertionError(
          "an accepted event written as XML is refused: " + new String(xml, StandardCharsets.UTF_8),
          e);
    }
    assertSame(fromXml, event);
    assertThat(new String(fromXml.toXmlBytes(), StandardCharsets.UTF_8))
        .isEqualTo(new String(xml, StandardCharsets.UTF_8));

    byte[] proto = TakProtocol.encode(event);
    @Nullable CotEvent decoded;
    try {
      decoded = TakProtocol.decode(proto).event();
    } catch (CotException e) {
      throw new AssertionError("an accepted event written as TAK protocol is refused", e);
    }
    CotEvent fromProto = Objects.requireNonNull(decoded, "the event written as TAK protocol");
    assertSame(fromProto, event);
    assertThat(HexFormat.of().formatHex(TakProtocol.encode(fromProto)))
        .as("%s\nread back as\n%s", event.toElement().toXml(), fromProto.toElement().toXml())
        .isEqualTo(HexFormat.of().formatHex(proto));
  }

  private static void assertSame(CotEvent actual, CotEvent expected) {
    assertThat(actual.uid()).isEqualTo(expected.uid());
    assertThat(actual.type()).isEqualTo(expected.type());
    assertThat(actual.how()).isEqualTo(expected.how());
    assertThat(actual.time().toEpochMilli()).isEqualTo(expected.time().toEpochMilli());
    assertThat(actual.start().toEpochMilli()).isEqualTo(expected.start().toEpochMilli());
    assertThat(actual.stale().toEpochMilli()).isEqualTo(expected.stale().toEpochMilli());
    assertThat(actual.lat()).isEqualTo(expected.lat());
    assertThat(actual.lon()).isEqualTo(expected.lon());
    assertThat(actual.hae()).isEqualTo(expected.hae());
    assertThat(actual.ce()).isEqualTo(expected.ce());
    assertThat(actual.le()).isEqualTo(expected.le());
  }
}
