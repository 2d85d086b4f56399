package io.deconflict.journal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record stored in a {@link Journal}: an {@link Entry} with its place in the hash chain.
 *
 * <p>Sequence numbers start at 1 and have no gaps. {@code hash} is the SHA-256 of this canonical
 * encoding of the record, every integer big-endian (network order):
 *
 * <pre>
 * seq                   8 bytes, signed
 * time, epoch seconds   8 bytes, signed ({@link Instant#getEpochSecond()})
 * time, nanoseconds     4 bytes, 0 to 999,999,999 ({@link Instant#getNano()})
 * type, length          4 bytes: the number of bytes of the type in UTF-8
 * type                  UTF-8
 * payload, length       4 bytes
 * payload               as given
 * previousHash          32 bytes
 * </pre>
 *
 * <p>{@code previousHash} is the hash of the record before, {@code seq - 1}; the first record's is
 * 32 zero bytes. Each hash thereby covers the whole journal up to its record: changing, removing,
 * inserting or reordering any record changes every later hash.
 *
 * <p>The constructor does not check that {@code hash} matches the content, because a damaged record
 * must still be representable; {@link #hashMatches()} does. {@link #chain} makes a record whose
 * hash is right. Immutable: byte arrays are copied on the way in and on the way out.
 *
 * @param seq the sequence number, 1 or more
 * @param time when the entry was accepted, UTC
 * @param type the kind of event
 * @param payload the event, opaque to the journal
 * @param previousHash the hash of record {@code seq - 1}, or 32 zero bytes for record 1
 * @param hash the hash of this record's canonical encoding
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equals and hashCode compare content
public record JournalRecord(
    long seq, Instant time, String type, byte[] payload, byte[] previousHash, byte[] hash) {

  /** The length of every hash, in bytes: SHA-256. */
  public static final int HASH_LENGTH = Hashes.LENGTH;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if {@code seq} is less than 1 or a hash is not {@value
   *     #HASH_LENGTH} bytes
   */
  public JournalRecord {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be 1 or more, got " + seq);
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    payload = payload.clone();
    previousHash = checkHash("previousHash", previousHash).clone();
    hash = checkHash("hash", hash).clone();
  }

  /**
   * The record {@code seq} holding {@code entry} and linked to {@code previousHash}, with its hash
   * computed.
   */
  public static JournalRecord chain(long seq, Entry entry, byte[] previousHash) {
    byte[] payload = entry.payloadUnsafe();
    checkHash("previousHash", previousHash);
    return new JournalRecord(
        seq,
        entry.time(),
        entry.type(),
        payload,
        previousHash,
        Hashes.of(seq, entry.time(), entry.type(), payload, previousHash));
  }

  /** The previous hash of record 1: 32 zero bytes. Returns a new array each call. */
  public static byte[] zeroHash() {
    return new byte[HASH_LENGTH];
  }

  /** The hash this record's content should have: SHA-256 of its canonical encoding. */
  public byte[] computeHash() {
    return Hashes.of(seq, time, type, payload, previousHash);
  }

  /** Whether {@link #hash()} is the hash of this record's content. */
  public boolean hashMatches() {
    return Arrays.equals(hash, computeHash());
  }

  /** The hash in lowercase hex, 64 digits. */
  public String hashHex() {
    return Hashes.hex(hash);
  }

  /**
   * The entry this record holds.
   *
   * @throws IllegalArgumentException if the stored type breaks the rules of {@link Entry}, which
   *     happens only to a damaged record
   */
  public Entry entry() {
    return new Entry(time, type, payload);
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** A copy of the previous record's hash. */
  @Override
  public byte[] previousHash() {
    return previousHash.clone();
  }

  /** A copy of the hash. */
  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /** The payload itself, not a copy, for the journal's own use; callers must not modify it. */
  byte[] payloadUnsafe() {
    return payload;
  }

  /** The hash itself, not a copy, for the journal's own use; callers must not modify it. */
  byte[] hashUnsafe() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JournalRecord that
        && seq == that.seq
        && time.equals(that.time)
        && type.equals(that.type)
        && Arrays.equals(payload, that.payload)
        && Arrays.equals(previousHash, that.previousHash)
        && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seq, time, type, Arrays.hashCode(payload), Arrays.hashCode(hash));
  }

  @Override
  public String toString() {
    return "JournalRecord[seq="
        + seq
        + ", time="
        + time
        + ", type="
        + type
        + ", payload="
        + payload.length
        + " bytes, hash="
        + Hashes.abbreviated(hash)
        + "]";
  }

  private static byte[] checkHash(String name, byte[] hash) {
    if (hash.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          name + " must be " + HASH_LENGTH + " bytes, got " + hash.length);
    }
    return hash;
  }
}
