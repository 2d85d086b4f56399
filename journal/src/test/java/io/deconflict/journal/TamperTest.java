package io.deconflict.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampers with a closed journal file, in its raw bytes and through SQL, and checks that {@link
 * JournalVerifier} names the first record affected.
 */
class TamperTest {

  private static final int RECORDS = 50;
  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

  @TempDir Path dir;

  private Path file;
  private List<JournalRecord> written;

  @BeforeEach
  void writeJournal() {
    file = dir.resolve("journal.db");
    List<Entry> entries = new ArrayList<>();
    for (int n = 1; n <= RECORDS; n++) {
      entries.add(new Entry(T0.plusSeconds(n), "movement.notified", payload(n)));
    }
    try (SqliteJournal journal = SqliteJournal.open(file)) {
      written = new ArrayList<>(journal.append(entries.subList(0, 20)));
      for (Entry entry : entries.subList(20, RECORDS)) {
        written.addAll(journal.append(List.of(entry)));
      }
    }
  }

  /** A payload unique to record {@code n}, about 200 bytes, so that the file has several pages. */
  private static byte[] payload(int n) {
    return String.format(
            "{\"movement\":\"tamper-target-%04d\",\"note\":\"%s\"}", n, "x".repeat(150))
        .getBytes(UTF_8);
  }

  @Test
  void anUntouchedJournalVerifies() {
    Verification verification = JournalVerifier.verify(file);

    assertThat(verification.ok()).isTrue();
    assertThat(verification.recordsChecked()).isEqualTo(RECORDS);
    assertThat(verification.firstBadSeq()).isEmpty();
    assertThat(verification.problem()).isEmpty();
    assertThat(verification.lastHashHex()).contains(written.get(RECORDS - 1).hashHex());
  }

  @Test
  void anEmptyJournalVerifies() {
    Path empty = dir.resolve("empty.db");
    SqliteJournal.open(empty).close();

    Verification verification = JournalVerifier.verify(empty);

    assertThat(verification.ok()).isTrue();
    assertThat(verification.recordsChecked()).isZero();
    assertThat(verification.lastHashHex()).isEmpty();
  }

  @Test
  void aFlippedPayloadByteInTheFileNamesItsRecord() throws IOException {
    assertThat(Path.of(file + "-wal")).as("the log was checkpointed on close").doesNotExist();
    byte[] bytes = Files.readAllBytes(file);
    byte[] target = "tamper-target-0023".getBytes(UTF_8);
    int at = indexOf(bytes, target, 0);
    assertThat(at).as("the payload is in the file").isNotNegative();
    assertThat(indexOf(bytes, target, at + 1)).as("and only once").isNegative();
    bytes[at + 3] ^= 0x01; // "tamper" becomes "talper"
    Files.write(file, bytes);

    Verification verification = JournalVerifier.verify(file);

    assertBroken(verification, 23, "record 23: hash does not match its content (stored ");
    assertThat(verification.problem().orElseThrow())
        .containsPattern("computed [0-9a-f]{12}\\.\\.\\.\\)");
    assertThat(verification.recordsChecked()).isEqualTo(22);
    assertThat(verification.lastHashHex()).contains(written.get(21).hashHex());
  }

  @Test
  void aDeletedRecordIsNamedAsMissing() throws SQLException {
    sql("DELETE FROM records WHERE seq = 30");

    assertBroken(
        JournalVerifier.verify(file), 30, "record 31 follows record 29: record 30 is missing");
  }

  @Test
  void deletedFirstRecordsAreNamedAsMissing() throws SQLException {
    sql("DELETE FROM records WHERE seq <= 2");

    assertBroken(
        JournalVerifier.verify(file), 1, "record 3 comes first: records 1 to 2 are missing");
  }

  @Test
  void aRecordInsertedWithRenumberingIsCaughtAtTheRecordItDisplaced() throws SQLException {
    sql(
        "UPDATE records SET seq = -seq - 1 WHERE seq >= 20",
        "UPDATE records SET seq = -seq WHERE seq < 0");
    // a careful forger: the inserted record links correctly to record 19 and hashes right
    JournalRecord forged =
        JournalRecord.chain(
            20,
            new Entry(T0.plusSeconds(20), "movement.notified", "{\"forged\":true}".getBytes(UTF_8)),
            written.get(18).hash());
    insert(forged);

    assertBroken(JournalVerifier.verify(file), 21, "record 21: hash does not match its content");
  }

  @Test
  void swappedRecordsAreCaughtAtTheFirst() throws SQLException {
    String columns = "time_seconds, time_nanos, type, payload, previous_hash, hash";
    sql(
        "CREATE TABLE saved AS SELECT seq, " + columns + " FROM records WHERE seq IN (10, 40)",
        "UPDATE records SET ("
            + columns
            + ") = (SELECT "
            + columns
            + " FROM saved WHERE saved.seq = 50 - records.seq) WHERE seq IN (10, 40)");

    assertBroken(JournalVerifier.verify(file), 10, "record 10: hash does not match its content");
  }

  @Test
  void aChangedTypeIsCaught() throws SQLException {
    sql("UPDATE records SET type = 'movement.withdrawn' WHERE seq = 44");

    assertBroken(JournalVerifier.verify(file), 44, "record 44: hash does not match its content");
  }

  @Test
  void aRecordRehashedOntoAnotherPredecessorIsCaughtByItsLink() throws SQLException {
    // record 25 rewritten so its own hash is right, but chained to record 23 instead of 24
    JournalRecord original = written.get(24);
    JournalRecord relinked = JournalRecord.chain(25, original.entry(), written.get(22).hash());
    sql("DELETE FROM records WHERE seq = 25");
    insert(relinked);

    assertBroken(
        JournalVerifier.verify(file), 25, "record 25: previous hash does not match record 24");
  }

  @Test
  void aChangedFirstRecordLinkIsCaught() throws SQLException {
    JournalRecord relinked = JournalRecord.chain(1, written.get(0).entry(), written.get(5).hash());
    sql("DELETE FROM records WHERE seq = 1");
    insert(relinked);

    assertBroken(JournalVerifier.verify(file), 1, "record 1: previous hash is not 32 zero bytes");
  }

  @Test
  void aMalformedFieldIsNamed() throws SQLException {
    sql(
        "UPDATE records SET hash = x'0102' WHERE seq = 7",
        "UPDATE records SET time_nanos = -1 WHERE seq = 8");

    assertBroken(JournalVerifier.verify(file), 7, "record 7: hash is 2 bytes, not 32");
  }

  @Test
  void anOverwrittenHeaderMakesTheFileUnreadable() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Arrays.fill(bytes, 0, 16, (byte) 'X');
    Files.write(file, bytes);

    Verification verification = JournalVerifier.verify(file);

    assertThat(verification.ok()).isFalse();
    assertThat(verification.firstBadSeq()).isEmpty();
    assertThat(verification.problem()).contains("the file is unreadable: file is not a database");
  }

  @Test
  void aTruncatedFileIsUnreadable() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

    Verification verification = JournalVerifier.verify(file);

    assertThat(verification.ok()).isFalse();
    assertThat(verification.firstBadSeq()).isEmpty();
    assertThat(verification.problem().orElseThrow())
        .startsWith("the file is unreadable")
        .contains("malformed");
  }

  @Test
  void filesThatAreNotJournalsAreReportedAsSuch() throws IOException, SQLException {
    assertUnreadable(JournalVerifier.verify(dir.resolve("absent.db")), "no such file");
    assertUnreadable(JournalVerifier.verify(dir), "directory");
    Path text = dir.resolve("text.db");
    Files.writeString(text, "not a database, but long enough to have a header\n".repeat(10));
    assertUnreadable(JournalVerifier.verify(text), "file is not a database");
    Path other = dir.resolve("other.db");
    try (Connection connection = SqliteJournalTest.connect(other);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE people (name TEXT)");
    }
    assertUnreadable(JournalVerifier.verify(other), "not a journal");
  }

  /**
   * What the chain cannot show: records cut off the end leave a shorter, intact chain. Only the
   * head hash recorded earlier reveals it.
   */
  @Test
  void truncationOfTheNewestRecordsIsCaughtOnlyAgainstARecordedHeadHash() throws SQLException {
    String recordedHead = JournalVerifier.verify(file).lastHashHex().orElseThrow();
    sql("DELETE FROM records WHERE seq > 45");

    Verification verification = JournalVerifier.verify(file);

    assertThat(verification.ok()).isTrue();
    assertThat(verification.recordsChecked()).isEqualTo(45);
    assertThat(verification.lastHashHex()).isPresent().get().isNotEqualTo(recordedHead);
  }

  private static void assertBroken(Verification verification, long firstBadSeq, String problem) {
    assertThat(verification.ok()).isFalse();
    assertThat(verification.firstBadSeq()).contains(firstBadSeq);
    assertThat(verification.problem()).isPresent().get().asString().startsWith(problem);
    assertThat(verification.recordsChecked()).isEqualTo(firstBadSeq - 1);
  }

  private static void assertUnreadable(Verification verification, String reason) {
    assertThat(verification.ok()).isFalse();
    assertThat(verification.firstBadSeq()).isEmpty();
    assertThat(verification.problem()).isPresent().get().asString().contains(reason);
    assertThat(verification.recordsChecked()).isZero();
  }

  /** Runs statements with the append-only triggers dropped, as a tamperer would. */
  private void sql(String... statements) throws SQLException {
    try (Connection connection = SqliteJournalTest.connect(file);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER IF EXISTS records_no_update");
      statement.execute("DROP TRIGGER IF EXISTS records_no_delete");
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // both halves are stored
  private void insert(JournalRecord record) throws SQLException {
    try (Connection connection = SqliteJournalTest.connect(file);
        PreparedStatement insert = connection.prepareStatement(Sqlite.INSERT_RECORD)) {
      insert.setLong(1, record.seq());
      insert.setLong(2, record.time().getEpochSecond());
      insert.setLong(3, record.time().getNano());
      insert.setString(4, record.type());
      insert.setBytes(5, record.payload());
      insert.setBytes(6, record.previousHash());
      insert.setBytes(7, record.hash());
      insert.executeUpdate();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
