package io.deconflict.service.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The framing of a section's bytes in a state of format 2 ({@link StateFormat}): chunks of at most
 * {@link #CHUNK} bytes, each its length (4 bytes, big-endian) and its bytes, ended by a length of
 * 0. A writer holds one chunk at a time; a reader can pass a section without understanding it (the
 * audit compares sections by their digests).
 *
 * <p>Not thread-safe.
 */
final class Sections {

  /** The largest chunk written. */
  static final int CHUNK = 1 << 16;

  private Sections() {}

  /** Writes a section's bytes into {@code out} in chunks; {@link #close} ends the section. */
  static final class Writer extends OutputStream {
    private final OutputStream out;
    private final byte[] buffer = new byte[CHUNK];
    private int filled;
    private boolean closed;

    Writer(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (filled == CHUNK) {
        flushChunk();
      }
      buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == CHUNK) {
          flushChunk();
        }
        int n = Math.min(len, CHUNK - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void flushChunk() throws IOException {
      if (filled > 0) {
        writeInt(filled);
        out.write(buffer, 0, filled);
        filled = 0;
      }
    }

    private void writeInt(int v) throws IOException {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
    }

    /** Writes what is left and the end of the section; the underlying stream stays open. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        flushChunk();
        writeInt(0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write a state: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Reads one section's bytes from {@code in}, which stands at its first chunk's length; ends (-1)
   * at the section's end, leaving {@code in} after it. A damaged framing is an {@link IOException}.
   */
  static final class Reader extends InputStream {
    private final InputStream in;
    private int left;
    private boolean ended;

    Reader(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      if (!more()) {
        return -1;
      }
      int b = in.read();
      if (b < 0) {
        throw new IOException("the state ends inside a section");
      }
      left--;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!more()) {
        return -1;
      }
      int n = in.read(b, off, Math.min(len, left));
      if (n < 0) {
        throw new IOException("the state ends inside a section");
      }
      left -= n;
      return n;
    }

    private boolean more() throws IOException {
      while (left == 0 && !ended) {
        int length = 0;
        for (int i = 0; i < 4; i++) {
          int b = in.read();
          if (b < 0) {
            throw new IOException("the state ends inside a section");
          }
          length = length << 8 | b;
        }
        if (length < 0 || length > CHUNK) {
          throw new IOException("a chunk of " + length + " bytes in a section");
        }
        left = length;
        ended = length == 0;
      }
      return !ended;
    }

    /** Reads to the section's end. */
    void skipRest() throws IOException {
      byte[] sink = new byte[8192];
      while (read(sink, 0, sink.length) >= 0) {
        // passes the rest
      }
    }
  }
}
