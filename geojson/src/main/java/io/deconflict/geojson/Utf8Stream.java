package io.deconflict.geojson;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passes bytes through unchanged once the JDK's UTF-8 decoder, set to report errors, has accepted
 * them: it refuses overlong forms, encoded surrogates (CESU-8), code points above U+10FFFF, stray
 * continuation bytes and a sequence cut short by the end of the input, none of which Jackson's own
 * decoding refuses in every case. A refusal is a {@link StrictJson.MalformedUtf8Exception} naming
 * the bytes and their offset, and locating them by line and column (counted in code points).
 *
 * <p>Costs one decoding pass over the bytes. Not thread-safe (as any stream).
 */
final class Utf8Stream extends FilterInputStream {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** The start of a sequence the last read cut short, to finish with the next. */
  private byte[] pending = new byte[0];

  /** Checked bytes not yet handed out: {@code ready[readyFrom..]}. */
  private byte[] ready = new byte[0];

  private int readyFrom;

  private long offset;
  private int line = 1;
  private int column = 1;

  Utf8Stream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * Hands out only bytes already checked: a sequence cut short by one read of the underlying stream
   * is held back until the next completes it, so the reader never sees half a character.
   */
  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (readyFrom == ready.length) {
      byte[] chunk = new byte[Math.max(len, 8192)];
      int n = in.read(chunk, 0, chunk.length);
      if (n < 0) {
        if (pending.length > 0) {
          throw malformed(
              0, pending.length, pending, "malformed UTF-8 (the input ends inside a character)");
        }
        return -1;
      }
      check(chunk, n);
    }
    int n = Math.min(len, ready.length - readyFrom);
    System.arraycopy(ready, readyFrom, b, off, n);
    readyFrom += n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return ready.length - readyFrom;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skip is not supported: every byte must be checked");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Checks the pending bytes and {@code chunk[0..n)}; what is whole becomes ready. */
  private void check(byte[] chunk, int n) throws IOException {
    byte[] bytes = new byte[pending.length + n];
    System.arraycopy(pending, 0, bytes, 0, pending.length);
    System.arraycopy(chunk, 0, bytes, pending.length, n);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(input, out, false);
    if (result.isError()) {
      throw malformed(input.position(), result.length(), bytes, "malformed UTF-8");
    }
    int done = input.position();
    count(bytes, done);
    ready = Arrays.copyOf(bytes, done);
    readyFrom = 0;
    pending = Arrays.copyOfRange(bytes, done, bytes.length);
  }

  /** Advances offset, line and column over the first {@code n} bytes, all of them valid. */
  private void count(byte[] bytes, int n) {
    for (int i = 0; i < n; i++) {
      int v = bytes[i] & 0xff;
      if (v == '\n') {
        line++;
        column = 1;
      } else if ((v & 0xc0) != 0x80) {
        column++;
      }
    }
    offset += n;
  }

  private StrictJson.MalformedUtf8Exception malformed(
      int at, int length, byte[] bytes, String what) {
    count(bytes, at);
    StringBuilder hex = new StringBuilder();
    for (int i = at; i < Math.min(bytes.length, at + Math.max(length, 1)); i++) {
      hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xff));
    }
    return new StrictJson.MalformedUtf8Exception(
        what
            + ": bytes "
            + hex
            + " at byte "
            + offset
            + " are not a UTF-8 character; send UTF-8 text",
        offset,
        line,
        column);
  }
}
