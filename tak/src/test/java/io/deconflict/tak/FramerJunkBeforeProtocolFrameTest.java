package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by {@link FramerFuzzTest}: how bytes that are not CoT were skipped depended on how the
 * connection's reads fell, and where a skip happened to end on a {@code 0xBF} byte the connection
 * switched to TAK protocol, so that the XML events after the junk were lost; skipping the same junk
 * in one read passed over it. A {@code 0xBF} among skipped bytes now never switches, in any read
 * pattern, and the XML that follows the junk is read.
 */
class FramerJunkBeforeProtocolFrameTest {

  private static final byte[] STREAM =
      "?xxxxxxxxxxxxxxxxx\u00bf\u0003abcxxxxxxxxxxxxxxxxxxxx<auth><cot/></auth>"
          .getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void junkIsSkippedInOneReadAndTheXmlAfterItRead() {
    assertThat(frames(STREAM.length)).containsExactly("xml <auth><cot/></auth>");
  }

  @Test
  void junkIsSkippedAlikeInReadsOfAnyLength() {
    for (int n = 1; n < STREAM.length; n++) {
      assertThat(frames(n)).as("reads of %d bytes", n).containsExactly("xml <auth><cot/></auth>");
    }
  }

  private static List<String> frames(int readBytes) {
    EmbeddedChannel channel = new EmbeddedChannel(new Framer(4096));
    for (int at = 0; at < STREAM.length; at += readBytes) {
      channel.writeInbound(
          Unpooled.wrappedBuffer(STREAM, at, Math.min(readBytes, STREAM.length - at)));
    }
    List<String> out = new ArrayList<>();
    for (Object o; (o = channel.readInbound()) != null; ) {
      if (o instanceof Frame.Proto p) {
        out.add("proto " + new String(p.bytes(), StandardCharsets.ISO_8859_1));
      } else if (o instanceof Frame.Xml x) {
        out.add("xml " + new String(x.bytes(), StandardCharsets.ISO_8859_1));
      }
    }
    channel.finishAndReleaseAll();
    return out;
  }
}
