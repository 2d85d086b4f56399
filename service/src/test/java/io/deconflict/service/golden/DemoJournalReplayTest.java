package io.deconflict.service.golden;

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
import io.deconflict.service.party.Directory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety net of the service's refactoring: a journal recorded by {@code deconflict demo} (the
 * northeast Syria scenario at 2000 times real time, with agreements suspended and resumed, items
 * notified, replaced and cancelled, alerts acknowledged with read-back and marked deconflicted on
 * both sides, hotline messages and an incident added by hand) before the service was reshaped
 * (issue 17) must replay to the same facts, byte for byte, and open in the service.
 *
 * <p>{@code demo-parties.json} is the scenario's {@code parties.json} at the time of recording.
 */
class DemoJournalReplayTest {

  private static final String JOURNAL = "demo-journal.db";

  /**
   * The defaults of a service configured as today, formations on (D29): the journal, written before
   * formations and recording no settings, replays under rules 1 whatever the configuration asks
   * (D28), byte for byte.
   */
  static final Defaults TODAY = Defaults.STANDARD;

  @TempDir Path dir;

  /**
   * With {@code -Ddeconflict.golden=record}, writes the journal again from its commands with the
   * facts the service derives now (for a deliberate change of what the service tells, such as issue
   * 13's live alerts at the closest approach), into the source tree, then checks it as usual:
   * {@code ./mvnw -pl service -am test -Dtest=DemoJournalReplayTest
   * -Dsurefire.failIfNoSpecifiedTests=false -Ddeconflict.golden=record}.
   */
  @BeforeEach
  void rerecordOnRequest() throws IOException {
    if (!"record".equals(System.getProperty("deconflict.golden"))) {
      return;
    }
    List<JournalRecord> old = records();
    Path fresh = dir.resolve("rerecorded.db");
    Deconfliction state = new Deconfliction(demoDirectory(), TODAY);
    try (SqliteJournal journal = SqliteJournal.open(fresh)) {
      for (JournalRecord rec : old) {
        if (!Deconfliction.COMMANDS.contains(rec.type())) {
          continue;
        }
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(rec.payload());
        ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
        body.remove("result");
        Outcome outcome = state.execute(rec.type(), payload.path("by").asText(), body, rec.time());
        // The command's own record (with its result) is the outcome's first fact.
        List<Entry> entries = new ArrayList<>();
        for (Fact fact : outcome.facts()) {
          entries.add(new Entry(rec.time(), fact.type(), payload(fact)));
        }
        journal.append(entries);
      }
    }
    Path source = Path.of("src/test/resources/io/deconflict/service/golden", JOURNAL);
    Files.copy(fresh, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void everyRecordedFactIsDerivedAgainByteForByte() throws IOException {
    List<JournalRecord> records = records();
    Deconfliction state = new Deconfliction(demoDirectory(), TODAY);
    int i = 0;
    int commands = 0;
    while (i < records.size()) {
      JournalRecord rec = records.get(i);
      assertThat(Deconfliction.COMMANDS)
          .as("record %d (%s) is a command: derived facts follow theirs", rec.seq(), rec.type())
          .contains(rec.type());
      ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(rec.payload());
      ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
      body.remove("result");
      Outcome outcome = state.execute(rec.type(), payload.path("by").asText(), body, rec.time());
      commands++;
      for (Fact fact : outcome.facts()) {
        assertThat(i)
            .as("facts of record %d beyond the journal's end", rec.seq())
            .isLessThan(records.size());
        JournalRecord expected = records.get(i);
        assertThat(fact.type()).as("type of record %d", expected.seq()).isEqualTo(expected.type());
        assertThat(new String(payload(fact), StandardCharsets.UTF_8))
            .as("payload of record %d (%s)", expected.seq(), expected.type())
            .isEqualTo(new String(expected.payload(), StandardCharsets.UTF_8));
        assertThat(expected.time()).isEqualTo(rec.time());
        i++;
      }
    }
    assertThat(commands).isGreaterThan(500);
    assertThat(i).as("every record is a command or one of its facts").isEqualTo(records.size());
  }

  @Test
  void theServiceOpensTheRecordedJournalAndReplaysEveryCommand() throws IOException {
    Path file = dir.resolve("journal.db");
    try (InputStream in = resource(JOURNAL)) {
      Files.copy(in, file);
    }
    List<JournalRecord> records = records();
    long commands = records.stream().filter(r -> Deconfliction.COMMANDS.contains(r.type())).count();
    JournalRecord last = records.get(records.size() - 1);
    try (SqliteJournal journal = SqliteJournal.open(file);
        Application app =
            Application.open(
                new Deconfliction(demoDirectory(), TODAY),
                journal,
                Clock.fixed(last.time(), ZoneOffset.UTC),
                3_600_000)) {
      assertThat(app.replayedCommands()).isEqualTo(commands);
      assertThat(app.lastSeq()).isEqualTo(last.seq());
    }
  }

  /** The journal's records, read from a copy of the resource. */
  private List<JournalRecord> records() throws IOException {
    Path file = dir.resolve("read-" + System.nanoTime() + ".db");
    try (InputStream in = resource(JOURNAL)) {
      Files.copy(in, file);
    }
    List<JournalRecord> records = new ArrayList<>();
    try (SqliteJournal journal = SqliteJournal.open(file)) {
      journal.read(1, records::add);
    }
    return records;
  }

  /** The payload of a fact as the service journals it. */
  private static byte[] payload(Fact fact) throws IOException {
    ObjectNode payload = Json.object();
    payload.put("by", fact.by());
    payload.set("audience", fact.audience().toJson());
    payload.set("body", fact.body());
    return Json.MAPPER.writeValueAsBytes(payload);
  }

  /** The scenario's parties and members, as the demo configured them (tokens do not matter). */
  static Directory demoDirectory() throws IOException {
    return DemoSetting.directory(resource("demo-parties.json"));
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(
        DemoJournalReplayTest.class.getResourceAsStream(name), name + " on the class path");
  }
}
