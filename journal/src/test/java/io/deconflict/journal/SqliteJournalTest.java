package io.deconflict.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJournalTest extends JournalContractTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("journal.db");
  }

  @Override
  protected Journal openJournal() {
    return SqliteJournal.open(file());
  }

  @Test
  void theFileIsSqliteInWalModeWithFullSyncAndFormatVersion1() throws SQLException {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      journal.append(List.of(entry(1)));
    }

    try (Connection connection = connect(file())) {
      assertThat(query(connection, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(query(connection, "SELECT value FROM meta WHERE key = 'format_version'"))
          .isEqualTo("1");
      assertThat(query(connection, "SELECT type FROM records WHERE seq = 1"))
          .isEqualTo("test.event");
    }
    assertThat(Files.exists(Path.of(file() + "-wal"))).as("checkpointed on close").isFalse();
  }

  @Test
  void callersQueuedWhileTheWriterIsBusyShareOneCommit() throws Exception {
    HeldWriter held = new HeldWriter();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (SqliteJournal journal = SqliteJournal.open(file(), held)) {
      Future<List<JournalRecord>> first = pool.submit(() -> journal.append(List.of(entry(0))));
      held.awaitFirstBatch();
      List<Future<List<JournalRecord>>> queued = new ArrayList<>();
      for (int caller = 1; caller <= 7; caller++) {
        int n = caller * 10;
        queued.add(pool.submit(() -> journal.append(List.of(entry(n), entry(n + 1)))));
      }
      await(() -> journal.queuedAppends() == 7);
      held.release();

      assertThat(first.get(20, TimeUnit.SECONDS))
          .extracting(JournalRecord::seq)
          .containsExactly(1L);
      List<Long> firstSeqs = new ArrayList<>();
      for (Future<List<JournalRecord>> future : queued) {
        List<JournalRecord> records = future.get(20, TimeUnit.SECONDS);
        assertThat(records.get(1).seq()).isEqualTo(records.get(0).seq() + 1);
        firstSeqs.add(records.get(0).seq());
      }
      assertThat(firstSeqs).containsExactlyInAnyOrder(2L, 4L, 6L, 8L, 10L, 12L, 14L);
      assertThat(held.callersPerBatch).containsExactly(1, 7);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedBatchFailsExactlyItsCallersAndStoresNothing() throws Exception {
    HeldWriter held = new HeldWriter();
    held.failBatch = 2;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (SqliteJournal journal = SqliteJournal.open(file(), held)) {
      Future<List<JournalRecord>> first = pool.submit(() -> journal.append(List.of(entry(0))));
      held.awaitFirstBatch();
      List<Future<List<JournalRecord>>> doomed = new ArrayList<>();
      for (int caller = 1; caller <= 5; caller++) {
        int n = caller * 10;
        doomed.add(pool.submit(() -> journal.append(List.of(entry(n), entry(n + 1)))));
      }
      await(() -> journal.queuedAppends() == 5);
      held.release();

      JournalRecord one = first.get(20, TimeUnit.SECONDS).get(0);
      for (Future<List<JournalRecord>> future : doomed) {
        assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(JournalException.class)
            .hasMessageContaining("disk on fire", "10 entries from 5 callers, rolled back");
      }
      assertThat(journal.lastSeq()).isEqualTo(1);

      JournalRecord next = journal.append(List.of(entry(99))).get(0);
      assertThat(next.seq()).isEqualTo(2);
      assertThat(next.previousHash()).isEqualTo(one.hash());
      assertThat(readAll(journal, 1)).extracting(JournalRecord::seq).containsExactly(1L, 2L);
    } finally {
      pool.shutdownNow();
    }
    assertThat(JournalVerifier.verify(file()).ok()).isTrue();
  }

  @Test
  void recordsAreInvisibleUntilCommitted() {
    List<Long> seenBeforeCommit = Collections.synchronizedList(new ArrayList<>());
    SqliteJournal[] self = new SqliteJournal[1];
    WriterHook hook =
        (callers, records) -> {
          List<Long> seqs = new ArrayList<>();
          self[0].read(1, record -> seqs.add(record.seq()));
          seenBeforeCommit.add(self[0].lastSeq());
          seenBeforeCommit.add((long) seqs.size());
        };
    try (SqliteJournal journal = SqliteJournal.open(file(), hook)) {
      self[0] = journal;
      journal.append(List.of(entry(1), entry(2)));
      journal.append(List.of(entry(3)));

      assertThat(seenBeforeCommit).containsExactly(0L, 0L, 2L, 2L);
      assertThat(journal.lastSeq()).isEqualTo(3);
    }
  }

  @Test
  void closeStoresWhatWasAlreadyQueued() throws Exception {
    HeldWriter held = new HeldWriter();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    SqliteJournal journal = SqliteJournal.open(file(), held);
    try {
      Future<List<JournalRecord>> first = pool.submit(() -> journal.append(List.of(entry(0))));
      held.awaitFirstBatch();
      List<Future<List<JournalRecord>>> queued = new ArrayList<>();
      for (int caller = 1; caller <= 5; caller++) {
        int n = caller;
        queued.add(pool.submit(() -> journal.append(List.of(entry(n)))));
      }
      await(() -> journal.queuedAppends() == 5);
      Future<?> closing = pool.submit(journal::close);
      await(() -> isClosed(journal));
      assertThatThrownBy(() -> journal.append(List.of(entry(9))))
          .isInstanceOf(IllegalStateException.class);
      held.release();

      closing.get(20, TimeUnit.SECONDS);
      first.get(20, TimeUnit.SECONDS);
      for (Future<List<JournalRecord>> future : queued) {
        assertThat(future.get(20, TimeUnit.SECONDS)).hasSize(1);
      }
    } finally {
      held.release();
      journal.close();
      pool.shutdownNow();
    }
    try (SqliteJournal again = SqliteJournal.open(file())) {
      assertThat(again.lastSeq()).isEqualTo(6);
    }
  }

  @Test
  void anInterruptedCallerStillGetsItsRecordsAndKeepsTheInterrupt() {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      Thread.currentThread().interrupt();
      try {
        assertThat(journal.append(List.of(entry(1)))).hasSize(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void openRefusesAJournalWhoseLastRecordWasChanged() throws SQLException {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      for (int n = 1; n <= 20; n++) {
        journal.append(List.of(entry(n)));
      }
    }
    try (Connection connection = connect(file());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER records_no_update");
      statement.execute("UPDATE records SET payload = x'00' WHERE seq = 20");
    }

    assertThatThrownBy(() -> SqliteJournal.open(file()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("refusing to open", "record 20: hash does not match");
  }

  @Test
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both halves are stored
  void openRefusesAJournalWhoseLastRecordDoesNotLinkToTheOneBefore() throws SQLException {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      journal.append(List.of(entry(1), entry(2), entry(3)));
    }
    JournalRecord forged = JournalRecord.chain(3, entry(33), JournalRecord.zeroHash());
    try (Connection connection = connect(file());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER records_no_update");
      statement.execute(
          "UPDATE records SET payload = x'"
              + HexFormat.of().formatHex(forged.payload())
              + "', previous_hash = zeroblob(32), hash = x'"
              + forged.hashHex()
              + "', time_seconds = "
              + forged.time().getEpochSecond()
              + ", time_nanos = "
              + forged.time().getNano()
              + " WHERE seq = 3");
    }

    assertThatThrownBy(() -> SqliteJournal.open(file()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("record 3: previous hash does not match record 2");
  }

  @Test
  void readStopsAtADamagedRecordAndNamesIt() throws SQLException {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      for (int n = 1; n <= 20; n++) {
        journal.append(List.of(entry(n)));
      }
    }
    try (Connection connection = connect(file());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER records_no_update");
      statement.execute("UPDATE records SET type = 'forged' WHERE seq = 10");
    }

    try (SqliteJournal journal = SqliteJournal.open(file())) {
      List<Long> seen = new ArrayList<>();
      assertThatThrownBy(() -> journal.read(1, record -> seen.add(record.seq())))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining("record 10: hash does not match its content");
      assertThat(seen).hasSize(9);
      assertThat(readAll(journal, 12)).hasSize(9);
      assertThatThrownBy(() -> journal.read(11, record -> {}))
          .as("reading from 11 checks the link from record 10")
          .hasMessageContaining("record 10");
    }
  }

  @Test
  void theRecordsTableRefusesUpdatesAndDeletes() throws SQLException {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      journal.append(List.of(entry(1)));
    }
    try (Connection connection = connect(file());
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("UPDATE records SET type = 'x'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> statement.execute("DELETE FROM records"))
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void openRefusesWhatIsNotAJournal() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "these are not the records you are looking for\n".repeat(100));
    assertThatThrownBy(() -> SqliteJournal.open(text))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(text.toString(), "file is not a database");

    Path other = dir.resolve("other.db");
    try (Connection connection = connect(other);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE people (name TEXT)");
    }
    assertThatThrownBy(() -> SqliteJournal.open(other))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("not a journal", "people");

    try (SqliteJournal journal = SqliteJournal.open(file())) {
      journal.append(List.of(entry(1)));
    }
    try (Connection connection = connect(file());
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE meta SET value = '2' WHERE key = 'format_version'");
    }
    assertThatThrownBy(() -> SqliteJournal.open(file()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("format version 2");

    assertThatThrownBy(() -> SqliteJournal.open(dir.resolve("missing/journal.db")))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> SqliteJournal.open(dir))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("directory");
  }

  @Test
  void verifyingWhileAppendingSeesACommittedPrefix() {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      journal.append(List.of(entry(1), entry(2)));
      Verification verification = JournalVerifier.verify(file());
      journal.append(List.of(entry(3)));

      assertThat(verification.ok()).isTrue();
      assertThat(verification.recordsChecked()).isEqualTo(2);
      assertThat(JournalVerifier.verify(file()).recordsChecked()).isEqualTo(3);
    }
  }

  static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return new String(rows.getBytes(1), UTF_8);
    }
  }

  private static boolean isClosed(Journal journal) {
    try {
      journal.lastSeq();
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Holds the writer in its first batch until released; can fail a chosen batch. */
  private static final class HeldWriter implements WriterHook {
    final List<Integer> callersPerBatch = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch inFirstBatch = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    volatile int failBatch = -1;

    @Override
    public void beforeCommit(int callers, List<JournalRecord> records) throws SQLException {
      callersPerBatch.add(callers);
      int batch = callersPerBatch.size();
      if (batch == 1) {
        inFirstBatch.countDown();
        try {
          if (!released.await(30, TimeUnit.SECONDS)) {
            throw new SQLException("the test never released the writer");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException(e);
        }
      }
      if (batch == failBatch) {
        throw new SQLException("disk on fire");
      }
    }

    void awaitFirstBatch() throws InterruptedException {
      assertThat(inFirstBatch.await(20, TimeUnit.SECONDS)).isTrue();
    }

    void release() {
      released.countDown();
    }
  }
}
