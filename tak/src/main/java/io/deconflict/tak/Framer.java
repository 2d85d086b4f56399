package io.deconflict.tak;

import io.deconflict.tak.cot.TakProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts a streaming CoT connection into {@link Frame}s, in one of two modes.
 *
 * <p>XML (the start): a document runs to the first {@code </event>} or {@code </auth>}. Bytes
 * before a {@code <} are skipped and reported. A document longer than {@code maxEventBytes} is
 * skipped up to its end tag and reported, never buffered whole.
 *
 * <p>TAK protocol version 1 (after negotiation, or when a connection starts with {@code 0xBF}):
 * {@code 0xBF}, varint length, message. A length over {@code maxEventBytes} is skipped and
 * reported; a byte other than {@code 0xBF} where a frame should start is skipped up to the next
 * {@code 0xBF}. A connection switches to TAK protocol unasked only where a document could start,
 * not in the middle of bytes it is skipping.
 *
 * <p>One per connection; runs on its event loop only.
 */
final class Framer extends ByteToMessageDecoder {

  private static final byte[] END_EVENT = "</event>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_AUTH = "</auth>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[][] STARTS = {
    "<?xml".getBytes(StandardCharsets.US_ASCII),
    "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII),
    "<event ".getBytes(StandardCharsets.US_ASCII),
    "<event>".getBytes(StandardCharsets.US_ASCII),
    "<auth>".getBytes(StandardCharsets.US_ASCII),
    "<auth ".getBytes(StandardCharsets.US_ASCII),
    "<event\n".getBytes(StandardCharsets.US_ASCII),
    "<event\r".getBytes(StandardCharsets.US_ASCII),
    "<event\t".getBytes(StandardCharsets.US_ASCII),
  };
  private static final int KEEP = 16;

  private static final byte[] XML_DECLARATION = "<?xml".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII);

  private final int maxEventBytes;
  private int rootOffset = -1;
  private int doctypeOffset = -1;
  private boolean proto;
  private boolean discarding;
  private long skipBytes;
  private int scanned;

  /**
   * Whether bytes that are not CoT were skipped since the last document: a {@code 0xBF} among them
   * does not start TAK protocol, wherever the connection's reads happen to end.
   */
  private boolean skippedJunk;

  private Runnable onProtocol = () -> {};

  Framer(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /** Called (on the event loop) when a client starts speaking TAK protocol unasked. */
  void onProtocol(Runnable callback) {
    this.onProtocol = callback;
  }

  /** From the next frame on, expect TAK protocol frames. */
  void switchToProtocol() {
    proto = true;
  }

  boolean isProtocol() {
    return proto;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (proto) {
      decodeProto(in, out);
    } else {
      decodeXml(in, out);
    }
  }

  private void decodeXml(ByteBuf in, List<Object> out) {
    if (discarding) {
      int end = discardEnd(in);
      if (end == -1) {
        in.skipBytes(Math.max(0, in.readableBytes() - KEEP));
        return;
      }
      in.readerIndex(end < -1 ? -(end + 2) : end);
      discarding = false;
      newDocument();
    }
    // skip white space; find the document's start
    int start = in.readerIndex();
    int limit = in.writerIndex();
    while (start < limit && isSpace(in.getByte(start))) {
      start++;
    }
    in.readerIndex(start);
    if (start == limit) {
      return;
    }
    if (!skippedJunk && (in.getByte(start) & 0xFF) == TakProtocol.MAGIC) {
      proto = true; // a client that speaks TAK protocol without negotiating
      onProtocol.run();
      decodeProto(in, out);
      return;
    }
    if (!isStart(in, start)) {
      int next = nextStart(in, start + 1);
      int skip = (next < 0 ? Math.max(0, limit - start - KEEP) : next - start);
      if (skip == 0) {
        return; // a start may be arriving
      }
      in.skipBytes(skip);
      newDocument();
      skippedJunk = true;
      out.add(new Frame.Refused("skipped " + skip + " bytes that are not Cursor on Target XML"));
      return;
    }
    int end = findEnd(in, start, start + Math.max(1, scanned - KEEP));
    if (end < -1) {
      int next = -(end + 2);
      int skip = next - start;
      in.skipBytes(skip);
      newDocument();
      out.add(new Frame.Refused("an event of " + skip + " bytes was cut short by the next one"));
      return;
    }
    if (end < 0) {
      scanned = in.readableBytes();
      if (scanned > maxEventBytes) {
        in.skipBytes(Math.max(0, in.readableBytes() - KEEP));
        discarding = true;
        newDocument();
        out.add(
            new Frame.Refused(
                "an event longer than " + maxEventBytes + " bytes was skipped (the limit)"));
      }
      return;
    }
    newDocument();
    int length = end - start;
    if (length > maxEventBytes) {
      in.skipBytes(length);
      out.add(
          new Frame.Refused(
              "an event of " + length + " bytes was skipped (the limit is " + maxEventBytes + ")"));
      return;
    }
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    out.add(new Frame.Xml(bytes));
  }

  /**
   * The index just after the first end tag at or after {@code from}, or, as {@code -(i + 2)}, the
   * index {@code i} of a new document's start that comes first (the one before was cut short); -1
   * if neither is there yet. The document starts at {@code docStart}: an XML declaration and a
   * DOCTYPE may precede its root element, which is not a new start.
   */
  private int findEnd(ByteBuf in, int docStart, int from) {
    int limit = in.writerIndex();
    int i = Math.max(from, docStart + 1);
    while (i < limit) {
      int lt = in.indexOf(i, limit, (byte) '<');
      if (lt < 0) {
        return -1;
      }
      int end = endTagEnd(in, lt);
      if (end >= 0) {
        return end;
      }
      if (isStart(in, lt) && !partOfDocument(in, docStart, lt)) {
        return -(lt + 2);
      }
      i = lt + 1;
    }
    return -1;
  }

  /**
   * Whether the start at {@code at} is the root (or DOCTYPE) of the document at {@code docStart}.
   */
  private boolean partOfDocument(ByteBuf in, int docStart, int at) {
    int offset = at - docStart;
    if (offset == rootOffset || offset == doctypeOffset) {
      return true;
    }
    if (rootOffset >= 0 || rootAt(in, docStart)) {
      return false; // the root came already: this is another document
    }
    if (matches(in, at, DOCTYPE)) {
      if (doctypeOffset >= 0) {
        return false;
      }
      doctypeOffset = offset;
      return true;
    }
    if (matches(in, at, XML_DECLARATION)) {
      return false;
    }
    rootOffset = offset;
    return true;
  }

  private static boolean rootAt(ByteBuf in, int docStart) {
    return !matches(in, docStart, XML_DECLARATION) && !matches(in, docStart, DOCTYPE);
  }

  /** The index of the next document start at or after {@code from}, or -1. */
  private static int nextStart(ByteBuf in, int from) {
    int limit = in.writerIndex();
    int i = from;
    while (i < limit) {
      int lt = in.indexOf(i, limit, (byte) '<');
      if (lt < 0) {
        return -1;
      }
      if (isStart(in, lt)) {
        return lt;
      }
      i = lt + 1;
    }
    return -1;
  }

  /**
   * Whether a document starts here: an XML declaration, a DOCTYPE, {@code <event} or {@code <auth}.
   */
  private static boolean isStart(ByteBuf in, int at) {
    for (byte[] start : STARTS) {
      if (matches(in, at, start)) {
        return true;
      }
    }
    return false;
  }

  private void newDocument() {
    skippedJunk = false;
    scanned = 0;
    rootOffset = -1;
    doctypeOffset = -1;
  }

  /** Just after the end tag of an event or an auth message that starts at {@code lt}, or -1. */
  private static int endTagEnd(ByteBuf in, int lt) {
    if (matches(in, lt, END_EVENT)) {
      return lt + END_EVENT.length;
    }
    if (matches(in, lt, END_AUTH)) {
      return lt + END_AUTH.length;
    }
    return -1;
  }

  /** While discarding: just after the next end tag, or {@code -(i + 2)} for a start at i, or -1. */
  private static int discardEnd(ByteBuf in) {
    int limit = in.writerIndex();
    int i = in.readerIndex();
    while (i < limit) {
      int lt = in.indexOf(i, limit, (byte) '<');
      if (lt < 0) {
        return -1;
      }
      int end = endTagEnd(in, lt);
      if (end >= 0) {
        return end;
      }
      if (matches(in, lt, XML_DECLARATION)) {
        return -(lt + 2);
      }
      i = lt + 1;
    }
    return -1;
  }

  private static boolean matches(ByteBuf in, int at, byte[] tag) {
    if (at + tag.length > in.writerIndex()) {
      return false;
    }
    for (int k = 0; k < tag.length; k++) {
      if (in.getByte(at + k) != tag[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0;
  }

  private void decodeProto(ByteBuf in, List<Object> out) {
    if (skipBytes > 0) {
      int n = (int) Math.min(skipBytes, in.readableBytes());
      in.skipBytes(n);
      skipBytes -= n;
      if (skipBytes > 0) {
        return;
      }
    }
    if (!in.isReadable()) {
      return;
    }
    int start = in.readerIndex();
    if ((in.getByte(start) & 0xFF) != TakProtocol.MAGIC) {
      int next = in.indexOf(start, in.writerIndex(), (byte) TakProtocol.MAGIC);
      int skip = (next < 0 ? in.writerIndex() : next) - start;
      in.skipBytes(skip);
      out.add(new Frame.Refused("skipped " + skip + " bytes that are not TAK protocol frames"));
      return;
    }
    long length = 0;
    int i = start + 1;
    int shift = 0;
    while (true) {
      if (i >= in.writerIndex()) {
        return; // the length is not complete yet
      }
      byte b = in.getByte(i++);
      length |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 35) {
        in.skipBytes(i - start);
        out.add(new Frame.Refused("a TAK protocol frame length is not a valid varint"));
        return;
      }
    }
    int header = i - start;
    if (length > maxEventBytes) {
      in.skipBytes(header);
      skipBytes = length;
      out.add(
          new Frame.Refused(
              "a TAK protocol message of "
                  + length
                  + " bytes was skipped (the limit is "
                  + maxEventBytes
                  + ")"));
      decodeProto(in, out);
      return;
    }
    if (in.readableBytes() < header + length) {
      return;
    }
    in.skipBytes(header);
    byte[] bytes = new byte[(int) length];
    in.readBytes(bytes);
    out.add(new Frame.Proto(bytes));
  }
}
