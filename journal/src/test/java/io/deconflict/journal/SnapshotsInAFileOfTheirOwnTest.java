package io.deconflict.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots in an SQLite file of their own, beside a journal kept elsewhere (a node's local
 * snapshots of a journal on Kafka, D40): stored, pruned, read back and checked as in a journal
 * file.
 */
class SnapshotsInAFileOfTheirOwnTest {

  private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir Path dir;

  private static byte[] hash(int n) {
    byte[] h = new byte[Hashes.LENGTH];
    h[0] = (byte) n;
    return h;
  }

  @Test
  void aFileNotYetWrittenHoldsNoSnapshotAndIsNotCreatedByReading() {
    Path file = dir.resolve("snapshots.db");
    assertThat(SqliteSnapshots.inFile(file).positions()).isEmpty();
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void snapshotsAreStoredPrunedAndReadBackWhole() throws Exception {
    Path file = dir.resolve("snapshots.db");
    Snapshots store = SqliteSnapshots.inFile(file);
    byte[] big = new byte[SqliteSnapshots.CHUNK_BYTES * 2 + 5];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    store.save(new Snapshot(10, T, hash(10), new byte[] {1, 2, 3}), 2);
    store.save(new Snapshot(20, T.plusSeconds(1), hash(20), big), 2);
    store.save(new Snapshot(30, T.plusSeconds(2), hash(30), new byte[] {4}), 2);

    assertThat(store.positions()).containsExactly(30L, 20L);
    Snapshots.Stored twenty = SqliteSnapshots.readOnly(file).load(20);
    assertThat(twenty.intact()).as(twenty.problem().orElse("")).isTrue();
    Snapshot loaded = twenty.snapshot().orElseThrow();
    assertThat(loaded.state()).isEqualTo(big);
    assertThat(loaded.headHash()).isEqualTo(hash(20));
    assertThat(loaded.time()).isEqualTo(T.plusSeconds(1));
    assertThat(tables(file)).containsExactly("snapshot_chunks", "snapshots");
  }

  @Test
  void aChangedByteFailsTheChecksumNamingTheSnapshot() throws Exception {
    Path file = dir.resolve("snapshots.db");
    SqliteSnapshots.inFile(file).save(new Snapshot(7, T, hash(7), new byte[] {1, 2, 3}), 1);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("UPDATE snapshot_chunks SET bytes = x'010203ff' WHERE seq = 7");
    }
    Snapshots.Stored stored = SqliteSnapshots.inFile(file).load(7);
    assertThat(stored.intact()).isFalse();
    assertThat(stored.problem().orElseThrow())
        .startsWith("snapshot after record 7: checksum does not match its content");
  }

  private static List<String> tables(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }
}
