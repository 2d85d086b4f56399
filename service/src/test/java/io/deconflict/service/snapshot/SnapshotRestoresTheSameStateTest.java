package io.deconflict.service.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.Fact;
import io.deconflict.service.Json;
import io.deconflict.service.Outcome;
import io.deconflict.service.Queries;
import io.deconflict.service.ServiceException;
import io.deconflict.service.agreement.Agreement;
import io.deconflict.service.golden.DemoSetting;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A state restored from a snapshot is the state it was taken of: on the recorded demo journal
 * (agreements suspended and resumed, items notified, replaced and cancelled, alerts escalated,
 * acknowledged and deconflicted, live tracks with encounters, the hotline, an incident), a snapshot
 * is taken every few commands; the restored state encodes to the same bytes, answers every query
 * for every member alike, and then derives the same facts, byte for byte, from the commands that
 * follow as the state that never stopped.
 */
class SnapshotRestoresTheSameStateTest {

  private static final String GOLDEN = "/io/deconflict/service/golden/";

  private static List<JournalRecord> records = List.of();
  private static Directory directory = new Directory(List.of(), List.of());

  @BeforeAll
  static void readTheDemoJournal(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.db");
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
    records = read;
    directory = DemoSetting.directory(resource("demo-parties.json"));
  }

  /**
   * Restores at every {@code window}-th command and follows the original for {@code window}
   * commands, so that the restored copies together cover the whole journal.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 40})
  void aRestoredStateEncodesAnswersAndGoesOnAsTheOriginal(int window) throws IOException {
    Deconfliction original = new Deconfliction(directory, Defaults.STANDARD);
    Deconfliction copy = new Deconfliction(directory, Defaults.STANDARD);
    int restores = 0;
    for (int i = 0; i < records.size(); i++) {
      if (i % window == 0) {
        compare(original, copy, "before command " + i);
        byte[] state = original.snapshot();
        copy = Deconfliction.restore(directory, Defaults.STANDARD, state);
        restores++;
        assertThat(copy.snapshot())
            .as("the state restored before command %d encodes to the same bytes", i)
            .isEqualTo(state);
        if (window == 1 && i % 50 != 0) {
          // every command's snapshot round-trips; the queries are compared every 50th
          continue;
        }
        compare(original, copy, "restored before command " + i);
      }
      JournalRecord rec = records.get(i);
      assertThat(run(copy, rec))
          .as("the facts of record %d (%s) after a restore", rec.seq(), rec.type())
          .isEqualTo(run(original, rec));
    }
    compare(original, copy, "at the end");
    assertThat(restores).isGreaterThan(records.size() / window - 1);
  }

  /** The facts a command gives, as text; a refusal as its message. */
  private static List<String> run(Deconfliction state, JournalRecord rec) throws IOException {
    ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(rec.payload());
    ObjectNode body = (ObjectNode) payload.path("body").deepCopy();
    body.remove("result");
    List<String> out = new ArrayList<>();
    try {
      Outcome outcome = state.execute(rec.type(), payload.path("by").asText(), body, rec.time());
      out.add(outcome.reply().toString());
      for (Fact f : outcome.facts()) {
        out.add(f.type() + " " + f.audience() + " " + f.body());
      }
    } catch (RuntimeException e) {
      out.add("refused: " + e.getMessage());
    }
    return out;
  }

  private static void compare(Deconfliction a, Deconfliction b, String when) {
    assertThat(b.snapshot()).as("the encoded state %s", when).isEqualTo(a.snapshot());
    for (Member m : directory.members()) {
      assertThat(answers(b, m)).as("what %s is answered %s", m.id(), when).isEqualTo(answers(a, m));
    }
  }

  /** Every query's answer for one member, as text. */
  static String answers(Queries q, Member m) {
    StringBuilder out = new StringBuilder();
    out.append("deadline ").append(q.nextDeadline()).append('\n');
    out.append("items ").append(q.itemCount()).append('\n');
    for (Party p : q.directory().parties()) {
      out.append("sharing ").append(p.id()).append(' ').append(q.sharingWith(m, p.id()));
      out.append('\n');
    }
    out.append("tracks ").append(q.tracks(m, false)).append('\n');
    out.append("own tracks ").append(q.tracks(m, true)).append('\n');
    for (Agreement a : q.agreements(m)) {
      out.append("agreement ").append(q.agreementVersions(m, a.id())).append('\n');
    }
    for (String kind : List.of("movement", "site", "zone")) {
      for (ObjectNode item : q.items(m, kind, false)) {
        out.append("item ").append(item).append('\n');
        out.append("one ").append(oneItem(q, m, kind, item)).append('\n');
      }
    }
    for (ObjectNode alert : q.alerts(m, Optional.empty(), Integer.MAX_VALUE)) {
      out.append("alert ").append(alert).append('\n');
      out.append("one ").append(q.alert(m, alert.path("id").asText())).append('\n');
    }
    out.append("open ").append(q.alerts(m, Optional.of("open"), 5)).append('\n');
    for (String thread : q.hotlineThreads(m)) {
      for (Language language : Language.values()) {
        out.append("thread ").append(thread).append(' ');
        out.append(q.hotlineMessages(m, thread, language)).append('\n');
      }
    }
    for (ObjectNode incident : q.incidents(m)) {
      out.append("incident ").append(q.incident(m, incident.path("id").asText())).append('\n');
    }
    return out.toString();
  }

  private static String oneItem(Queries q, Member m, String kind, ObjectNode item) {
    try {
      return q.item(
              m, kind, item.path("properties").path("party").asText(), item.path("id").asText())
          .toString();
    } catch (ServiceException e) {
      return "refused: " + e.getMessage(); // a view that does not name the party
    }
  }

  static InputStream resource(String name) {
    return Objects.requireNonNull(
        SnapshotRestoresTheSameStateTest.class.getResourceAsStream(GOLDEN + name),
        name + " on the class path");
  }
}
