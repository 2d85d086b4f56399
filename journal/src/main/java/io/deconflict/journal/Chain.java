package io.deconflict.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks stored records, one after another in sequence order, against the rules of the hash chain:
 * each record's sequence number follows the one before, its fields are well formed, its hash is the
 * hash of its content, and its previous hash is the hash of the record before.
 *
 * <p>Records come as rows from {@link Sqlite#SELECT_RECORDS}, or already decoded from another store
 * (the Kafka journal's topic) through {@link #accept(JournalRecord)}. Not thread-safe: one walk per
 * instance. Cost: one SHA-256 per record.
 */
public final class Chain {

  private long expectedSeq;

  /** The hash the next record must link to; null when the walk started mid-journal. */
  private byte @Nullable [] previousHash;

  private @Nullable JournalRecord last;

  private long accepted;

  private Chain(long expectedSeq, byte @Nullable [] previousHash) {
    this.expectedSeq = expectedSeq;
    this.previousHash = previousHash;
  }

  /** A walk from record 1, which must link to 32 zero bytes. */
  public static Chain fromStart() {
    return new Chain(1, JournalRecord.zeroHash());
  }

  /**
   * A walk from record {@code seq}, whose link to the record before is not checked (from record 1,
   * it is).
   */
  public static Chain startingAt(long seq) {
    return seq <= 1 ? fromStart() : new Chain(seq, null);
  }

  /** The sequence number the next record must have. */
  public long expectedSeq() {
    return expectedSeq;
  }

  /** How many records passed. */
  public long accepted() {
    return accepted;
  }

  /** The hash of the last record that passed, in hex. */
  public Optional<String> lastHashHex() {
    return last == null ? Optional.empty() : Optional.of(last.hashHex());
  }

  /**
   * Checks the row under the cursor of {@code rows} and returns its record.
   *
   * @throws Break if the row breaks the chain; the chain is then unchanged
   */
  JournalRecord accept(ResultSet rows) throws SQLException, Break {
    long seq = rows.getLong(1);
    if (seq != expectedSeq) {
      throw new Break(expectedSeq, outOfSequence(seq));
    }
    return check(read(seq, rows));
  }

  /**
   * Checks {@code record}, read back from a store, as the next record of the walk and returns it.
   *
   * @throws Break if it breaks the chain (out of sequence, a hash that does not recompute, a link
   *     to another record); the chain is then unchanged
   */
  public JournalRecord accept(JournalRecord record) throws Break {
    if (record.seq() != expectedSeq) {
      throw new Break(expectedSeq, outOfSequence(record.seq()));
    }
    return check(record);
  }

  /**
   * The break to report when the next record cannot even be decoded: {@code record N: problem},
   * where N is the sequence number it should have had.
   */
  public Break malformed(String problem) {
    return new Break(expectedSeq, "record " + expectedSeq + ": " + problem);
  }

  private JournalRecord check(JournalRecord record) throws Break {
    long seq = record.seq();
    byte[] computed = record.computeHash();
    if (!Arrays.equals(computed, record.hashUnsafe())) {
      throw new Break(
          seq,
          "record "
              + seq
              + ": hash does not match its content (stored "
              + Hashes.abbreviated(record.hashUnsafe())
              + ", computed "
              + Hashes.abbreviated(computed)
              + ")");
    }
    if (previousHash != null && !Arrays.equals(previousHash, record.previousHash())) {
      throw new Break(
          seq,
          seq == 1
              ? "record 1: previous hash is not 32 zero bytes, as the first record's must be"
              : "record " + seq + ": previous hash does not match record " + (seq - 1));
    }
    previousHash = record.hashUnsafe();
    last = record;
    expectedSeq++;
    accepted++;
    return record;
  }

  private String outOfSequence(long seq) {
    if (seq < expectedSeq) {
      return expectedSeq == 1
          ? "record " + seq + " comes first: sequence numbers start at 1"
          : "record " + seq + " follows record " + (expectedSeq - 1) + ": out of sequence";
    }
    String missing =
        seq - 1 == expectedSeq
            ? "record " + expectedSeq + " is missing"
            : "records " + expectedSeq + " to " + (seq - 1) + " are missing";
    return expectedSeq == 1
        ? "record " + seq + " comes first: " + missing
        : "record " + seq + " follows record " + (expectedSeq - 1) + ": " + missing;
  }

  /** The record in the row, or a break naming the field that is malformed. */
  private static JournalRecord read(long seq, ResultSet rows) throws SQLException, Break {
    long seconds = rows.getLong(2);
    long nanos = rows.getLong(3);
    String type = rows.getString(4);
    byte[] payload = rows.getBytes(5);
    byte[] previousHash = rows.getBytes(6);
    byte[] hash = rows.getBytes(7);
    String where = "record " + seq + ": ";
    if (nanos < 0 || nanos > 999_999_999) {
      throw new Break(seq, where + "time_nanos is " + nanos + ", not 0 to 999999999");
    }
    Instant time;
    try {
      time = Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new Break(seq, where + "time_seconds " + seconds + " is out of range");
    }
    if (type == null) {
      throw new Break(seq, where + "type is missing");
    }
    if (payload == null) {
      throw new Break(seq, where + "payload is missing");
    }
    checkHashField(seq, "previous_hash", previousHash);
    checkHashField(seq, "hash", hash);
    return new JournalRecord(seq, time, type, payload, previousHash, hash);
  }

  private static void checkHashField(long seq, String column, byte @Nullable [] hash) throws Break {
    if (hash == null) {
      throw new Break(seq, "record " + seq + ": " + column + " is missing");
    }
    if (hash.length != Hashes.LENGTH) {
      throw new Break(
          seq,
          "record " + seq + ": " + column + " is " + hash.length + " bytes, not " + Hashes.LENGTH);
    }
  }

  /** A record that breaks the chain; the message names it and says what is wrong. */
  public static final class Break extends Exception {
    private static final long serialVersionUID = 1L;

    private final long firstBadSeq;
    private final String problem;

    Break(long firstBadSeq, String problem) {
      super(problem);
      this.firstBadSeq = firstBadSeq;
      this.problem = problem;
    }

    /** What is wrong, starting with the record: {@code record 17: ...}. */
    public String problem() {
      return problem;
    }

    /** The sequence number where the chain breaks: every record before it passed. */
    public long firstBadSeq() {
      return firstBadSeq;
    }
  }
}
