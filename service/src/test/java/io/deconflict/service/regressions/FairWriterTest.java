package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Entry;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.party.Member;
import io.deconflict.service.view.AlertView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fair writer (D21), without timing: the writer is held inside a commit (its journal append
 * waits on a latch) while commands queue behind it in a known order; once released, the journal
 * shows the order the writer chose. Interactive commands queued after bulk position batches are
 * committed before them; bulk batches take turns by member; the journal stays one total order and a
 * replay of it gives every command the result it had.
 */
class FairWriterTest {

  static final Instant T0 = Scene.T0;

  @TempDir Path dir;

  /** A journal whose next append, once armed, waits until released. */
  private static final class Held extends ForwardingJournal {
    volatile boolean armed;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Held(Journal inner) {
      super(inner);
    }

    @Override
    public List<JournalRecord> append(List<Entry> entries) {
      if (armed) {
        armed = false;
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return inner.append(entries);
    }
  }

  static ObjectNode reports(String prefix, int n, double lon, double lat, double course) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("reports");
    for (int i = 0; i < n; i++) {
      list.addObject()
          .put("unit", n == 1 ? prefix : prefix + "-" + i)
          .put("time", T0.toString())
          .put("lon", lon + 0.001 * i)
          .put("lat", lat)
          .put("course", course)
          .put("speed", 10);
    }
    return body;
  }

  @Test
  void anAcknowledgementQueuedBehindBulkBatchesIsCommittedFirstAndTheJournalReplays()
      throws Exception {
    Held journal = new Held(SqliteJournal.open(dir.resolve("journal.db")));
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    Scene scene = new Scene();
    Deconfliction state = scene.state;
    Member us = scene.member("us-officer");
    Member ru = scene.member("ru-officer");
    Member tr = scene.member("tr-officer");
    Member operator = scene.member("operator");
    ExecutorService pool = Executors.newCachedThreadPool();
    List<JsonNode> tracksBefore;
    List<String> order = new ArrayList<>();
    try (Application app = Application.open(state, journal, clock, 60_000)) {
      app.submit(
          operator,
          Deconfliction.AGREEMENT_SET,
          (ObjectNode) Json.MAPPER.readTree("{\"parties\": [\"us\", \"ru\"]}"));
      // two units head-on, 5 km apart: an alert for us to acknowledge
      app.submit(us, Deconfliction.POSITIONS_REPORT, reports("u1", 1, 40.60, 36.5, 90));
      app.submit(ru, Deconfliction.POSITIONS_REPORT, reports("r1", 1, 40.656, 36.5, 270));
      AlertView alert = app.read(q -> q.alertViews(us, Optional.empty(), 10)).get(0);
      ObjectNode ack = Json.object().put("alert", alert.id());
      ack.putObject("readBack")
          .put("start", alert.start().toString())
          .put("end", alert.end().toString())
          .set("place", Json.point(alert.location()));

      // hold the writer inside the commit of tr's one report
      journal.armed = true;
      Future<JsonNode> held =
          pool.submit(
              () -> app.submit(tr, Deconfliction.POSITIONS_REPORT, reports("t0", 1, 42, 35, 0)));
      journal.entered.await();
      List<Future<JsonNode>> queued = new ArrayList<>();
      // in this order: ru's three bulk batches, us's acknowledgement, tr's bulk batch, a hotline
      // post from tr and a single report from ru
      queued.add(
          submitAndWait(
              pool, app, ru, Deconfliction.POSITIONS_REPORT, reports("ru-a", 300, 44, 30, 0)));
      queued.add(
          submitAndWait(
              pool, app, ru, Deconfliction.POSITIONS_REPORT, reports("ru-b", 300, 44, 31, 0)));
      queued.add(
          submitAndWait(
              pool, app, ru, Deconfliction.POSITIONS_REPORT, reports("ru-c", 300, 44, 32, 0)));
      queued.add(submitAndWait(pool, app, us, Deconfliction.ALERT_ACKNOWLEDGE, ack));
      queued.add(
          submitAndWait(
              pool, app, tr, Deconfliction.POSITIONS_REPORT, reports("tr-a", 300, 45, 30, 0)));
      queued.add(
          submitAndWait(
              pool,
              app,
              tr,
              Deconfliction.HOTLINE_POST,
              Json.object().put("thread", "pair:ru:tr").put("text", "moving north")));
      queued.add(
          submitAndWait(
              pool, app, ru, Deconfliction.POSITIONS_REPORT, reports("r9", 1, 46, 30, 0)));
      journal.release.countDown();
      held.get();
      for (Future<JsonNode> f : queued) {
        f.get();
      }
      tracksBefore = app.read(q -> q.tracks(us, false)).stream().map(t -> (JsonNode) t).toList();
    }
    journal.read(
        1,
        rec -> {
          if (Deconfliction.COMMANDS.contains(rec.type())) {
            JsonNode body = Application.toEvent(rec).body();
            JsonNode reports = body.path("reports");
            order.add(reports.isArray() ? reports.get(0).path("unit").asText() : rec.type());
          }
        });
    assertThat(order)
        .containsExactly(
            Deconfliction.SETTINGS_CHANGE, // the configured settings, at the first write (D28)
            Deconfliction.AGREEMENT_SET,
            "u1",
            "r1",
            "t0", // the commit the writer was held in
            Deconfliction.ALERT_ACKNOWLEDGE, // interactive, in arrival order
            Deconfliction.HOTLINE_POST,
            "r9",
            "ru-a-0", // bulk: ru, tr, then ru's others
            "tr-a-0",
            "ru-b-0",
            "ru-c-0");

    // a replay of that total order rebuilds the same state (and checks every command's result)
    try (Application again = Application.open(new Scene().state, journal, clock, 60_000)) {
      assertThat(again.replayedCommands()).isEqualTo(order.size());
      assertThat(again.read(q -> q.tracks(us, false)).stream().map(t -> (JsonNode) t).toList())
          .isEqualTo(tracksBefore);
      assertThat(
              again
                  .read(q -> q.alertViews(us, Optional.empty(), 10))
                  .get(0)
                  .toJson()
                  .path("state")
                  .asText())
          .isEqualTo("acknowledged");
    } finally {
      pool.shutdown();
      journal.close();
    }
  }

  /** Submits on a thread of its own and waits until the command is in the writer's queue. */
  private static Future<JsonNode> submitAndWait(
      ExecutorService pool, Application app, Member by, String type, ObjectNode body)
      throws InterruptedException {
    int before = app.queuedCommands();
    Future<JsonNode> f = pool.submit(() -> app.submit(by, type, body));
    while (app.queuedCommands() == before) {
      Thread.sleep(1);
    }
    return f;
  }
}
