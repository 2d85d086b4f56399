package io.deconflict.tak;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the {@link Framer}, which cuts a TAK connection's byte stream into CoT documents and TAK
 * protocol frames (docs/fuzzing.md). Property: no input throws; every XML frame is one document
 * that ends in {@code </event>} or {@code </auth>}, and no frame is longer than the limit; and the
 * frames cut from a stream do not depend on how the stream was split into reads, as long as no
 * document nears the limit. Seeds: {@code FramerFuzzTestInputs/frame} (the last 8 bytes pick the
 * splits, the rest is the stream).
 */
class FramerFuzzTest {

  private static final int MAX_EVENT_BYTES = 4096;

  @FuzzTest
  @DictionaryEntries({
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE",
    "<event ",
    "<event>",
    "</event>",
    "<auth>",
    "</auth>",
    "<point/>",
    "\u00bf"
  })
  void frame(FuzzedDataProvider data) {
    long splitSeed = data.consumeLong();
    byte[] stream = data.consumeRemainingAsBytes();
    if (stream.length > MAX_EVENT_BYTES / 2) {
      stream = Arrays.copyOf(stream, MAX_EVENT_BYTES / 2);
    }
    List<Frame> whole = frames(stream, new int[] {stream.length});
    List<Frame> split = frames(stream, splits(stream.length, splitSeed));
    for (Frame f : whole) {
      if (f instanceof Frame.Xml xml) {
        String text = new String(xml.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(text).matches("(?s).*(</event>|</auth>)");
        assertThat(xml.bytes().length).isLessThanOrEqualTo(MAX_EVENT_BYTES);
      } else if (f instanceof Frame.Proto proto) {
        assertThat(proto.bytes().length).isLessThanOrEqualTo(MAX_EVENT_BYTES);
      } else if (f instanceof Frame.Refused refused) {
        assertThat(refused.message()).isNotBlank();
      }
    }
    assertThat(accepted(split)).isEqualTo(accepted(whole));
  }

  /** The stream fed in reads of these lengths; the frames that come out. */
  private static List<Frame> frames(byte[] stream, int[] reads) {
    EmbeddedChannel channel = new EmbeddedChannel(new Framer(MAX_EVENT_BYTES));
    int at = 0;
    for (int n : reads) {
      channel.writeInbound(Unpooled.wrappedBuffer(stream, at, n));
      channel.checkException();
      at += n;
    }
    List<Frame> out = new ArrayList<>();
    for (Object o; (o = channel.readInbound()) != null; ) {
      out.add((Frame) o);
    }
    channel.finishAndReleaseAll();
    return out;
  }

  /** Reads of 1 to 64 bytes that add up to {@code length}, from a seed. */
  private static int[] splits(int length, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    List<Integer> reads = new ArrayList<>();
    for (int left = length; left > 0; ) {
      int n = Math.min(left, 1 + random.nextInt(64));
      reads.add(n);
      left -= n;
    }
    return reads.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The accepted frames, as text to compare. */
  private static List<String> accepted(List<Frame> frames) {
    List<String> out = new ArrayList<>();
    for (Frame f : frames) {
      if (f instanceof Frame.Xml xml) {
        out.add("xml " + new String(xml.bytes(), StandardCharsets.ISO_8859_1));
      } else if (f instanceof Frame.Proto proto) {
        out.add("proto " + Arrays.toString(proto.bytes()));
      }
    }
    return out;
  }
}
