package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.Subscription;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bug: a subscriber more than {@link Subscription#CAPACITY} events behind was closed, so a burst of
 * live alerts (one position batch can raise thousands) cut every party's stream, and the
 * reconnection caught up at most 10,000 events before being closed again: 23 reconnections and a
 * minute to deliver one burst at 30,000 units. Now the subscription reads the journal itself while
 * it is behind and goes live again once it reaches the head: nothing closes, nothing is lost or
 * repeated.
 */
class StreamClosedOnBurstTest {

  @TempDir Path dir;

  @Test
  void aBurstLargerThanTheQueueReachesAReaderThatDidNotKeepUpInOrderAndOnce() throws Exception {
    Scene scene = new Scene();
    int burst = Subscription.CAPACITY + 2_500;
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"));
        Application app =
            Application.open(scene.state, journal, Clock.fixed(Scene.T0, ZoneOffset.UTC), 60_000)) {
      // one fact before the reader subscribes, to catch up on
      post(app, scene, "before");
      Subscription ru = app.subscribe(scene.member("ru-officer"), 0);
      Subscription tr = app.subscribe(scene.member("tr-officer"), 0);
      assertThat(ru.next(5_000)).isPresent(); // caught up on the first, now live

      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> posts = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        int n = i;
        posts.add(pool.submit(() -> post(app, scene, "burst " + n)));
      }
      for (Future<?> f : posts) {
        f.get();
      }
      pool.shutdown();
      post(app, scene, "after");

      // the reader only now reads: more than CAPACITY events came while it did not
      List<Long> seqs = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      while (true) {
        Optional<Event> e = ru.next(200);
        if (e.isEmpty()) {
          break;
        }
        seqs.add(e.get().seq());
        texts.add(e.get().body().path("text").asText());
      }
      assertThat(ru.isClosed()).isFalse();
      assertThat(texts).hasSize(burst + 1).endsWith("after");
      assertThat(seqs).isSorted().doesNotHaveDuplicates();
      // still live afterwards
      post(app, scene, "later");
      assertThat(ru.next(5_000).map(e -> e.body().path("text").asText())).hasValue("later");
      // a party the thread does not include is told nothing of it
      assertThat(tr.next(100)).isEmpty();
    }
  }

  private static void post(Application app, Scene scene, String text) {
    app.submit(
        scene.member("us-officer"),
        Deconfliction.HOTLINE_POST,
        Json.object().put("thread", "pair:ru:us").put("text", text));
  }
}
