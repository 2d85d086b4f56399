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

  /** Strings up to this long are read through the buffer; longer ones straight into their own. */
  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final boolean exact;

  /** Whether {@link #buf} is the caller's array, all there is (never moved nor refilled). */
  private final boolean fixed;

  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf;
  private int pos;
  private int lim;

  /** Bytes of the stream consumed before {@code buf[0]}. */
  private long before;

  /** Reads {@code bytes} from the start. */
  public StateIn(byte[] bytes) {
    this.in = new ByteArrayInputStream(new byte[0]);
    this.exact = false;
    this.fixed = true;
    this.buf = bytes;
    this.lim = bytes.length;
  }

  /**
   * Reads {@code stream} from where it stands, to its end: it reads ahead in blocks of its own, so
   * nothing else may read the stream afterwards. The stream's failure is a {@link
   * MalformedStateException}.
   */
  public StateIn(InputStream stream) {
    this(stream, false);
  }

  private StateIn(InputStream stream, boolean exact) {
    this.in = stream;
    this.exact = exact;
    this.fixed = false;
    this.buf = new byte[exact ? 16 : BUFFER];
  }

  /**
   * Reads {@code stream} without reading ahead: never a byte more than the values asked for (and
   * one for {@link #atEnd}), so the caller can go on reading the stream itself.
   */
  static StateIn exact(InputStream stream) {
    return new StateIn(stream, true);
  }

  /** Whether every byte was read. */
  public boolean atEnd() {
    return !ensure(1);
  }

  /** The offset of the next byte. */
  public long position() {
    return before + pos;
  }

  /** Makes {@code n} bytes available from {@code pos}; false if the stream ends first. */
  private boolean ensure(int n) {
    if (lim - pos >= n) {
      return true;
    }
    if (fixed) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      before += pos;
      lim -= pos;
      pos = 0;
    }
    if (buf.length < n) {
      buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
    while (lim < n) {
      int want = exact ? n - lim : buf.length - lim;
      int r;
      try {
        r = in.read(buf, lim, want);
      } catch (IOException e) {
        throw malformed("the state cannot be read: " + e.getMessage());
      }
      if (r < 0) {
        return false;
      }
      lim += r;
    }
    return true;
  }

  private void need(int n) {
    if (!ensure(n)) {
      throw malformed("the state ends early");
    }
  }

  /** A boolean. */
  public boolean bool() {
    need(1);
    byte b = buf[pos++];
    if (b != 0 && b != 1) {
      throw malformed("a boolean is " + b);
    }
    return b == 1;
  }

  /** An int. */
  public int int32() {
    need(Integer.BYTES);
    byte[] b = buf;
    int i = pos;
    pos += Integer.BYTES;
    return (b[i] & 0xff) << 24
        | (b[i + 1] & 0xff) << 16
        | (b[i + 2] & 0xff) << 8
        | (b[i + 3] & 0xff);
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
    need(Long.BYTES);
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = v << 8 | (buf[pos + i] & 0xff);
    }
    pos += Long.BYTES;
    return v;
  }

  /** A double, bit for bit. */
  public double float64() {
    return Double.longBitsToDouble(int64());
  }

  /** A string. */
  public String text() {
    int n = count();
    if (n > BUFFER) {
      return decode(bytes(n));
    }
    need(n);
    int start = pos;
    pos += n;
    for (int i = start; i < start + n; i++) {
      if (buf[i] < 0) {
        return decode(Arrays.copyOfRange(buf, start, start + n));
      }
    }
    return new String(buf, start, n, StandardCharsets.ISO_8859_1); // most: ids, times, names
  }

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
    int buffered = Math.min(n, lim - pos);
    if (buffered == n) {
      byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return out;
    }
    byte[] head = Arrays.copyOfRange(buf, pos, pos + buffered);
    pos += buffered;
    byte[] rest;
    try {
      rest = in.readNBytes(n - buffered);
    } catch (IOException e) {
      throw malformed("the state cannot be read: " + e.getMessage());
    }
    before += rest.length;
    if (rest.length < n - buffered) {
      throw malformed("the state ends early");
    }
    byte[] out = Arrays.copyOf(head, n);
    System.arraycopy(rest, 0, out, buffered, rest.length);
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
    return new MalformedStateException("at byte " + position() + ": " + what);
  }
}
