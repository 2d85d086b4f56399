package io.deconflict.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One record to append to a {@link Journal}: when it was accepted, what kind of event it is, and
 * the event itself.
 *
 * <p>Immutable: the payload is copied on the way in and on the way out.
 *
 * @param time when the service accepted the event, UTC
 * @param type the kind of event, such as {@code movement.notified}: 1 to {@value #MAX_TYPE_LENGTH}
 *     characters ({@link String#length()}), not blank, no control characters, well-formed UTF-16
 * @param payload the event, by convention UTF-8 JSON; opaque to the journal and may be empty
 * @param keys names under which the record can be found again ({@link RecordIndex}): printable
 *     ASCII, 1 to {@value #MAX_KEY_LENGTH} characters, unique in the journal; not part of the
 *     record or its hash. A journal without an index ignores them
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equals and hashCode compare content
public record Entry(Instant time, String type, byte[] payload, List<String> keys) {

  /** The longest key, in {@code char}s. */
  public static final int MAX_KEY_LENGTH = 200;

  /** The longest type, in {@code char}s. */
  public static final int MAX_TYPE_LENGTH = 100;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the type is blank, longer than {@value #MAX_TYPE_LENGTH}
   *     characters, holds a control character or an unpaired surrogate, or a key is malformed
   */
  public Entry {
    Objects.requireNonNull(time, "time");
    checkType(type);
    payload = payload.clone();
    keys = List.copyOf(keys);
    for (String key : keys) {
      if (key.isEmpty()
          || key.length() > MAX_KEY_LENGTH
          || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(
            "a key must be 1 to "
                + MAX_KEY_LENGTH
                + " printable ASCII characters, got \""
                + key
                + "\"");
      }
    }
  }

  /** An entry under no key. */
  public Entry(Instant time, String type, byte[] payload) {
    this(time, type, payload, List.of());
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload itself, not a copy, for the journal's own use; callers must not modify it. */
  byte[] payloadUnsafe() {
    return payload;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Entry that
        && time.equals(that.time)
        && type.equals(that.type)
        && Arrays.equals(payload, that.payload)
        && keys.equals(that.keys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, type, Arrays.hashCode(payload), keys);
  }

  @Override
  public String toString() {
    return "Entry[time=" + time + ", type=" + type + ", payload=" + payload.length + " bytes]";
  }

  private static void checkType(String type) {
    Objects.requireNonNull(type, "type");
    if (type.isBlank()) {
      throw new IllegalArgumentException("type must not be blank, got \"" + type + "\"");
    }
    if (type.length() > MAX_TYPE_LENGTH) {
      throw new IllegalArgumentException(
          "type must be at most "
              + MAX_TYPE_LENGTH
              + " characters, got "
              + type.length()
              + ": \""
              + type.substring(0, 40)
              + "...\"");
    }
    if (type.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "type must not contain control characters, got \""
              + type.replaceAll("\\p{Cntrl}", "?")
              + "\"");
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(type)) {
      throw new IllegalArgumentException(
          "type must be well-formed Unicode (it has an unpaired surrogate), got \"" + type + "\"");
    }
  }
}
