package io.deconflict.service.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.geojson.StrictJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads what {@link StateOut} wrote, in the same order. Every failure (the bytes end early, a
 * length is impossible, a string is not UTF-8, a JSON tree is not JSON) is a {@link
 * MalformedStateException} saying where.
 *
 * <p>Not thread-safe.
 */
public final class StateIn {

  private final ByteBuffer in;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** Reads {@code bytes} from the start. */
  public StateIn(byte[] bytes) {
    this.in = ByteBuffer.wrap(bytes);
  }

  /** Whether every byte was read. */
  public boolean atEnd() {
    return !in.hasRemaining();
  }

  /** The offset of the next byte. */
  public int position() {
    return in.position();
  }

  /** A boolean. */
  public boolean bool() {
    byte b = get(1).get();
    if (b != 0 && b != 1) {
      throw malformed("a boolean is " + b);
    }
    return b == 1;
  }

  /** An int. */
  public int int32() {
    return get(Integer.BYTES).getInt();
  }

  /** A non-negative int, such as a count. */
  public int count() {
    int n = int32();
    if (n < 0 || n > in.remaining()) {
      throw malformed("a count of " + n + " with " + in.remaining() + " bytes left");
    }
    return n;
  }

  /** A long. */
  public long int64() {
    return get(Long.BYTES).getLong();
  }

  /** A double, bit for bit. */
  public double float64() {
    return Double.longBitsToDouble(int64());
  }

  /** A string. */
  public String text() {
    int n = count();
    int start = in.position();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) {
      ascii = in.get(start + i) >= 0;
    }
    if (ascii) { // most strings: ids, times, names
      String s = new String(in.array(), start, n, StandardCharsets.ISO_8859_1);
      in.position(start + n);
      return s;
    }
    byte[] bytes = new byte[n];
    in.get(bytes);
    try {
      return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw malformed("a string is not UTF-8");
    }
  }

  /** Bytes. */
  public byte[] blob() {
    int n = count();
    byte[] out = new byte[n];
    in.get(out);
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
    return new MalformedStateException("at byte " + in.position() + ": " + what);
  }

  private ByteBuffer get(int n) {
    if (in.remaining() < n) {
      throw malformed("the state ends early");
    }
    return in;
  }
}
