package io.deconflict.journal;

import java.time.Instant;
import java.util.Arrays;

/**
 * A saved state of whatever folds the journal (the service's state machine), and the point of the
 * journal it stands for: the state after applying records 1 to {@link #seq()}, whose last record
 * has the hash {@link #headHash()}. The journal stores it as opaque bytes beside its records, with
 * a checksum, so a start can load it and read only the records after it.
 *
 * <p>Immutable: the arrays are copied in and out (the state only out, through {@link #state()}).
 */
public final class Snapshot {

  private final long seq;
  private final Instant time;
  private final byte[] headHash;
  private final byte[] state;

  /**
   * A snapshot of the state after record {@code seq}.
   *
   * @param seq the last record the state includes, at least 1
   * @param time that record's time
   * @param headHash that record's hash, 32 bytes
   * @param state the state, in the folder's own format
   * @throws IllegalArgumentException if {@code seq} is below 1 or the hash is not 32 bytes
   */
  public Snapshot(long seq, Instant time, byte[] headHash, byte[] state) {
    if (seq < 1) {
      throw new IllegalArgumentException("a snapshot follows a record: seq must be 1 or more");
    }
    if (headHash.length != Hashes.LENGTH) {
      throw new IllegalArgumentException(
          "a head hash is " + Hashes.LENGTH + " bytes, got " + headHash.length);
    }
    this.seq = seq;
    this.time = time;
    this.headHash = headHash.clone();
    this.state = state.clone();
  }

  /** The last record the state includes. */
  public long seq() {
    return seq;
  }

  /** That record's time. */
  public Instant time() {
    return time;
  }

  /** That record's hash (a copy). */
  public byte[] headHash() {
    return headHash.clone();
  }

  /** That record's hash in lowercase hex. */
  public String headHashHex() {
    return Hashes.hex(headHash);
  }

  /** The state (a copy). */
  public byte[] state() {
    return state.clone();
  }

  /** The length of the state, in bytes. */
  public int stateLength() {
    return state.length;
  }

  /** The checksum the journal stores with it (see {@code docs/journal.md}). */
  public byte[] checksum() {
    return Hashes.ofSnapshot(seq, time, headHash, state);
  }

  /** Whether this snapshot is of the state after {@code record}: same seq and hash. */
  public boolean follows(JournalRecord record) {
    return record.seq() == seq && Arrays.equals(record.hashUnsafe(), headHash);
  }

  byte[] stateUnsafe() {
    return state;
  }

  byte[] headHashUnsafe() {
    return headHash;
  }

  @Override
  public String toString() {
    return "Snapshot[seq=" + seq + ", " + state.length + " bytes]";
  }
}
