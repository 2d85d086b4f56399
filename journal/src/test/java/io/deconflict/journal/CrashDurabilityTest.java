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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is appending (SIGKILL, no shutdown hooks) and checks that every append it
 * had acknowledged survived and the chain is intact.
 *
 * <p>A killed process loses nothing the operating system already holds, so this proves that an
 * append returns only after its commit; that the commit is synced before then rests on SQLite's
 * {@code synchronous=FULL}, which a kill cannot test.
 */
class CrashDurabilityTest {

  private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedAppendSurvivesAKill() throws Exception {
    Path file = dir.resolve("journal.db");
    Path stderr = dir.resolve("child.err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(),
                file.toString(),
                "4")
            .redirectError(stderr.toFile())
            .start();
    Map<Long, String> acknowledged = new HashMap<>();
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> readAcknowledgements(child, acknowledged),
          () -> "the child stalled; its stderr: " + readQuietly(stderr));
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged)
        .as("acknowledged before the kill; the child's stderr: %s", readQuietly(stderr))
        .hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

    try (SqliteJournal journal = SqliteJournal.open(file)) {
      Map<Long, String> stored = new HashMap<>();
      journal.read(1, record -> stored.put(record.seq(), new String(record.payload(), UTF_8)));
      assertThat(stored).containsAllEntriesOf(acknowledged);
      assertThat(journal.lastSeq()).isEqualTo(stored.size());
    }
    Verification verification = JournalVerifier.verify(file);
    assertThat(verification.problem()).isEmpty();
    assertThat(verification.recordsChecked()).isGreaterThanOrEqualTo(acknowledged.size());
  }

  private static void readAcknowledgements(Process child, Map<Long, String> acknowledged)
      throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
    while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
      String line = lines.readLine();
      if (line == null) {
        return; // the child died; the assertions after will say so
      }
      String[] parts = line.split(" ", 2);
      acknowledged.put(Long.parseLong(parts[0]), parts[1]);
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
