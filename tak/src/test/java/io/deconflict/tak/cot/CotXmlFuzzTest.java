package io.deconflict.tak.cot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the Cursor on Target XML codec: {@link CotXml#parse} and {@link CotEvent#of}
 * (docs/fuzzing.md). Property: a refused document is a {@link CotException} whose message says what
 * is wrong; an accepted document written back reads again to the same XML, and an accepted event
 * written back as XML and as TAK protocol reads again to the same event (times to the millisecond,
 * as CoT writes them). Seeds: {@code CotXmlFuzzTestInputs/parse}.
 */
class CotXmlFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<event",
    "</event>",
    "<auth>",
    "<point",
    "<detail>",
    "</detail>",
    "<contact",
    "<__group",
    "<track",
    "<status",
    "<remarks>",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE",
    "&amp;",
    "&#10;",
    " uid=\"",
    " type=\"a-f-G-U-C\"",
    " time=\"2022-10-08T09:00:00.000Z\"",
    " start=\"",
    " stale=\"",
    " lat=\"",
    " lon=\"",
    " hae=\"",
    " battery=\"",
    " speed=\"",
    " callsign=\""
  })
  void parse(byte[] input) {
    Element root;
    try {
      root = CotXml.parse(input);
    } catch (CotException e) {
      assertThat(e.getMessage()).as("a refusal says what is wrong").isNotBlank();
      return;
    }
    String xml = root.toXml();
    Element again = reread(xml.getBytes(StandardCharsets.UTF_8), xml);
    assertThat(again.toXml()).isEqualTo(xml);
    if (!root.name().equals("event")) {
      return;
    }
    CotEvent event;
    try {
      event = CotEvent.of(root);
    } catch (CotException e) {
      assertThat(e.getMessage()).as("a refusal says what is wrong").isNotBlank();
      return;
    }
    RoundTrips.check(event);
  }

  private static Element reread(byte[] bytes, String what) {
    try {
      return CotXml.parse(bytes);
    } catch (CotException e) {
      throw new AssertionError("accepted XML written back is refused: " + what, e);
    }
  }
}
