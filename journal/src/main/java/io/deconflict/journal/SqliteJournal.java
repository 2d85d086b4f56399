package io.deconflict.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Journal} in an embedded SQLite file: one table {@code records}, one row per record, and
 * a table {@code meta} holding the format version (schema in {@code docs/journal.md}).
 *
 * <p><b>Durability.</b> The database is in WAL mode with {@code synchronous=FULL}: a commit returns
 * only after the write-ahead log is synced to disk, and {@link #append} returns only after the
 * commit. {@link #read} and {@link #lastSeq} use other, read-only connections, which see a
 * transaction only once it is committed, and therefore durable.
 *
 * <p><b>Group commit.</b> One writer thread takes appends from a queue. Whatever has queued up
 * while it was busy goes into one transaction ({@code BEGIN IMMEDIATE} ... {@code COMMIT}, one
 * sync); then every caller of that batch is answered. Each caller's entries get consecutive
 * sequence numbers. If the transaction fails, SQLite rolls it back whole and the callers of that
 * batch, and only they, get a {@link JournalException}; the next batch starts from the unchanged
 * last record. The writer reads the last record inside each transaction, so even a second process
 * appending to the same file cannot fork the chain.
 *
 * <p><b>Opening</b> creates the file and the schema if absent, and otherwise checks that the file
 * is a journal of this format whose last record's hash recomputes and links to the record before.
 * It does not walk the whole chain; {@link JournalVerifier} does.
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread. {@link #read} checks each
 * record's hash and link as it goes, costing one SHA-256 per record, and calls its sink outside any
 * database statement, so a sink may append.
 */
public final class SqliteJournal implements Journal {

  /** Records fetched per query by {@link #read}, each query its own short read transaction. */
  private static final int READ_PAGE_RECORDS = 1_000;

  /** Idle read connections kept for reuse; more are closed when returned. */
  private static final int MAX_IDLE_READERS = 4;

  /** Queued after the last request by {@link #close}; nothing is queued after it. */
  private static final Request STOP = new Request(List.of());

  private final Path file;
  private final WriterHook hook;
  private final SqliteSnapshots snapshots;
  private final SqliteRecordIndex index;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread writerThread;

  /** Guards {@link #closed}, the queue's last element, and {@link #idleReaders}. */
  private final Object lock = new Object();

  private boolean closed;
  private final ArrayDeque<Connection> idleReaders = new ArrayDeque<>();

  /** Used only by the writer thread once the constructor returns. */
  private final Connection writer;

  private SqliteJournal(Path file, Connection writer, WriterHook hook) {
    this.file = file;
    this.writer = writer;
    this.hook = hook;
    this.snapshots = new SqliteSnapshots(file, this::onWriter);
    this.index = new SqliteRecordIndex(file);
    this.writerThread = new Thread(this::writeUntilStopped, "journal-writer " + file.getFileName());
    writerThread.setDaemon(true); // callers wait on their futures; nothing unacknowledged is lost
    writerThread.start();
  }

  /**
   * Opens the journal in {@code file}, creating the file and its schema if absent.
   *
   * @throws JournalException if the directory does not exist, the file is not an SQLite database,
   *     is another kind of database, has another format version, or its last record does not
   *     recompute or link (the message names the record)
   */
  public static SqliteJournal open(Path file) {
    return open(file, WriterHook.NONE);
  }

  /** Opens as {@link #open(Path)} does, with {@code hook} called before every commit. */
  static SqliteJournal open(Path file, WriterHook hook) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new JournalException(
          "cannot open journal " + file + ": directory " + parent + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new JournalException("cannot open journal " + file + ": it is a directory");
    }
    boolean created = !Files.exists(file);
    Connection writer;
    try {
      writer = Sqlite.openWriter(file);
    } catch (SQLException e) {
      throw new JournalException("cannot open journal " + file + ": " + Sqlite.reason(e), e);
    }
    try {
      Sqlite.createOrCheckSchema(writer, file);
      checkTail(writer, file);
      if (created && parent != null) {
        syncDirectory(parent);
      }
    } catch (SQLException e) {
      Sqlite.closeQuietly(writer);
      throw new JournalException("cannot open journal " + file + ": " + Sqlite.reason(e), e);
    } catch (RuntimeException e) {
      Sqlite.closeQuietly(writer);
      throw e;
    }
    return new SqliteJournal(file, writer, hook);
  }

  @Override
  public List<JournalRecord> append(List<Entry> entries) {
    return enqueue(new Request(List.copyOf(entries)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Checked inside the transaction that appends: one process writes a file, so the head moves
   * only through this instance's own appends.
   */
  @Override
  public List<JournalRecord> appendAfter(long expectedLastSeq, List<Entry> entries) {
    if (expectedLastSeq < 0) {
      throw new IllegalArgumentException(
          "expectedLastSeq must be 0 or more, got " + expectedLastSeq);
    }
    return enqueue(new Request(List.copyOf(entries), null, expectedLastSeq));
  }

  private List<JournalRecord> enqueue(Request request) {
    List<Entry> copy = request.entries();
    synchronized (lock) {
      checkOpen();
      if (copy.isEmpty()) {
        return List.of();
      }
      queue.add(request);
    }
    return Appends.await(request.result());
  }

  @Override
  public void read(long fromSeq, long toSeq, Consumer<JournalRecord> sink) {
    if (fromSeq < 0) {
      throw new IllegalArgumentException("fromSeq must be 0 or more, got " + fromSeq);
    }
    Connection reader = borrowReader();
    try {
      long head = Math.min(toSeq, Sqlite.lastSeq(reader));
      if (fromSeq > head) {
        return;
      }
      // one record early, to check the link into fromSeq
      Chain chain = Chain.startingAt(Math.max(1, fromSeq - 1));
      List<JournalRecord> page = new ArrayList<>(READ_PAGE_RECORDS);
      while (chain.expectedSeq() <= head) {
        page.clear();
        Chain.Break broken = null;
        try {
          readPage(reader, chain, head, page);
        } catch (Chain.Break e) {
          broken = e; // the sink still gets the good records before it
        }
        for (JournalRecord record : page) {
          if (record.seq() >= fromSeq) {
            sink.accept(record);
          }
        }
        if (broken != null) {
          throw new JournalException(
              "journal "
                  + file
                  + " is damaged: "
                  + broken.problem()
                  + "; run deconflict audit verify",
              broken);
        }
        if (page.isEmpty()) {
          throw new JournalException(
              "journal " + file + " is damaged: record " + chain.expectedSeq() + " is missing");
        }
      }
    } catch (SQLException e) {
      throw new JournalException("cannot read journal " + file + ": " + Sqlite.reason(e), e);
    } finally {
      release(reader);
    }
  }

  /** The snapshots stored beside the records, in the same file. */
  @Override
  public Optional<Snapshots> snapshots() {
    return Optional.of(snapshots);
  }

  /** The keys of the records, in the same file, written in the records' transactions. */
  @Override
  public Optional<RecordIndex> index() {
    return Optional.of(index);
  }

  @Override
  public long lastSeq() {
    Connection reader = borrowReader();
    try {
      return Sqlite.lastSeq(reader);
    } catch (SQLException e) {
      throw new JournalException("cannot read journal " + file + ": " + Sqlite.reason(e), e);
    } finally {
      release(reader);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        // readers first, so that the writer's connection is the last and SQLite checkpoints the
        // write-ahead log into the database file when it closes
        while (!idleReaders.isEmpty()) {
          Sqlite.closeQuietly(idleReaders.pop());
        }
        queue.add(STOP);
      }
    }
    boolean interrupted = false;
    while (writerThread.isAlive() && Thread.currentThread() != writerThread) {
      try {
        writerThread.join();
      } catch (InterruptedException e) {
        interrupted = true; // the queue is drained regardless; waiting is short
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "SqliteJournal[" + file + "]";
  }

  /**
   * Runs {@code task} on the writer thread with its connection, between two commits, and returns
   * once it has run: the journal's one writer does every write to the file, so a long write (a
   * snapshot) delays appends but never makes them fail on SQLite's lock.
   *
   * @throws JournalException if the task fails
   * @throws IllegalStateException if the journal is closed
   */
  void onWriter(WriterTask task) {
    Request request = new Request(List.of(), task);
    synchronized (lock) {
      checkOpen();
      queue.add(request);
    }
    Appends.await(request.result());
  }

  /** Work for the writer thread's connection. */
  @FunctionalInterface
  interface WriterTask {
    void run(Connection writer) throws SQLException;
  }

  /** How many appends wait for the writer; for tests. */
  int queuedAppends() {
    return queue.size();
  }

  // ---- the writer thread

  private void writeUntilStopped() {
    List<Request> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // nobody but close() stops the writer, and it does so through the queue
      }
      queue.drainTo(batch);
      stopping = batch.remove(STOP); // STOP is last: close() queues nothing after it
      List<Request> tasks = new ArrayList<>();
      batch.removeIf(r -> r.task() != null && tasks.add(r));
      List<Request> conditional = new ArrayList<>();
      batch.removeIf(r -> r.expectedLastSeq() >= 0 && conditional.add(r));
      if (!batch.isEmpty()) {
        write(batch);
      }
      for (Request r : conditional) {
        write(List.of(r)); // alone: its check is against the head it finds
      }
      for (Request r : tasks) {
        runTask(r);
      }
    }
    Sqlite.closeQuietly(writer);
  }

  private void runTask(Request r) {
    WriterTask task = r.task();
    try {
      if (task != null) {
        task.run(writer);
      }
      r.result().complete(List.of());
    } catch (SQLException e) {
      Sqlite.rollbackQuietly(writer);
      r.result()
          .completeExceptionally(
              new JournalException("cannot write to " + file + ": " + Sqlite.reason(e), e));
    } catch (RuntimeException | Error e) {
      Sqlite.rollbackQuietly(writer);
      r.result().completeExceptionally(new JournalException("cannot write to " + file, e));
    }
  }

  /** Stores the batch in one transaction and answers its callers. */
  private void write(List<Request> batch) {
    List<List<JournalRecord>> stored;
    try {
      stored = commit(batch);
    } catch (HeadMovedException e) {
      fail(batch, e);
      return;
    } catch (SQLException e) {
      fail(batch, new JournalException(cannotAppend(batch, Sqlite.reason(e)), e));
      return;
    } catch (RuntimeException | Error e) { // must reach the callers, or they wait forever
      fail(batch, new JournalException(cannotAppend(batch, e.toString()), e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(stored.get(i));
    }
  }

  private List<List<JournalRecord>> commit(List<Request> batch) throws SQLException {
    try (Statement statement = writer.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        long seq;
        byte[] previousHash;
        try (ResultSet tail =
            statement.executeQuery("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1")) {
          boolean empty = !tail.next();
          seq = empty ? 0 : tail.getLong(1);
          previousHash = empty ? JournalRecord.zeroHash() : tail.getBytes(2);
        }
        long expected = batch.get(0).expectedLastSeq();
        if (expected >= 0 && expected != seq) {
          throw new HeadMovedException(file.toString(), expected, seq);
        }
        List<List<JournalRecord>> stored = new ArrayList<>(batch.size());
        List<JournalRecord> all = new ArrayList<>();
        boolean keyed = false;
        try (PreparedStatement insert = writer.prepareStatement(Sqlite.INSERT_RECORD);
            PreparedStatement insertKey = writer.prepareStatement(SqliteRecordIndex.INSERT)) {
          for (Request request : batch) {
            List<JournalRecord> records = new ArrayList<>(request.entries().size());
            for (Entry entry : request.entries()) {
              JournalRecord record = JournalRecord.chain(++seq, entry, previousHash);
              bind(insert, record);
              insert.addBatch();
              for (String key : entry.keys()) {
                insertKey.setString(1, key);
                insertKey.setLong(2, seq);
                insertKey.addBatch();
                keyed = true;
              }
              records.add(record);
              previousHash = record.hashUnsafe();
            }
            stored.add(List.copyOf(records));
            all.addAll(records);
          }
          insert.executeBatch();
          if (keyed) {
            insertKey.executeBatch();
          }
        }
        hook.beforeCommit(batch.size(), all);
        statement.execute("COMMIT");
        committed = true;
        return stored;
      } finally {
        if (!committed) {
          Sqlite.rollbackQuietly(writer);
        }
      }
    }
  }

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both halves are stored
  private static void bind(PreparedStatement insert, JournalRecord record) throws SQLException {
    insert.setLong(1, record.seq());
    insert.setLong(2, record.time().getEpochSecond());
    insert.setLong(3, record.time().getNano());
    insert.setString(4, record.type());
    insert.setBytes(5, record.payloadUnsafe());
    insert.setBytes(6, record.previousHash());
    insert.setBytes(7, record.hashUnsafe());
  }

  private String cannotAppend(List<Request> batch, String reason) {
    int entries = batch.stream().mapToInt(request -> request.entries().size()).sum();
    return "cannot append to journal "
        + file
        + ": "
        + reason
        + " (a batch of "
        + entries
        + " entries from "
        + batch.size()
        + " callers, rolled back)";
  }

  private static void fail(List<Request> batch, JournalException failure) {
    for (Request request : batch) {
      request.result().completeExceptionally(failure);
    }
  }

  // ---- callers' side

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("journal " + file + " is closed");
    }
  }

  private Connection borrowReader() {
    Connection idle;
    synchronized (lock) {
      checkOpen();
      idle = idleReaders.poll();
    }
    if (idle != null) {
      return idle;
    }
    try {
      return Sqlite.openReader(file);
    } catch (SQLException e) {
      throw new JournalException("cannot read journal " + file + ": " + Sqlite.reason(e), e);
    }
  }

  private void release(Connection reader) {
    synchronized (lock) {
      if (!closed && idleReaders.size() < MAX_IDLE_READERS) {
        idleReaders.push(reader);
        return;
      }
    }
    Sqlite.closeQuietly(reader);
  }

  /** Reads up to a page of records from the chain's next one to {@code head} into {@code page}. */
  private static void readPage(Connection reader, Chain chain, long head, List<JournalRecord> page)
      throws SQLException, Chain.Break {
    try (PreparedStatement select =
        reader.prepareStatement(
            Sqlite.SELECT_RECORDS + " WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")) {
      select.setLong(1, chain.expectedSeq());
      select.setLong(2, head);
      select.setInt(3, READ_PAGE_RECORDS);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          page.add(chain.accept(rows));
        }
      }
    }
  }

  // ---- opening

  /**
   * Checks the last record: its hash recomputes, and it links to the record before, whose hash
   * recomputes too.
   */
  private static void checkTail(Connection connection, Path file) throws SQLException {
    long head = Sqlite.lastSeq(connection);
    if (head == 0) {
      return;
    }
    Chain chain = Chain.startingAt(head - 1);
    try (PreparedStatement select =
        connection.prepareStatement(Sqlite.SELECT_RECORDS + " WHERE seq >= ? ORDER BY seq")) {
      select.setLong(1, Math.max(1, head - 1));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          chain.accept(rows);
        }
      }
    } catch (Chain.Break e) {
      throw new JournalException(
          "refusing to open journal "
              + file
              + ": its last records are damaged: "
              + e.problem()
              + "; run deconflict audit verify",
          e);
    }
  }

  /** Makes the new file's directory entry durable; not possible everywhere (Windows). */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // best effort: directories cannot be opened or synced on every platform
    }
  }

  /** One caller's entries and where its answer goes. Compared by identity. */
  private static final class Request {
    private final List<Entry> entries;
    private final @Nullable WriterTask task;

    /** The last record an {@link #appendAfter} expects, or -1 for a plain append. */
    private final long expectedLastSeq;

    private final CompletableFuture<List<JournalRecord>> result = new CompletableFuture<>();

    Request(List<Entry> entries) {
      this(entries, null);
    }

    Request(List<Entry> entries, @Nullable WriterTask task) {
      this(entries, task, -1);
    }

    Request(List<Entry> entries, @Nullable WriterTask task, long expectedLastSeq) {
      this.entries = entries;
      this.task = task;
      this.expectedLastSeq = expectedLastSeq;
    }

    long expectedLastSeq() {
      return expectedLastSeq;
    }

    @Nullable WriterTask task() {
      return task;
    }

    List<Entry> entries() {
      return entries;
    }

    CompletableFuture<List<JournalRecord>> result() {
      return result;
    }
  }
}
