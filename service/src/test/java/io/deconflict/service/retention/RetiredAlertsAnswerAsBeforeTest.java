package io.deconflict.service.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Entry;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.Outcome;
import io.deconflict.service.Queries;
import io.deconflict.service.ServiceException;
import io.deconflict.service.alert.ArchivedConflict;
import io.deconflict.service.golden.DemoSetting;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.snapshot.SnapshotAudit;
import io.deconflict.service.snapshot.SnapshotPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention changes what is in memory, never what is answered: the recorded demo journal's commands
 * (46 hours of event time, 35 alerts resolved, hotline threads about conflicts) are executed under
 * a retention of 30 minutes into a real SQLite journal, as the service writes it; every alert,
 * every list and every hotline thread is then answered, for every member, exactly as by a state
 * that retires nothing, although most resolved alerts have left memory. A start from a snapshot
 * taken after retiring, and a full replay, give the same answers, and the audit proves the
 * snapshot.
 */
class RetiredAlertsAnswerAsBeforeTest {

  private static final String GOLDEN = "/io/deconflict/service/golden/";
  private static final Retention SHORT = new Retention(Duration.ofMinutes(30));
  private static final Retention NEVER = new Retention(Retention.MAX_KEEP);

  /** The demo raises 50 alerts; ids past them must be refused alike. */
  private static final int ALERTS_AND_SOME = 60;

  private static List<JournalRecord> commands = List.of();
  private static Directory directory = new Directory(List.of(), List.of());

  @TempDir Path dir;

  @BeforeAll
  static void readTheDemoJournal(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("journal.db");
    try (InputStream in = resource("demo-journal.db")) {
      Files.copy(in, file);
    }
    List<JournalRecord> read = new ArrayList<>();
    try (SqliteJournal journal = SqliteJournal.open(file)) {
      journal.read(
          1,
          r -> {
            if (Deconfliction.COMMANDS.contains(r.type())) {
              read.add(r);
            }
          });
    }
    commands = read;
    directory = DemoSetting.directory(resource("demo-parties.json"));
  }

  @Test
  void retiredAlertsListsAndThreadsAreAnsweredAsIfNothingWasRetired() throws IOException {
    Path file = dir.resolve("journal.db");
    Deconfliction keeping = new Deconfliction(directory, Defaults.STANDARD, NEVER);
    Deconfliction retiring = new Deconfliction(directory, Defaults.STANDARD, SHORT);
    int archived;
    try (SqliteJournal journal = SqliteJournal.open(file)) {
      retiring.archive(new JournalArchive(journal.index().orElseThrow()));
      archived = record(journal, retiring, keeping);
    }
    assertThat(archived).as("conflicts retired").isGreaterThan(5);
    assertThat(retiring.alertsInMemory()).isLessThan(keeping.alertsInMemory() - 10);
    for (Member m : directory.members()) {
      assertThat(answers(retiring, m))
          .as("what %s is answered", m.id())
          .isEqualTo(answers(keeping, m));
    }

    // a start from the snapshot taken on close, and a full replay, answer alike
    String fromSnapshot;
    try (SqliteJournal journal = SqliteJournal.open(file);
        Application app = open(journal, SnapshotPolicy.DEFAULT)) {
      assertThat(app.loadedSnapshot()).isEmpty();
      fromSnapshot = everyAnswer(app);
      assertThat(fromSnapshot).isEqualTo(everyAnswer(keeping));
    }
    try (SqliteJournal journal = SqliteJournal.open(file);
        Application app = open(journal, SnapshotPolicy.NEVER)) {
      assertThat(app.loadedSnapshot()).isPresent();
      assertThat(app.replayedCommands()).isZero();
      assertThat(everyAnswer(app)).isEqualTo(fromSnapshot);
    }
    assertThat(SnapshotAudit.verify(file))
        .singleElement()
        .satisfies(f -> assertThat(f.ok()).as(f.message()).isTrue());
  }

  private static Application open(SqliteJournal journal, SnapshotPolicy policy) {
    Instant last = commands.get(commands.size() - 1).time();
    return Application.open(
        new Deconfliction(directory, Defaults.STANDARD, SHORT),
        journal,
        Clock.fixed(last, ZoneOffset.UTC),
        3_600_000,
        Application.DEFAULT_MAX_COMMIT_BYTES,
        policy);
  }

  /**
   * Executes every command in both states at its recorded time, journaling the retiring state's
   * facts as the service does (under their keys, then telling the state they are durable); returns
   * how many conflicts were archived.
   */
  private static int record(SqliteJournal journal, Deconfliction retiring, Deconfliction keeping)
      throws IOException {
    int archived = 0;
    for (JournalRecord rec : commands) {
      ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(rec.payload());
      ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
      body.remove("result");
      String by = payload.path("by").asText();
      Outcome outcome = retiring.execute(rec.type(), by, body.deepCopy(), rec.time());
      keeping.execute(rec.type(), by, body, rec.time());
      List<Entry> entries = new ArrayList<>();
      for (Fact f : outcome.facts()) {
        ObjectNode p = Json.object().put("by", f.by());
        p.set("audience", f.audience().toJson());
        p.set("body", f.body());
        entries.add(new Entry(rec.time(), f.type(), Json.MAPPER.writeValueAsBytes(p), f.keys()));
      }
      journal.append(entries);
      for (Fact f : outcome.facts()) {
        if (f.type().equals(ArchivedConflict.TYPE)) {
          retiring.journaled(f.body().path("conflictId").asText());
          archived++;
        }
      }
    }
    return archived;
  }

  private static String everyAnswer(Application app) {
    return everyAnswer(q -> app.read(q::apply));
  }

  private static String everyAnswer(Queries q) {
    return everyAnswer(f -> f.apply(q));
  }

  private static String everyAnswer(Function<Function<Queries, String>, String> reader) {
    StringBuilder out = new StringBuilder();
    for (Member m : directory.members()) {
      out.append(reader.apply(q -> answers(q, m)));
    }
    return out.toString();
  }

  /** Every alert by id (1 to past the last), the lists, and the hotline threads, as text. */
  static String answers(Queries q, Member m) {
    StringBuilder out = new StringBuilder();
    for (int n = 1; n <= ALERTS_AND_SOME; n++) {
      String id = "al-" + n;
      try {
        out.append(id).append(' ').append(q.alert(m, id)).append('\n');
      } catch (ServiceException e) {
        out.append(id).append(" refused ").append(e.kind()).append('\n');
      }
    }
    out.append("all ").append(q.alerts(m, Optional.empty(), Integer.MAX_VALUE)).append('\n');
    out.append("newest 7 ").append(q.alerts(m, Optional.empty(), 7)).append('\n');
    out.append("resolved ").append(q.alerts(m, Optional.of("resolved"), 1000)).append('\n');
    out.append("open ").append(q.alerts(m, Optional.of("open"), 1000)).append('\n');
    for (String thread : q.hotlineThreads(m)) {
      out.append("thread ").append(thread).append(' ');
      out.append(q.hotlineMessages(m, thread, Language.values()[0])).append('\n');
    }
    for (ObjectNode incident : q.incidents(m)) {
      out.append("incident ").append(q.incident(m, incident.path("id").asText())).append('\n');
    }
    return out.toString();
  }

  static InputStream resource(String name) {
    return Objects.requireNonNull(
        RetiredAlertsAnswerAsBeforeTest.class.getResourceAsStream(GOLDEN + name),
        name + " on the class path");
  }
}
