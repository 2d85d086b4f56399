package io.deconflict.service.picture;

import static io.deconflict.service.picture.JournaledAlerts.raised;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Entry;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Audience;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Role;
import io.deconflict.service.regressions.ForwardingJournal;
import io.deconflict.service.retention.Retention;
import io.deconflict.service.snapshot.SnapshotPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (D47): a start folded every audience's sign-in picture from the journal's first
 * record, so the first sign-in after a restart waited for a fold that grows with the journal (226 s
 * after a 5.7 s start at 4 million records, SoakBench at 3,000 units). The folds are now saved
 * beside the journal when the service stops (and as often as the state's snapshots), and a start
 * goes on from them: it reads only the records after them, and gives the pictures a fold from
 * record 1 gives.
 */
class ASignInAfterARestartFoldedTheWholeJournalTest {

  private static final Instant T = Instant.parse("2027-10-08T05:00:00Z");
  private static final Member US =
      new Member("us-officer", "us", Role.OFFICER, "US duty officer", List.of());
  private static final Member RU =
      new Member("ru-officer", "ru", Role.OFFICER, "RU duty officer", List.of());
  private static final SnapshotPolicy ON_CLOSE = new SnapshotPolicy(0, Duration.ZERO, 1, true);

  @TempDir Path dir;

  /** A journal that notes where each read starts. */
  private static final class Counted extends ForwardingJournal {
    final List<Long> readsFrom = new ArrayList<>();

    Counted(Journal inner) {
      super(inner);
    }

    @Override
    public synchronized void read(long fromSeq, long toSeq, Consumer<JournalRecord> sink) {
      readsFrom.add(fromSeq);
      inner.read(fromSeq, toSeq, sink);
    }
  }

  @Test
  void aStartGoesOnFromThePicturesSavedWhenTheServiceStopped() throws Exception {
    Path file = dir.resolve("pictures.bin");
    try (SqliteJournal sqlite = SqliteJournal.open(dir.resolve("journal.db"))) {
      appendStory(sqlite, 0, 600);
      try (Pictures first = new Pictures(sqlite, 600, Retention.DEFAULT, file, ON_CLOSE)) {
        first.warm(List.of(US, RU));
        // facts committed while it runs are folded and saved with the rest
        List<JournalRecord> more = appendStory(sqlite, 600, 650);
        first.committed(events(more), 650);
        first.now(US, Language.EN, Integer.MAX_VALUE, Pictures.FRESH_WAIT);
      }
      assertThat(file).exists();
      List<JournalRecord> after = appendStory(sqlite, 650, 700); // written by a later run

      Counted counted = new Counted(sqlite);
      try (Pictures again = new Pictures(counted, 700, Retention.DEFAULT, file, ON_CLOSE);
          Pictures fresh = new Pictures(sqlite, 700, Retention.DEFAULT)) {
        again.warm(List.of(US, RU));
        synchronized (counted) {
          assertThat(counted.readsFrom)
              .as("the saved position's record, then the records after it; never record 1")
              .doesNotContain(1L)
              .contains(651L);
        }
        fresh.warm(List.of(US, RU));
        for (Member m : List.of(US, RU)) {
          assertThat(picture(again, m)).isEqualTo(picture(fresh, m));
        }
        assertThat(picture(again, US)).contains("\"position\":700", "al-698", "al-1\"");
        assertThat(after).hasSize(50);
      }
    }
  }

  @Test
  void aDamagedFileIsSkippedAndTheJournalFoldedFromItsStart() throws Exception {
    Path file = dir.resolve("pictures.bin");
    try (SqliteJournal sqlite = SqliteJournal.open(dir.resolve("journal.db"))) {
      appendStory(sqlite, 0, 100);
      try (Pictures first = new Pictures(sqlite, 100, Retention.DEFAULT, file, ON_CLOSE)) {
        first.warm(List.of(US));
        first.committed(events(appendStory(sqlite, 100, 101)), 101);
        first.now(US, Language.EN, Integer.MAX_VALUE, Pictures.FRESH_WAIT);
      }
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 1;
      Files.write(file, bytes);

      Counted counted = new Counted(sqlite);
      try (Pictures again = new Pictures(counted, 101, Retention.DEFAULT, file, ON_CLOSE);
          Pictures fresh = new Pictures(sqlite, 101, Retention.DEFAULT)) {
        again.warm(List.of(US));
        synchronized (counted) {
          assertThat(counted.readsFrom).containsExactly(1L);
        }
        fresh.warm(List.of(US));
        assertThat(picture(again, US)).isEqualTo(picture(fresh, US));
      }
    }
  }

  @Test
  void picturesSavedFromAnotherJournalAreSkipped() throws Exception {
    Path file = dir.resolve("pictures.bin");
    try (SqliteJournal one = SqliteJournal.open(dir.resolve("one.db"))) {
      appendStory(one, 0, 20);
      try (Pictures first = new Pictures(one, 20, Retention.DEFAULT, file, ON_CLOSE)) {
        first.warm(List.of(US));
        first.committed(events(appendStory(one, 20, 21)), 21);
        first.now(US, Language.EN, Integer.MAX_VALUE, Pictures.FRESH_WAIT);
      }
    }
    try (SqliteJournal other = SqliteJournal.open(dir.resolve("other.db"))) {
      // as long, other facts: record 21 has another hash
      for (int i = 0; i < 21; i++) {
        other.append(List.of(raised("other-" + i, T.plusSeconds(i))));
      }
      Counted counted = new Counted(other);
      try (Pictures again = new Pictures(counted, 21, Retention.DEFAULT, file, ON_CLOSE)) {
        again.warm(List.of(US));
        assertThat(picture(again, US)).contains("other-20").doesNotContain("\"al-");
      }
    }
  }

  @Test
  void aFoldWithAlertsKeptAsTextAndRefreshesQueuedReadsBackAndGoesOnAlike() throws Exception {
    Knowledge k = new Knowledge(Retention.DEFAULT);
    long seq = 1;
    int n = Knowledge.HOT + 50;
    for (int i = 0; i < n; i++) {
      k.apply(ToldFacts.raised(seq++, T.plusMillis(i), "al-" + i));
    }
    // refreshes queued for alerts kept as text, one resolved, a report
    for (int i = 0; i < 40; i++) {
      k.apply(ToldFacts.updated(seq++, T.plusSeconds(10 + i), "al-" + (i % 5), "caution"));
    }
    k.apply(ToldFacts.resolved(seq++, T.plusSeconds(60), "al-7"));
    k.apply(ToldFacts.report(seq++, T.plusSeconds(61), "u1"));

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    k.writeTo(new java.io.DataOutputStream(bytes));
    Knowledge read =
        Knowledge.readFrom(
            new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())),
            Retention.DEFAULT);
    assertThat(json(read)).isEqualTo(json(k));
    // the same facts after it change both alike (a queued refresh applied, a cold alert changed)
    for (Knowledge fold : List.of(k, read)) {
      long s = seq;
      fold.apply(ToldFacts.updated(s++, T.plusSeconds(70), "al-1", "warning"));
      fold.apply(ToldFacts.resolved(s++, T.plusSeconds(71), "al-2"));
      fold.apply(ToldFacts.raised(s, T.plusSeconds(72), "al-new"));
    }
    assertThat(json(read)).isEqualTo(json(k)).contains("\"count\":8");
  }

  private static String json(Knowledge k) {
    return new String(Json.bytes(k.toJson(Language.EN)), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Alerts raised, every tenth acknowledged, live refreshes of every seventh (some then cold), a
   * few resolved, and a report: records {@code from + 1} to {@code to}.
   */
  private static List<JournalRecord> appendStory(SqliteJournal journal, int from, int to) {
    List<JournalRecord> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Instant at = T.plusSeconds(i);
      Entry e;
      if (i % 10 == 9) {
        e =
            fact(
                "alert.resolved",
                at,
                Json.object().put("alert", "al-" + (i - 9)).put("resolution", "passed"));
      } else if (i % 7 == 6) {
        ObjectNode b = Json.object().put("alert", "al-" + (i - 6));
        b.putObject("live")
            .put("level", i % 2 == 0 ? "caution" : "warning")
            .put("at", at.toString());
        e = fact("alert.updated", at, b);
      } else if (i % 13 == 12) {
        ObjectNode b = Json.object();
        b.putArray("reports").addObject().put("unit", "u" + i).put("time", at.toString());
        e = fact("positions.report", at, b);
      } else {
        e = raised("al-" + i, at);
      }
      out.addAll(journal.append(List.of(e)));
    }
    return out;
  }

  private static Entry fact(String type, Instant at, ObjectNode body) {
    ObjectNode payload = Json.object().put("by", "system");
    payload.set("audience", Audience.of(Set.of("us")).toJson());
    payload.set("body", body);
    return new Entry(at, type, Json.bytes(payload));
  }

  private static List<io.deconflict.service.Event> events(List<JournalRecord> records) {
    return records.stream().map(Application::toEvent).toList();
  }

  private static String picture(Pictures p, Member m) {
    return new String(
        p.now(m, Language.EN, Integer.MAX_VALUE, Pictures.FRESH_WAIT),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
