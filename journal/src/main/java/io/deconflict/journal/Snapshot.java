package io.deconflict.journal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * A saved state of whatever folds the journal (the service's state machine), and the point of the
 * journal it stands for: the state after applying records 1 to {@link #seq()}, whose last record
 * has the hash {@link #headHash()}. The journal stores it as opaque bytes beside its records, with
 * a checksum, so a start can load it and read only the records after it.
 *
 * <p>The state is read as a stream ({@link #openState()}), so a state larger than the heap can be
 * stored and loaded: it is held in memory, in a file, or where the journal stored it (the chunks of
 * {@link SqliteSnapshots}), and read from there on each {@link #openState()}.
 *
 * <p>Immutable: the arrays are copied in and out (the state only out, through {@link #state()}). A
 * state in a file must not change while the snapshot is used.
 */
public final class Snapshot {

  /** Where the state's bytes are, and how to read them again. */
  interface Source {
    long length();

    InputStream open() throws IOException;
  }

  private final long seq;
  private final Instant time;
  private final byte[] headHash;
  private final Source state;

  /**
   * A snapshot of the state after record {@code seq}, held in memory.
   *
   * @param seq the last record the state includes, at least 1
   * @param time that record's time
   * @param headHash that record's hash, 32 bytes
   * @param state the state, in the folder's own format
   * @throws IllegalArgumentException if {@code seq} is below 1 or the hash is not 32 bytes
   */
  public Snapshot(long seq, Instant time, byte[] headHash, byte[] state) {
    this(seq, time, headHash, inMemory(state.clone()));
  }

  Snapshot(long seq, Instant time, byte[] headHash, Source state) {
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
    this.state = state;
  }

  /**
   * A snapshot whose state is the content of {@code file}, read when it is stored or opened (the
   * caller keeps the file until then, and deletes it).
   *
   * @throws UncheckedIOException if the file's size cannot be read
   */
  public static Snapshot ofFile(long seq, Instant time, byte[] headHash, Path file) {
    long length;
    try {
      length = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file + ": " + e, e);
    }
    return new Snapshot(
        seq,
        time,
        headHash,
        new Source() {
          @Override
          public long length() {
            return length;
          }

          @Override
          public InputStream open() throws IOException {
            return Files.newInputStream(file);
          }
        });
  }

  static Source inMemory(byte[] bytes) {
    return new Source() {
      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    };
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

  /**
   * The state, read whole into memory (use {@link #openState()} for a large one).
   *
   * @throws UncheckedIOException if it cannot be read
   * @throws IllegalStateException if it is larger than an array can hold
   */
  public byte[] state() {
    if (state.length() > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException(
          "a state of " + state.length() + " bytes does not fit in an array; read it as a stream");
    }
    try (InputStream in = openState()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state of " + this + ": " + e, e);
    }
  }

  /**
   * The state as a stream, from its first byte; the caller closes it.
   *
   * @throws IOException if it cannot be opened (a journal's failure reading it is a {@link
   *     JournalException} from the stream)
   */
  public InputStream openState() throws IOException {
    return state.open();
  }

  /** The length of the state, in bytes. */
  public long stateLength() {
    return state.length();
  }

  /**
   * The checksum the journal stores with it (see {@code docs/journal.md}); reads the whole state.
   *
   * @throws UncheckedIOException if the state cannot be read
   */
  public byte[] checksum() {
    try (InputStream in = openState()) {
      return Hashes.ofSnapshot(seq, time, headHash, state.length(), in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state of " + this + ": " + e, e);
    }
  }

  /** Whether this snapshot is of the state after {@code record}: same seq and hash. */
  public boolean follows(JournalRecord record) {
    return record.seq() == seq && Arrays.equals(record.hashUnsafe(), headHash);
  }

  byte[] headHashUnsafe() {
    return headHash;
  }

  @Override
  public String toString() {
    return "Snapshot[seq=" + seq + ", " + state.length() + " bytes]";
  }
}
