package io.deconflict.geojson;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Passes bytes through, tells a listener how many have been read so far, and fails with {@link
 * TooLarge} once more than a limit have been read.
 */
final class BoundedInputStream extends FilterInputStream {

  /** More bytes than the limit arrived. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long maxBytes) {
      super("input is larger than " + maxBytes + " bytes");
    }
  }

  private final long maxBytes;
  private final LongConsumer bytesRead;
  private long count;

  BoundedInputStream(InputStream in, long maxBytes, LongConsumer bytesRead) {
    super(in);
    this.maxBytes = maxBytes;
    this.bytesRead = bytesRead;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void count(long n) throws TooLarge {
    count += n;
    if (count > maxBytes) {
      throw new TooLarge(maxBytes);
    }
    bytesRead.accept(count);
  }
}
