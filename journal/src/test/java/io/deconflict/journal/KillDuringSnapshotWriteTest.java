package io.deconflict.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while it writes snapshots, as {@link CrashDurabilityTest} kills one
 * while it appends: every snapshot left in the file is whole (its checksum matches, its state is
 * the one saved after its record, which still has its head hash), the last one whose save returned
 * is there, and the journal's chain is intact. A snapshot is one transaction, so a kill in the
 * middle of one leaves none of it.
 */
class KillDuringSnapshotWriteTest {

  private static final int SAVED_BEFORE_KILL = 4;

  @TempDir Path dir;

  @Test
  void aKillDuringASnapshotWriteLeavesOnlyWholeSnapshots() throws Exception {
    Path file = dir.resolve("journal.db");
    Path stderr = dir.resolve("child.err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SnapshotUntilKilled.class.getName(),
                file.toString())
            .redirectError(stderr.toFile())
            .start();
    List<Long> saved = new ArrayList<>();
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(120),
          () -> readSaves(child, saved),
          () -> "the child stalled; its stderr: " + readQuietly(stderr));
    } finally {
      child.destroyForcibly(); // most likely while the next snapshot is being written
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(saved).as("the child's stderr: %s", readQuietly(stderr)).hasSize(SAVED_BEFORE_KILL);

    try (SqliteJournal journal = SqliteJournal.open(file)) {
      Snapshots snapshots = journal.snapshots().orElseThrow();
      List<Long> positions = snapshots.positions();
      assertThat(positions).contains(saved.get(saved.size() - 1)).hasSizeLessThanOrEqualTo(3);
      for (long seq : positions) {
        Snapshots.Stored stored = snapshots.load(seq);
        assertThat(stored.problem()).as("snapshot after record %d", seq).isEmpty();
        Snapshot snapshot = stored.snapshot().orElseThrow();
        assertThat(snapshot.state()).isEqualTo(SnapshotUntilKilled.state(seq));
        List<JournalRecord> record = new ArrayList<>();
        journal.read(seq, seq, record::add);
        assertThat(snapshot.follows(record.get(0))).isTrue();
      }
    }
    assertThat(JournalVerifier.verify(file).problem()).isEmpty();
  }

  private static void readSaves(Process child, List<Long> saved) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
    while (saved.size() < SAVED_BEFORE_KILL) {
      String line = lines.readLine();
      if (line == null) {
        return; // the child died; the assertions after will say so
      }
      saved.add(Long.parseLong(line.trim()));
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
