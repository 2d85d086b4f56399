package io.deconflict.service.picture;

import static io.deconflict.service.picture.JournaledAlerts.raised;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Role;
import io.deconflict.service.retention.Retention;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: the writer folded every committed batch into every kept picture itself, under the
 * pictures' lock, before it took its next batch: in a LiveBench run at 10,000 units, half of the
 * writer's time went to the pictures (one per party and the operators, warmed at start). The folds
 * now run on a thread of their own; the writer only queues the batch, and a queue grown too long is
 * dropped for the journal, which the folds then read.
 */
class TheWriterFoldedEveryPictureTest {

  private static final Instant T = Instant.parse("2027-10-08T05:00:00Z");
  private static final Member US =
      new Member("us-officer", "us", Role.OFFICER, "US duty officer", List.of());

  @TempDir Path dir;

  @Test
  void theWriterHandsBatchesOverWhileTheFoldsAreHeldAndTheFoldsCatchUpFromTheJournal()
      throws Exception {
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"))) {
      for (int i = 1; i <= 3; i++) {
        journal.append(List.of(raised("al-" + i, T.plusSeconds(i))));
      }
      // at most two events queued: a third drops the queue for the journal
      try (Pictures pictures = new Pictures(journal, 3, Retention.DEFAULT, 2)) {
        assertThat(alerts(pictures.now(US, Language.EN, 100))).hasSize(3);

        synchronized (pictures) { // a fold, or a picture being written, holds the folds
          for (int i = 4; i <= 8; i++) {
            JournalRecord r = journal.append(List.of(raised("al-" + i, T.plusSeconds(i)))).get(0);
            pictures.committed(List.of(Application.toEvent(r)), r.seq());
          }
        }

        JsonNode picture = Json.MAPPER.readTree(pictures.now(US, Language.EN, 100));
        assertThat(picture.path("position").asLong()).isEqualTo(8);
        assertThat(alerts(Json.bytes(picture)))
            .containsExactly("al-1", "al-2", "al-3", "al-4", "al-5", "al-6", "al-7", "al-8");

        // back to queueing: a batch after the catch-up is folded from memory
        JournalRecord r = journal.append(List.of(raised("al-9", T.plusSeconds(9)))).get(0);
        pictures.committed(List.of(Application.toEvent(r)), r.seq());
        assertThat(alerts(pictures.now(US, Language.EN, 100))).hasSize(9).endsWith("al-9");
      }
    }
  }

  private static List<String> alerts(byte[] picture) throws Exception {
    List<String> ids = new ArrayList<>();
    Json.MAPPER.readTree(picture).path("alerts").forEach(a -> ids.add(a.path("id").asText()));
    return ids;
  }
}
