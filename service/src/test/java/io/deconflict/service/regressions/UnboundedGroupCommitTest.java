package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.journal.Entry;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bug: a group commit took up to 1,024 waiting commands whatever facts they made, so 1,024 position
 * batches that each raised hundreds of alerts became one journal write of 1.2 M facts and the
 * service ran out of memory (LiveBench, 100,000 units). A commit now stops taking commands once
 * their facts reach a byte bound; the rest go into the next commit, in order.
 */
class UnboundedGroupCommitTest {

  @TempDir Path dir;

  /** Counts the payload bytes of every append. */
  private static final class Recording extends ForwardingJournal {
    final List<Long> commits = new CopyOnWriteArrayList<>();

    Recording(Journal inner) {
      super(inner);
    }

    @Override
    public List<JournalRecord> append(List<Entry> entries) {
      commits.add(entries.stream().mapToLong(e -> e.payload().length).sum());
      return inner.append(entries);
    }
  }

  @Test
  void aGroupCommitStopsTakingCommandsAtItsByteBoundAndLosesNone() throws Exception {
    Scene scene = new Scene();
    Recording journal = new Recording(SqliteJournal.open(dir.resolve("journal.db")));
    long bound = 4_000;
    int commands = 200;
    List<JsonNode> replies = new ArrayList<>();
    try (Application app =
        Application.open(
            scene.state, journal, Clock.fixed(Scene.T0, ZoneOffset.UTC), 60_000, bound)) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<JsonNode>> futures = new ArrayList<>();
      for (int i = 0; i < commands; i++) {
        String text = "message " + i + " " + "x".repeat(200);
        futures.add(
            pool.submit(
                () ->
                    app.submit(
                        scene.member("us-officer"),
                        Deconfliction.HOTLINE_POST,
                        Json.object().put("thread", "pair:ru:us").put("text", text))));
      }
      for (Future<JsonNode> f : futures) {
        replies.add(f.get());
      }
      pool.shutdown();
    }
    assertThat(replies).hasSize(commands).allMatch(r -> r.path("id").asText().startsWith("msg-"));
    assertThat(journal.commits).hasSizeGreaterThan(1);
    long largestFact = 1_000; // one hotline post's fact is well under 1 kB
    assertThat(journal.commits).allMatch(bytes -> bytes < bound + largestFact);
    long[] records = {0};
    journal.read(1, r -> records[0]++);
    // and the configured settings, journaled at the first write (D28)
    assertThat(records[0]).isEqualTo(commands + 1);
  }
}
