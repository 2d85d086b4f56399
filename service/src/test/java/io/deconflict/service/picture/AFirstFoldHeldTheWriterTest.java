package io.deconflict.service.picture;

import static io.deconflict.service.picture.JournaledAlerts.raised;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Role;
import io.deconflict.service.regressions.ForwardingJournal;
import io.deconflict.service.retention.Retention;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: the first sign-in of an audience folded its picture from the whole journal while
 * holding the pictures' lock, and the writer publishes every committed batch under that lock: at
 * 30,000 units the first sign-in after a start (minutes of folding) stopped every write meanwhile.
 * The fold now reads the journal outside the lock and catches up under it; a batch committed during
 * the fold is published at once and is in the picture. {@link Pictures#warm} folds every audience
 * in one pass; a request during it waits for that fold rather than folding again.
 */
class AFirstFoldHeldTheWriterTest {

  private static final Instant T = Instant.parse("2027-10-08T05:00:00Z");
  private static final Member US =
      new Member("us-officer", "us", Role.OFFICER, "US duty officer", List.of());
  private static final Member RU =
      new Member("ru-officer", "ru", Role.OFFICER, "RU duty officer", List.of());

  @TempDir Path dir;

  /** A journal whose reads stop after their first record until the test lets them go on. */
  private static final class Paused extends ForwardingJournal {
    final CountDownLatch reading = new CountDownLatch(1);
    final CountDownLatch go = new CountDownLatch(1);
    int reads;

    Paused(Journal inner) {
      super(inner);
    }

    @Override
    public void read(long fromSeq, long toSeq, Consumer<JournalRecord> sink) {
      synchronized (this) {
        reads++;
      }
      boolean[] first = {true};
      inner.read(
          fromSeq,
          toSeq,
          r -> {
            sink.accept(r);
            if (first[0]) {
              first[0] = false;
              reading.countDown();
              await(go);
            }
          });
    }
  }

  @Test
  void aBatchCommittedDuringAFirstFoldIsPublishedAtOnceAndIsInThePicture() throws Exception {
    try (SqliteJournal sqlite = SqliteJournal.open(dir.resolve("journal.db"))) {
      for (int i = 1; i <= 3; i++) {
        sqlite.append(List.of(raised("al-" + i, T.plusSeconds(i))));
      }
      Paused journal = new Paused(sqlite);
      Pictures pictures = new Pictures(journal, 3, Retention.DEFAULT);
      CompletableFuture<byte[]> signIn =
          CompletableFuture.supplyAsync(() -> pictures.now(US, Language.EN, 100));
      assertThat(journal.reading.await(10, TimeUnit.SECONDS)).isTrue();

      // the writer commits record 4 while the fold is under way: it does not wait for the fold
      JournalRecord fourth = sqlite.append(List.of(raised("al-4", T.plusSeconds(4)))).get(0);
      CompletableFuture<Void> published =
          CompletableFuture.runAsync(
              () -> pictures.committed(List.of(Application.toEvent(fourth)), fourth.seq()));
      published.get(10, TimeUnit.SECONDS);
      assertThat(signIn).isNotDone();

      journal.go.countDown();
      JsonNode picture = Json.MAPPER.readTree(signIn.get(10, TimeUnit.SECONDS));
      assertThat(picture.path("position").asLong()).isEqualTo(4);
      List<String> ids = new ArrayList<>();
      picture.path("alerts").forEach(a -> ids.add(a.path("id").asText()));
      assertThat(ids).containsExactlyInAnyOrder("al-1", "al-2", "al-3", "al-4");
    }
  }

  @Test
  void warmFoldsEveryAudienceInOnePassAndASignInMeanwhileWaitsForIt() throws Exception {
    try (SqliteJournal sqlite = SqliteJournal.open(dir.resolve("journal.db"))) {
      for (int i = 1; i <= 3; i++) {
        sqlite.append(List.of(raised("al-" + i, T.plusSeconds(i))));
      }
      Paused journal = new Paused(sqlite);
      Pictures pictures = new Pictures(journal, 3, Retention.DEFAULT);
      CompletableFuture<Void> warming =
          CompletableFuture.runAsync(() -> pictures.warm(List.of(US, RU, US)));
      assertThat(journal.reading.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<byte[]> signIn =
          CompletableFuture.supplyAsync(() -> pictures.now(US, Language.EN, 100));
      journal.go.countDown();
      warming.get(10, TimeUnit.SECONDS);
      JsonNode us = Json.MAPPER.readTree(signIn.get(10, TimeUnit.SECONDS));
      assertThat(us.path("alerts").size()).isEqualTo(3);
      JsonNode ru = Json.MAPPER.readTree(pictures.now(RU, Language.EN, 100));
      assertThat(ru.path("alerts").size()).as("nothing was told to ru").isZero();
      assertThat(ru.path("position").asLong()).isEqualTo(3);
      synchronized (journal) {
        assertThat(journal.reads).as("one pass for both audiences, none for the sign-in").isOne();
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the test did not let the read go on");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
