package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Entry;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Json;
import io.deconflict.service.retention.Retention;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: on a shared journal, a node whose append lost the race to another node rolled its
 * state back with {@code Deconfliction.restore} under the default retention, not its own. Under any
 * other configured retention the checkpoint was refused as "taken under another configuration", and
 * the node stopped taking commands ("cannot roll the state back after another node appended"). Two
 * applications over one SQLite journal that says others append to it stand for two nodes; the
 * second's first append is made to lose the race by letting the first append just before it.
 */
class RollBackUnderTheDefaultRetentionTest {

  private static final String ITEM_NOTIFY = Deconfliction.ITEM_NOTIFY;

  @TempDir Path dir;

  /** One node's view of the shared journal: it follows others, and may be held before appends. */
  private static final class Node extends ForwardingJournal {
    Runnable beforeFirstAppend = () -> {};
    private final AtomicBoolean first = new AtomicBoolean(true);

    Node(Journal inner) {
      super(inner);
    }

    @Override
    public List<JournalRecord> appendAfter(long expectedLastSeq, List<Entry> entries) {
      if (first.getAndSet(false)) {
        beforeFirstAppend.run();
      }
      return super.appendAfter(expectedLastSeq, entries);
    }

    @Override
    public Optional<Duration> followEvery() {
      return Optional.of(Duration.ofMillis(20));
    }

    @Override
    public void close() {
      // the shared journal is closed once, by the test
    }
  }

  @Test
  void aNodeThatLostTheRaceRollsBackUnderItsOwnRetention() throws Exception {
    Retention keep = new Retention(Duration.ofHours(48));
    Scene sceneA = new Scene(keep);
    Scene sceneB = new Scene(keep);
    Clock clock = Clock.fixed(Scene.T0, ZoneOffset.UTC);
    try (Journal shared = SqliteJournal.open(dir.resolve("journal.db"))) {
      Node journalA = new Node(shared);
      Node journalB = new Node(shared);
      try (Application a = Application.open(sceneA.state, journalA, clock, 60_000);
          Application b = Application.open(sceneB.state, journalB, clock, 60_000)) {
        // B's first append finds A's record after the head it folded: it must roll back
        journalB.beforeFirstAppend =
            () ->
                CompletableFuture.runAsync(
                        () ->
                            a.submit(
                                sceneA.member("ru-officer"),
                                ITEM_NOTIFY,
                                notify("ru-1", 41.0, 40.0)))
                    .join();
        JsonNode reply =
            b.submit(sceneB.member("us-officer"), ITEM_NOTIFY, notify("us-1", 40.0, 41.0));
        assertThat(reply.path("id").asText()).isEqualTo("us-1");
        assertThat(b.notWritable()).isEmpty();
        assertThat(b.lastSeq()).isEqualTo(shared.lastSeq());

        // both nodes fold the same journal into the same state, and B still takes commands
        b.submit(sceneB.member("us-officer"), ITEM_NOTIFY, notify("us-2", 40.0, 41.0));
        // B wrote the last record; A follows the journal every 20 ms
        for (String member : List.of("us-officer", "ru-officer")) {
          String onB = alerts(b, sceneB, member);
          assertThat(onB).as(member + "'s alerts").contains("cf-1", "cf-2");
          waitFor(() -> alerts(a, sceneA, member).equals(onB));
        }
      }
    }
  }

  private static String alerts(Application app, Scene scene, String member) {
    return app.read(q -> q.alerts(scene.member(member), Optional.empty(), 100)).toString();
  }

  private static void waitFor(java.util.function.BooleanSupplier done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(done.getAsBoolean()).as("A answers as B within 10 s").isTrue();
  }

  /** An item.notify body: a movement along 36.5° N, two hours after the scene's start. */
  private static ObjectNode notify(String id, double lonFrom, double lonTo) {
    ObjectNode f = Json.object().put("type", "Feature").put("id", id);
    f.putObject("geometry")
        .put("type", "LineString")
        .putArray("coordinates")
        .add(Json.array().add(lonFrom).add(36.5))
        .add(Json.array().add(lonTo).add(36.5));
    f.putObject("properties")
        .putArray("times")
        .add(Scene.T0.plus(Duration.ofHours(2)).toString())
        .add(Scene.T0.plus(Duration.ofHours(3)).toString());
    ObjectNode body = Json.object().put("kind", "movement").put("replace", false);
    body.set("feature", f);
    return body;
  }
}
