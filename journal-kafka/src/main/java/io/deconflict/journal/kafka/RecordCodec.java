package io.deconflict.journal.kafka;

import io.deconflict.journal.JournalRecord;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The value of a journal record's Kafka message: a format byte, then the record's fields in the
 * order and encoding of its hash ({@link JournalRecord}), then its hash. Every integer big-endian:
 *
 * <pre>
 * format               1 byte, 1
 * seq                  8 bytes, signed
 * time, epoch seconds  8 bytes, signed
 * time, nanoseconds    4 bytes
 * type, length         4 bytes, then the type in UTF-8
 * payload, length      4 bytes, then the payload
 * previousHash         32 bytes
 * hash                 32 bytes
 * </pre>
 *
 * <p>The message key is the sequence number, 8 bytes. Thread-safe: stateless.
 */
final class RecordCodec {

  /** The format byte this version writes and reads. */
  static final byte FORMAT = 1;

  private static final int FIXED = 1 + 8 + 8 + 4 + 4 + 4 + 2 * JournalRecord.HASH_LENGTH;

  private RecordCodec() {}

  /** The message key of record {@code seq}: the number, 8 bytes. */
  static byte[] key(long seq) {
    return ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
  }

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both halves are stored
  static byte[] encode(JournalRecord record) {
    byte[] type = record.type().getBytes(StandardCharsets.UTF_8);
    byte[] payload = record.payload();
    return ByteBuffer.allocate(FIXED + type.length + payload.length)
        .put(FORMAT)
        .putLong(record.seq())
        .putLong(record.time().getEpochSecond())
        .putInt(record.time().getNano())
        .putInt(type.length)
        .put(type)
        .putInt(payload.length)
        .put(payload)
        .put(record.previousHash())
        .put(record.hash())
        .array();
  }

  /**
   * The record in a message's value.
   *
   * @throws Malformed saying which field is wrong
   */
  static JournalRecord decode(byte[] value) throws Malformed {
    ByteBuffer in = ByteBuffer.wrap(value);
    try {
      byte format = in.get();
      if (format != FORMAT) {
        throw new Malformed("its format is " + format + ", not " + FORMAT);
      }
      long seq = in.getLong();
      if (seq < 1) {
        throw new Malformed("its sequence number is " + seq);
      }
      long seconds = in.getLong();
      int nanos = in.getInt();
      if (nanos < 0 || nanos > 999_999_999) {
        throw new Malformed("its nanoseconds are " + nanos + ", not 0 to 999999999");
      }
      Instant time;
      try {
        time = Instant.ofEpochSecond(seconds, nanos);
      } catch (DateTimeException e) {
        throw new Malformed("its time in seconds " + seconds + " is out of range");
      }
      String type = utf8(bytes(in, "type"));
      byte[] payload = bytes(in, "payload");
      byte[] previousHash = new byte[JournalRecord.HASH_LENGTH];
      in.get(previousHash);
      byte[] hash = new byte[JournalRecord.HASH_LENGTH];
      in.get(hash);
      if (in.hasRemaining()) {
        throw new Malformed(in.remaining() + " bytes follow its hash");
      }
      return new JournalRecord(seq, time, type, payload, previousHash, hash);
    } catch (BufferUnderflowException e) {
      throw new Malformed("its value ends early (" + value.length + " bytes)");
    }
  }

  private static byte[] bytes(ByteBuffer in, String field) throws Malformed {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new Malformed("its " + field + " length " + length + " is out of range");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private static String utf8(byte[] bytes) throws Malformed {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("its type is not UTF-8");
    }
  }

  /** A message value that is not a record of this format; the message says what is wrong. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String problem) {
      super(problem);
    }
  }
}
