package io.deconflict.tak.cot;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link CotXmlFuzzTest} and {@link TakProtocolFuzzTest}: Woodstox reads coalesced text
 * lazily and reports its errors (a CDATA section cut off by the end of the document, an entity
 * reference without its semicolon) as an unchecked {@code WstxLazyException}, which escaped {@link
 * CotXml} instead of a {@link CotException}; from a TAK protocol message's {@code xmlDetail} it
 * escaped {@link TakProtocol#decode} as well.
 */
class CotXmlUncheckedParseErrorTest {

  @Test
  void aCdataSectionCutOffByTheEndIsACotException() {
    byte[] xml =
        "<event uid=\"a\"><detail><remarks><![CDATA[hello".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> CotXml.parse(xml))
        .isInstanceOf(CotException.class)
        .hasMessageStartingWith("malformed XML: ")
        .hasMessageContaining("CDATA");
  }

  @Test
  void anEntityReferenceWithoutItsSemicolonInXmlDetailIsACotException() {
    assertThatThrownBy(() -> CotXml.parseDetail("<remarks>hello &amp4 more</remarks>"))
        .isInstanceOf(CotException.class)
        .hasMessageStartingWith("malformed XML: ")
        .hasMessageContaining("semi-colon");
  }
}
