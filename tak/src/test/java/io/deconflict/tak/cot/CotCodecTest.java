package io.deconflict.tak.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The CoT codec: XML and TAK protocol version 1 both carry every part of an event, the detail
 * content this service does not know included, and refuse what is not CoT with a message that says
 * what and where.
 */
class CotCodecTest {

  private static final String ATOM =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          + "<event version=\"2.0\" uid=\"ANDROID-1\" type=\"a-f-G-U-C\" how=\"m-g\""
          + " time=\"2027-10-08T08:00:00.123Z\" start=\"2027-10-08T08:00:00.123Z\""
          + " stale=\"2027-10-08T08:02:00Z\">"
          + "<point lat=\"36.99\" lon=\"41.92\" hae=\"210.5\" ce=\"4.9\" le=\"9999999.0\"/>"
          + "<detail><contact endpoint=\"*:-1:stcp\" callsign=\"VIPER 1\"/>"
          + "<__group name=\"Cyan\" role=\"Team Lead\"/><track course=\"92.5\" speed=\"12.0\"/>"
          + "<takv device=\"SM-G\" platform=\"ATAK-CIV\" os=\"33\" version=\"4.10\"/>"
          + "<status battery=\"87\"/>"
          + "<x_vendor a=\"1\"><inner>text &amp; more</inner></x_vendor>"
          + "<contact_note>x</contact_note></detail></event>";

  @Test
  void xmlIsReadWithEveryPartAndWrittenBack() {
    CotEvent e = CotEvent.of(CotXml.parse(ATOM.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.uid()).isEqualTo("ANDROID-1");
    assertThat(e.time()).isEqualTo(Instant.parse("2027-10-08T08:00:00.123Z"));
    assertThat(e.lat()).isEqualTo(36.99);
    assertThat(e.hae()).isEqualTo(210.5);
    assertThat(e.detail().child("x_vendor").flatMap(x -> x.child("inner")).map(Element::text))
        .contains("text & more");
    CotEvent again = CotEvent.of(CotXml.parse(e.toXmlBytes()));
    assertThat(again.detail().toXml()).isEqualTo(e.detail().toXml());
    assertThat(again).usingRecursiveComparison().ignoringFields("detail").isEqualTo(e);
  }

  @Test
  void takProtocolCarriesStructuredAndUnknownDetail() {
    CotEvent e = CotEvent.of(CotXml.parse(ATOM.getBytes(StandardCharsets.UTF_8)));
    byte[] frame = TakProtocol.frame(TakProtocol.encode(e));
    assertThat(frame[0] & 0xFF).isEqualTo(0xBF);
    byte[] message = java.util.Arrays.copyOfRange(frame, 1 + (frame[1] < 0 ? 2 : 1), frame.length);
    CotEvent back = java.util.Objects.requireNonNull(TakProtocol.decode(message).event());
    assertThat(back.uid()).isEqualTo("ANDROID-1");
    assertThat(back.time()).isEqualTo(e.time());
    assertThat(back.lon()).isEqualTo(41.92);
    assertThat(back.detail().child("contact").flatMap(c -> c.attr("callsign"))).contains("VIPER 1");
    assertThat(back.detail().child("__group").flatMap(c -> c.attr("role"))).contains("Team Lead");
    assertThat(back.detail().child("track").flatMap(c -> c.attr("course"))).contains("92.5");
    assertThat(back.detail().child("status").flatMap(c -> c.attr("battery"))).contains("87");
    assertThat(back.detail().child("takv").flatMap(c -> c.attr("platform"))).contains("ATAK-CIV");
    assertThat(back.detail().child("x_vendor").flatMap(x -> x.child("inner")).map(Element::text))
        .contains("text & more");
    assertThat(back.detail().child("contact_note").map(Element::text)).contains("x");
  }

  @Test
  void aTakMessageFromAnotherEncoderIsRead() throws Exception {
    // a TakMessage written field by field as takmessage.proto defines it, with an unknown field
    ByteArrayOutputStream detail = new ByteArrayOutputStream();
    CodedOutputStream d = CodedOutputStream.newInstance(detail);
    d.writeString(1, "<remarks>hello</remarks>");
    ByteArrayOutputStream contact = new ByteArrayOutputStream();
    CodedOutputStream c = CodedOutputStream.newInstance(contact);
    c.writeString(2, "BRAVO");
    c.flush();
    d.writeByteArray(2, contact.toByteArray());
    d.flush();
    ByteArrayOutputStream cot = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(cot);
    o.writeString(1, "a-h-G");
    o.writeString(5, "u-9");
    o.writeUInt64(6, 1_800_000_000_000L);
    o.writeUInt64(7, 1_800_000_000_000L);
    o.writeUInt64(8, 1_800_000_060_000L);
    o.writeString(9, "m-g");
    o.writeDouble(10, 36.5);
    o.writeDouble(11, 40.5);
    o.writeString(99, "a field from the future");
    o.writeByteArray(15, detail.toByteArray());
    o.flush();
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    CodedOutputStream m = CodedOutputStream.newInstance(msg);
    m.writeByteArray(2, cot.toByteArray());
    m.flush();
    CotEvent e = java.util.Objects.requireNonNull(TakProtocol.decode(msg.toByteArray()).event());
    assertThat(e.type()).isEqualTo("a-h-G");
    assertThat(e.stale()).isEqualTo(Instant.ofEpochMilli(1_800_000_060_000L));
    assertThat(e.detail().child("contact").flatMap(x -> x.attr("callsign"))).contains("BRAVO");
    assertThat(e.detail().child("remarks").map(Element::text)).contains("hello");
  }

  @Test
  void whatIsNotCotIsRefusedNamingTheProblem() {
    assertThatThrownBy(
            () -> CotXml.parse("<event uid=\"x\"><point".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CotException.class)
        .hasMessageContaining("malformed XML");
    assertThatThrownBy(
            () ->
                CotEvent.of(
                    CotXml.parse(
                        "<event uid=\"x\" type=\"a-f-G\" time=\"2027-10-08T08:00:00Z\" stale=\"2027-10-08T08:00:00Z\"/>"
                            .getBytes(StandardCharsets.UTF_8))))
        .hasMessage("event x: <point> is missing");
    assertThatThrownBy(
            () ->
                CotEvent.of(
                    CotXml.parse(
                        ATOM.replace("lat=\"36.99\"", "lat=\"136.99\"")
                            .getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("is not on the Earth");
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      deep.append("<a>");
    }
    assertThatThrownBy(() -> CotXml.parseDetail(deep.toString()))
        .hasMessageContaining("nested deeper than 32");
    assertThatThrownBy(() -> TakProtocol.decode(new byte[] {0x12, 0x7F, 0x01}))
        .hasMessageContaining("not a TAK protocol message");
  }
}
