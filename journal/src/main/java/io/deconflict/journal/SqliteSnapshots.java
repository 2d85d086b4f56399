package io.deconflict.journal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
      "SELECT seq, time_seconds, time_nanos, head_hash, state, checksum,"
          + " (SELECT count(*) FROM snapshot_chunks c WHERE c.seq = snapshots.seq),"
          + " (SELECT coalesce(sum(length(bytes)), 0) FROM snapshot_chunks c"
          + " WHERE c.seq = snapshots.seq)"
          + " FROM snapshots";

  /** As {@link #SELECT}, in a file whose snapshots were all stored before chunks. */
  private static final String SELECT_UNCHUNKED =
      "SELECT seq, time_seconds, time_nanos, head_hash, state, checksum, 0, 0 FROM snapshots";

  /** The bytes of one row of {@code snapshot_chunks} (the last of a state may be shorter). */
  static final int CHUNK_BYTES = 1 << 20;

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

  /**
   * Snapshots in an SQLite file of their own, beside a journal kept elsewhere (a service node's
   * local snapshots of a journal on Kafka, D40): the same tables {@code snapshots} and {@code
   * snapshot_chunks} as in a journal file, and no records. The file is created at the first save
   * (its directory must exist); until then there are none. Each save opens a connection of its own
   * ({@code synchronous=FULL}, one transaction), so saves must not run concurrently in several
   * processes on one file; in one process they are serialised.
   */
  public static SqliteSnapshots inFile(Path file) {
    Object saving = new Object();
    return new SqliteSnapshots(
        file,
        task -> {
          synchronized (saving) {
            try (Connection connection = Sqlite.openWriter(file)) {
              Sqlite.createSnapshotTables(connection);
              task.run(connection);
            } catch (SQLException e) {
              throw new JournalException(Sqlite.reason(e), e);
            }
          }
        });
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
        try (PreparedStatement clear =
            connection.prepareStatement("DELETE FROM snapshot_chunks WHERE seq = ?")) {
          clear.setLong(1, snapshot.seq());
          clear.executeUpdate();
        }
        byte[] checksum = insertChunks(connection, snapshot);
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT OR REPLACE INTO snapshots"
                    + " (seq, time_seconds, time_nanos, head_hash, state, checksum)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
          insert.setLong(1, snapshot.seq());
          insert.setLong(2, snapshot.time().getEpochSecond());
          insert.setLong(3, snapshot.time().getNano());
          insert.setBytes(4, snapshot.headHashUnsafe());
          insert.setBytes(5, new byte[0]); // the state is in snapshot_chunks
          insert.setBytes(6, checksum);
          insert.executeUpdate();
        }
        try (PreparedStatement prune =
            connection.prepareStatement(
                "DELETE FROM snapshots WHERE seq NOT IN"
                    + " (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)")) {
          prune.setInt(1, keep);
          prune.executeUpdate();
        }
        statement.execute(
            "DELETE FROM snapshot_chunks WHERE seq NOT IN (SELECT seq FROM snapshots)");
        statement.execute("COMMIT");
        committed = true;
      } finally {
        if (!committed) {
          Sqlite.rollbackQuietly(connection);
        }
      }
    }
  }

  /**
   * Writes the state in chunks of {@link #CHUNK_BYTES}, numbered from 0, computing the checksum as
   * it goes: one chunk in memory at a time.
   */
  private static byte[] insertChunks(Connection connection, Snapshot snapshot) throws SQLException {
    try (InputStream state = snapshot.openState();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO snapshot_chunks (seq, n, bytes) VALUES (?, ?, ?)")) {
      InputStream counted =
          new FilterInputStream(state) {
            int chunk;
            final byte[] buffer = new byte[CHUNK_BYTES];
            int filled;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int n = super.read(b, off, len);
              for (int i = 0; i < n; ) {
                int take = Math.min(n - i, CHUNK_BYTES - filled);
                System.arraycopy(b, off + i, buffer, filled, take);
                filled += take;
                i += take;
                if (filled == CHUNK_BYTES) {
                  flush();
                }
              }
              if (n < 0 && filled > 0) {
                flush();
              }
              return n;
            }

            private void flush() throws IOException {
              try {
                insert.setLong(1, snapshot.seq());
                insert.setInt(2, chunk++);
                insert.setBytes(3, Arrays.copyOf(buffer, filled));
                insert.executeUpdate();
              } catch (SQLException e) {
                throw new IOException(e);
              }
              filled = 0;
            }
          };
      return Hashes.ofSnapshot(
          snapshot.seq(),
          snapshot.time(),
          snapshot.headHashUnsafe(),
          snapshot.stateLength(),
          counted);
    } catch (IOException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new JournalException("cannot read the state of " + snapshot + ": " + e, e);
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
      String query = Sqlite.hasTable(connection, "snapshot_chunks") ? SELECT : SELECT_UNCHUNKED;
      try (PreparedStatement select = connection.prepareStatement(query + " WHERE seq = ?")) {
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

  private Stored read(long seq, ResultSet rows) throws SQLException {
    String where = "snapshot after record " + seq + ": ";
    long seconds = rows.getLong(2);
    long nanos = rows.getLong(3);
    byte[] headHash = rows.getBytes(4);
    byte[] state = rows.getBytes(5);
    byte[] checksum = rows.getBytes(6);
    int chunks = rows.getInt(7);
    long chunkBytes = rows.getLong(8);
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
    Snapshot snapshot =
        chunks == 0 && state.length > 0
            ? new Snapshot(seq, time, headHash, Snapshot.inMemory(state)) // before chunks
            : new Snapshot(seq, time, headHash, new Chunks(file, seq, chunks, chunkBytes));
    byte[] computed;
    try {
      computed = snapshot.checksum();
    } catch (UncheckedIOException | JournalException e) {
      return new Stored(
          seq, Optional.of(snapshot), Optional.of(where + "its state cannot be read: " + e));
    }
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

  /**
   * A state stored in {@code snapshot_chunks}, read one chunk at a time on a connection of its own
   * per stream; a chunk missing or out of order ends the stream with an {@link IOException}.
   */
  private record Chunks(Path file, long seq, int count, long length) implements Snapshot.Source {

    @Override
    public InputStream open() throws IOException {
      Connection connection;
      try {
        connection = Sqlite.openReader(file);
      } catch (SQLException e) {
        throw new IOException("cannot read " + file + ": " + Sqlite.reason(e), e);
      }
      return new InputStream() {
        private int next;
        private byte[] chunk = new byte[0];
        private int at;
        private boolean closed;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          while (at == chunk.length) {
            if (next == count) {
              return -1;
            }
            chunk = load(next++);
            at = 0;
          }
          int n = Math.min(len, chunk.length - at);
          System.arraycopy(chunk, at, b, off, n);
          at += n;
          return n;
        }

        private byte[] load(int n) throws IOException {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT bytes FROM snapshot_chunks WHERE seq = ? AND n = ?")) {
            select.setLong(1, seq);
            select.setInt(2, n);
            try (ResultSet rows = select.executeQuery()) {
              byte[] bytes = rows.next() ? rows.getBytes(1) : null;
              if (bytes == null) {
                throw new IOException(
                    "chunk " + n + " of the snapshot after record " + seq + " is missing");
              }
              return bytes;
            }
          } catch (SQLException e) {
            throw new IOException("cannot read " + file + ": " + Sqlite.reason(e), e);
          }
        }

        @Override
        public void close() {
          if (!closed) {
            closed = true;
            Sqlite.closeQuietly(connection);
          }
        }
      };
    }
  }

  @Override
  public String toString() {
    return "SqliteSnapshots[" + file + (writer != null ? "" : ", read-only") + "]";
  }
}
