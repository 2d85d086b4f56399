package io.deconflict.service.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.engine.conflict.ClosestApproach;
import io.deconflict.engine.geo.GeoPoint;
import io.deconflict.service.Json;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes a state in the snapshot's binary form: big-endian integers, doubles as their exact IEEE
 * 754 bits (so a restored state computes the same bits), strings as UTF-8 with their length, JSON
 * trees as the compact JSON text Jackson writes (field order kept). The same calls always give the
 * same bytes.
 *
 * <p>Not thread-safe. Cost: linear in what is written; into memory (a buffer that grows) or into a
 * stream (a snapshot's state, in chunks: {@link StateFormat}). A stream's failure is an {@link
 * UncheckedIOException}.
 */
public final class StateOut {

  private final @Nullable ByteArrayOutputStream bytes;
  private final DataOutputStream out;

  /** An empty buffer. */
  public StateOut() {
    this(1 << 16);
  }

  /** An empty buffer that first holds {@code capacity} bytes. */
  public StateOut(int capacity) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(capacity);
    this.bytes = buffer;
    this.out = new DataOutputStream(buffer);
  }

  /** Writes into {@code stream} (which the caller flushes and closes). */
  public StateOut(OutputStream stream) {
    this.bytes = null;
    this.out = new DataOutputStream(stream);
  }

  /**
   * What was written, if written into memory.
   *
   * @throws IllegalStateException if this writes into a stream
   */
  public byte[] toByteArray() {
    if (bytes == null) {
      throw new IllegalStateException("this StateOut writes into a stream");
    }
    return bytes.toByteArray();
  }

  /** A boolean as one byte, 0 or 1. */
  public StateOut bool(boolean value) {
    return run(() -> out.writeBoolean(value));
  }

  /** An int, 4 bytes. */
  public StateOut int32(int value) {
    return run(() -> out.writeInt(value));
  }

  /** A long, 8 bytes. */
  public StateOut int64(long value) {
    return run(() -> out.writeLong(value));
  }

  /** A double as its exact bits (NaN as Java's canonical NaN), 8 bytes. */
  public StateOut float64(double value) {
    return run(() -> out.writeLong(Double.doubleToLongBits(value)));
  }

  /** A string: its UTF-8 length (4 bytes), then the bytes. */
  public StateOut text(String value) {
    return blob(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes: their length (4 bytes), then the bytes. */
  public StateOut blob(byte[] value) {
    return run(
        () -> {
          out.writeInt(value.length);
          out.write(value);
        });
  }

  /** An instant: seconds (8 bytes) and nanoseconds (4). */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both halves are written
  public StateOut instant(Instant value) {
    return int64(value.getEpochSecond()).int32(value.getNano());
  }

  /** A duration: seconds (8 bytes) and nanoseconds (4). */
  @SuppressWarnings("JavaDurationGetSecondsGetNano") // both halves are written
  public StateOut duration(Duration value) {
    return int64(value.getSeconds()).int32(value.getNano());
  }

  /** A point: longitude, then latitude. */
  public StateOut point(GeoPoint value) {
    return float64(value.lon()).float64(value.lat());
  }

  /** A closest approach if present: a flag, then time, distance and both points. */
  public StateOut optionalClosest(Optional<ClosestApproach> value) {
    bool(value.isPresent());
    value.ifPresent(c -> instant(c.time()).float64(c.distanceMeters()).point(c.a()).point(c.b()));
    return this;
  }

  /** A JSON tree as compact JSON text. */
  public StateOut json(JsonNode value) {
    try {
      return blob(Json.MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a state's JSON cannot be written: " + e.getMessage(), e);
    }
  }

  /** An enum constant, by its name. */
  public StateOut constant(Enum<?> value) {
    return text(value.name());
  }

  /** Whether a value is present (one byte), then the value if so. */
  public StateOut optionalText(Optional<String> value) {
    bool(value.isPresent());
    value.ifPresent(this::text);
    return this;
  }

  /** Whether an instant is present, then the instant if so. */
  public StateOut optionalInstant(Optional<Instant> value) {
    bool(value.isPresent());
    value.ifPresent(this::instant);
    return this;
  }

  /** Whether a tree is present, then the tree if so. */
  public StateOut optionalJson(Optional<? extends JsonNode> value) {
    bool(value.isPresent());
    value.ifPresent(this::json);
    return this;
  }

  private StateOut run(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a state: " + e.getMessage(), e);
    }
    return this;
  }

  @FunctionalInterface
  private interface Write {
    void run() throws IOException;
  }
}
