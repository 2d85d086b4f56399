package io.deconflict.service.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.geojson.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads what {@link StateOut} wrote, in the same order. Every failure (the bytes end early, a
 * length is impossible, a string is not UTF-8, a JSON tree is not JSON) is a {@link
 * MalformedStateException} saying where.
 *
 * <p>Not thread-safe.
 */
public final class StateIn {

  private final InputStream in;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] eight = new byte[8];
  private byte[] scratch = new byte[256];
  private long position;
  private int peeked = -2;

  /** Reads {@code bytes} from the start. */
  public StateIn(byte[] bytes) {
    this(new ByteArrayInputStream(bytes));
  }

  /**
   * Reads {@code stream} from where it stands (buffer it: this reads a few bytes at a time); the
   * stream's failure is a {@link MalformedStateException}.
   */
  public StateIn(InputStream stream) {
    this.in = stream;
  }

  /** Whether every byte was read. */
  public boolean atEnd() {
    if (peeked == -2) {
      peeked = next();
    }
    return peeked < 0;
  }

  /** The offset of the next byte. */
  public long position() {
    return position;
  }

  /** A boolean. */
  public boolean bool() {
    byte b = fill(1)[0];
    if (b != 0 && b != 1) {
      throw malformed("a boolean is " + b);
    }
    return b == 1;
  }

  /** An int. */
  public int int32() {
    byte[] b = fill(Integer.BYTES);
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  /** A non-negative int, such as a count. */
  public int count() {
    int n = int32();
    if (n < 0) {
      throw malformed("a count of " + n);
    }
    return n;
  }

  /** A long. */
  public long int64() {
    byte[] b = fill(Long.BYTES);
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = v << 8 | (b[i] & 0xff);
    }
    return v;
  }

  /** A double, bit for bit. */
  public double float64() {
    return Double.longBitsToDouble(int64());
  }

  /** A string. */
  public String text() {
    int n = count();
    if (n > scratch.length) {
      if (n > MAX_IN_SCRATCH) {
        return decode(bytes(n));
      }
      scratch = new byte[Math.max(n, scratch.length * 2)];
    }
    read(scratch, n);
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) {
      ascii = scratch[i] >= 0;
    }
    if (ascii) { // most strings: ids, times, names
      return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }
    return decode(Arrays.copyOf(scratch, n));
  }

  private static final int MAX_IN_SCRATCH = 1 << 16;

  private String decode(byte[] bytes) {
    try {
      return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw malformed("a string is not UTF-8");
    }
  }

  /** Bytes. */
  public byte[] blob() {
    return bytes(count());
  }

  /** {@code n} bytes, failing once the stream ends (never allocating more than it holds). */
  private byte[] bytes(int n) {
    if (n == 0) {
      return new byte[0];
    }
    byte[] out;
    int got;
    try {
      if (peeked >= 0) {
        out = new byte[n];
        out[0] = (byte) peeked;
        peeked = -2;
        got = 1 + in.readNBytes(out, 1, n - 1);
      } else if (peeked == -1) {
        out = new byte[0];
        got = 0;
      } else {
        out = in.readNBytes(n);
        got = out.length;
      }
    } catch (IOException e) {
      throw malformed("the state cannot be read: " + e.getMessage());
    }
    position += got;
    if (got < n) {
      throw malformed("the state ends early");
    }
    return out;
  }

  /** An instant. */
  public Instant instant() {
    long seconds = int64();
    int nanos = int32();
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw malformed("an instant is out of range");
    }
  }

  /** A duration. */
  public Duration duration() {
    long seconds = int64();
    int nanos = int32();
    try {
      return Duration.ofSeconds(seconds, nanos);
    } catch (ArithmeticException e) {
      throw malformed("a duration is out of range");
    }
  }

  /** A point. */
  public GeoPoint point() {
    double lon = float64();
    double lat = float64();
    try {
      return GeoPoint.of(lon, lat);
    } catch (IllegalArgumentException e) {
      throw malformed("a point is out of range: " + e.getMessage());
    }
  }

  /** What {@link StateOut#optionalClosest} wrote. */
  public Optional<ClosestApproach> optionalClosest() {
    return bool()
        ? Optional.of(new ClosestApproach(instant(), float64(), point(), point()))
        : Optional.empty();
  }

  /** A JSON tree, read as the journal's records are. */
  public JsonNode json() {
    try {
      return StrictJson.readJournaled(blob());
    } catch (IOException e) {
      throw malformed("a JSON value does not parse: " + e.getMessage());
    }
  }

  /** A JSON object. */
  public ObjectNode object() {
    JsonNode node = json();
    if (!node.isObject()) {
      throw malformed("a JSON value is not an object");
    }
    return (ObjectNode) node;
  }

  /** An optional string. */
  public Optional<String> optionalText() {
    return bool() ? Optional.of(text()) : Optional.empty();
  }

  /** An optional instant. */
  public Optional<Instant> optionalInstant() {
    return bool() ? Optional.of(instant()) : Optional.empty();
  }

  /** An optional JSON object. */
  public Optional<ObjectNode> optionalObject() {
    return bool() ? Optional.of(object()) : Optional.empty();
  }

  /** An enum constant written by its name. */
  public <E extends Enum<E>> E constant(Class<E> type) {
    String name = text();
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw malformed("\"" + name + "\" is not a " + type.getSimpleName());
    }
  }

  /** A failure at the current offset. */
  public MalformedStateException malformed(String what) {
    return new MalformedStateException("at byte " + position + ": " + what);
  }

  private byte[] fill(int n) {
    read(eight, n);
    return eight;
  }

  /** Reads exactly {@code n} bytes into {@code into}. */
  private void read(byte[] into, int n) {
    int got = 0;
    if (n > 0 && peeked != -2) {
      if (peeked < 0) {
        throw malformed("the state ends early");
      }
      into[0] = (byte) peeked;
      peeked = -2;
      got = 1;
      position++;
    }
    while (got < n) {
      int r;
      try {
        r = in.read(into, got, n - got);
      } catch (IOException e) {
        throw malformed("the state cannot be read: " + e.getMessage());
      }
      if (r < 0) {
        throw malformed("the state ends early");
      }
      got += r;
      position += r;
    }
  }

  private int next() {
    try {
      return in.read();
    } catch (IOException e) {
      throw malformed("the state cannot be read: " + e.getMessage());
    }
  }
}
