package io.deconflict.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record index beside the records, and snapshots stored in chunks (D26). */
class RecordKeysAndChunkedSnapshotsTest {

  private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("journal.db");
  }

  private static Entry entry(String type, String... keys) {
    return new Entry(T, type, "{}".getBytes(UTF_8), List.of(keys));
  }

  @Test
  void recordsAreFoundByTheirKeysInKeyOrder() {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      journal.append(List.of(entry("a"), entry("b", "al/0002", "al@red/0002")));
      journal.append(List.of(entry("c", "al/0010", "al@blue/0010"), entry("d", "al/0003")));
      RecordIndex index = journal.index().orElseThrow();

      assertThat(index.find("al/0002")).contains(2L);
      assertThat(index.find("al@blue/0010")).contains(3L);
      assertThat(index.find("al/0004")).isEmpty();
      assertThat(index.descending("al/", "al/\u007f", 10))
          .extracting(RecordIndex.Keyed::seq)
          .containsExactly(3L, 4L, 2L);
      assertThat(index.descending("al/", "al/0010", 1))
          .containsExactly(new RecordIndex.Keyed("al/0003", 4));
      assertThat(index.descending("al@red/", "al@red/\u007f", 10))
          .containsExactly(new RecordIndex.Keyed("al@red/0002", 2));
    }
  }

  @Test
  void aKeyUsedTwiceFailsItsBatchAndStoresNeitherTheRecordsNorTheKeys() {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      journal.append(List.of(entry("a", "k1")));
      assertThatThrownBy(() -> journal.append(List.of(entry("b", "k2"), entry("c", "k1"))))
          .isInstanceOf(JournalException.class);
      assertThat(journal.lastSeq()).isEqualTo(1);
      assertThat(journal.index().orElseThrow().find("k2")).isEmpty();
    }
  }

  @Test
  void aKeyMustBePrintableAscii() {
    assertThatThrownBy(() -> entry("a", "caf\u00e9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("printable ASCII", "caf\u00e9");
  }

  @Test
  void aStateOfSeveralChunksComesBackWholeWithItsChecksum() throws Exception {
    byte[] state = new byte[SqliteSnapshots.CHUNK_BYTES * 2 + 12_345];
    new Random(26).nextBytes(state);
    Path stateFile = dir.resolve("state.bin");
    Files.write(stateFile, state);
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      JournalRecord head = journal.append(List.of(entry("a"))).get(0);
      Snapshots store = journal.snapshots().orElseThrow();
      store.save(Snapshot.ofFile(1, head.time(), head.hash(), stateFile), 2);

      Snapshots.Stored stored = store.load(1);
      assertThat(stored.problem()).isEmpty();
      Snapshot snapshot = stored.snapshot().orElseThrow();
      assertThat(snapshot.stateLength()).isEqualTo(state.length);
      try (InputStream in = snapshot.openState()) {
        assertThat(in.readAllBytes()).isEqualTo(state);
      }
      assertThat(snapshot.checksum())
          .isEqualTo(new Snapshot(1, head.time(), head.hash(), state).checksum());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM snapshot_chunks WHERE seq = 1")) {
      assertThat(rows.getInt(1)).isEqualTo(3);
    }
  }

  @Test
  void aMissingChunkFailsTheChecksumInsteadOfLoading() throws Exception {
    byte[] state = new byte[SqliteSnapshots.CHUNK_BYTES + 10];
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      JournalRecord head = journal.append(List.of(entry("a"))).get(0);
      journal.snapshots().orElseThrow().save(new Snapshot(1, T, head.hash(), state), 1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM snapshot_chunks WHERE n = 1");
    }
    Snapshots.Stored stored = SqliteSnapshots.readOnly(file()).load(1);
    assertThat(stored.intact()).isFalse();
    assertThat(stored.problem()).isPresent();
  }

  @Test
  void aNewerSnapshotReplacesTheChunksOfThoseItPrunes() throws Exception {
    try (SqliteJournal journal = SqliteJournal.open(file())) {
      List<JournalRecord> heads = journal.append(List.of(entry("a"), entry("b")));
      Snapshots store = journal.snapshots().orElseThrow();
      byte[] state = new byte[SqliteSnapshots.CHUNK_BYTES + 1];
      store.save(new Snapshot(1, T, heads.get(0).hash(), state), 1);
      store.save(new Snapshot(2, T, heads.get(1).hash(), state), 1);
      assertThat(store.positions()).containsExactly(2L);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(DISTINCT seq) FROM snapshot_chunks")) {
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }
}
