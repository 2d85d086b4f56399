package io.deconflict.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Snapshots} of a journal in an SQLite file: the table {@code snapshots} beside {@code
 * records} (schema in {@code docs/journal.md}).
 *
 * <p>A save runs on the journal's writer thread, with its connection, between two commits, as one
 * transaction ({@code synchronous=FULL}): a crash leaves either the whole new snapshot or none of
 * it, and appends wait behind it instead of failing on SQLite's lock (a snapshot of hundreds of
 * megabytes written by another connection once held the lock past the writer's busy timeout and
 * failed the journal: RestartBench at 100,000 notifications). The appends of that moment are
 * delayed by the time to write it. Reads open their own read-only connection.
 *
 * <p>Thread-safe: SQLite serialises the connections.
 */
public final class SqliteSnapshots implements Snapshots {

  private static final String SELECT =
      "SELECT seq, time_seconds, time_nanos, head_hash, state, checksum FROM snapshots";

  private final Path file;
  private final @Nullable Consumer<SqliteJournal.WriterTask> writer;

  /** Snapshots written through the journal's writer thread ({@code writer}), or read-only. */
  SqliteSnapshots(Path file, @Nullable Consumer<SqliteJournal.WriterTask> writer) {
    this.file = file;
    this.writer = writer;
  }

  /**
   * The snapshots of the journal in {@code file}, for reading only (an audit): nothing is ever
   * written, and a journal without the {@code snapshots} table has none.
   */
  public static SqliteSnapshots readOnly(Path file) {
    return new SqliteSnapshots(file, null);
  }

  @Override
  public void save(Snapshot snapshot, int keep) {
    Consumer<SqliteJournal.WriterTask> journalWriter = writer;
    if (journalWriter == null) {
      throw new UnsupportedOperationException("the snapshots of " + file + " are read-only here");
    }
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be 1 or more, got " + keep);
    }
    try {
      journalWriter.accept(connection -> insert(connection, snapshot, keep));
    } catch (JournalException e) {
      throw new JournalException(
          "cannot save the snapshot after record "
              + snapshot.seq()
              + " in "
              + file
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both halves are stored
  private static void insert(Connection connection, Snapshot snapshot, int keep)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT OR REPLACE INTO snapshots"
                    + " (seq, time_seconds, time_nanos, head_hash, state, checksum)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
          insert.setLong(1, snapshot.seq());
          insert.setLong(2, snapshot.time().getEpochSecond());
          insert.setLong(3, snapshot.time().getNano());
          insert.setBytes(4, snapshot.headHashUnsafe());
          insert.setBytes(5, snapshot.stateUnsafe());
          insert.setBytes(6, snapshot.checksum());
          insert.executeUpdate();
        }
        try (PreparedStatement prune =
            connection.prepareStatement(
                "DELETE FROM snapshots WHERE seq NOT IN"
                    + " (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)")) {
          prune.setInt(1, keep);
          prune.executeUpdate();
        }
        statement.execute("COMMIT");
        committed = true;
      } finally {
        if (!committed) {
          Sqlite.rollbackQuietly(connection);
        }
      }
    }
  }

  @Override
  public List<Long> positions() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try (Connection connection = Sqlite.openReader(file)) {
      if (!Sqlite.hasSnapshotTable(connection)) {
        return List.of();
      }
      List<Long> out = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT seq FROM snapshots ORDER BY seq DESC")) {
        while (rows.next()) {
          out.add(rows.getLong(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new JournalException(
          "cannot read the snapshots of " + file + ": " + Sqlite.reason(e), e);
    }
  }

  @Override
  public Stored load(long seq) {
    try (Connection connection = Sqlite.openReader(file)) {
      if (!Sqlite.hasSnapshotTable(connection)) {
        return missing(seq);
      }
      try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE seq = ?")) {
        select.setLong(1, seq);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? read(seq, rows) : missing(seq);
        }
      }
    } catch (SQLException e) {
      throw new JournalException(
          "cannot read the snapshot after record " + seq + " in " + file + ": " + Sqlite.reason(e),
          e);
    }
  }

  private static Stored missing(long seq) {
    return new Stored(
        seq, Optional.empty(), Optional.of("snapshot after record " + seq + ": not stored"));
  }

  private static Stored read(long seq, ResultSet rows) throws SQLException {
    String where = "snapshot after record " + seq + ": ";
    long seconds = rows.getLong(2);
    long nanos = rows.getLong(3);
    byte[] headHash = rows.getBytes(4);
    byte[] state = rows.getBytes(5);
    byte[] checksum = rows.getBytes(6);
    Instant time;
    try {
      time = Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      return new Stored(seq, Optional.empty(), Optional.of(where + "its time is out of range"));
    }
    if (headHash == null || headHash.length != Hashes.LENGTH || state == null) {
      return new Stored(
          seq, Optional.empty(), Optional.of(where + "its head hash or state is malformed"));
    }
    Snapshot snapshot = new Snapshot(seq, time, headHash, state);
    byte[] computed = snapshot.checksum();
    if (checksum == null || !Arrays.equals(checksum, computed)) {
      return new Stored(
          seq,
          Optional.of(snapshot),
          Optional.of(
              where
                  + "checksum does not match its content (stored "
                  + (checksum == null ? "none" : Hashes.abbreviated(checksum))
                  + ", computed "
                  + Hashes.abbreviated(computed)
                  + ")"));
    }
    return new Stored(seq, Optional.of(snapshot), Optional.empty());
  }

  @Override
  public String toString() {
    return "SqliteSnapshots[" + file + (writer != null ? "" : ", read-only") + "]";
  }
}
