package io.deconflict.service.picture;

import static io.deconflict.service.picture.JournaledAlerts.raised;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Entry;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.SqliteJournal;
import io.deconflict.service.Application;
import io.deconflict.service.Event;
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
 * Regression: a request for a sign-in picture waited, up to 5 s, for the folds to reach everything
 * committed when it came. At 30,000 units a duty officer signing in while another member's bulk
 * load of reports was being worked off waited behind that load (LiveBench: the picture request took
 * 4.1 s of a 13.3 s sign-in). Now a request waits for all of it only while the folds are close
 * behind ({@link Pictures#CLOSE_BEHIND} records); further behind, only for its member's own last
 * command, and the picture names the position it shows, which the stream continues from.
 */
class SignInWaitedForAnotherMembersBacklogTest {

  private static final Instant T = Instant.parse("2027-10-08T05:00:00Z");
  private static final Member US =
      new Member("us-officer", "us", Role.OFFICER, "US duty officer", List.of());
  private static final Member FEED =
      new Member("us-feed", "us", Role.OFFICER, "US feed", List.of());

  @TempDir Path dir;

  @Test
  void farBehindARequestWaitsOnlyForItsMembersOwnLastCommand() throws Exception {
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"));
        Pictures pictures = new Pictures(journal, 0, Retention.DEFAULT)) {
      long own;
      long last;
      synchronized (pictures) { // holds the folds where they are
        own = commit(journal, pictures, List.of(by(raised("al-own", T), US.id())));
        assertThat(pictures.freshTarget(US)).isEqualTo(own);
        List<Entry> bulk = new ArrayList<>();
        for (int i = 0; i <= Pictures.CLOSE_BEHIND; i++) {
          bulk.add(by(raised("al-" + i, T.plusSeconds(i)), FEED.id()));
        }
        last = commit(journal, pictures, bulk);

        assertThat(pictures.freshTarget(US)).isEqualTo(own);
        assertThat(pictures.freshTarget(FEED)).isEqualTo(last);
        Member idle = new Member("ru-officer", "ru", Role.OFFICER, "RU duty officer", List.of());
        assertThat(pictures.freshTarget(idle)).isZero();
      }
      // once the folds are close behind again, everyone waits for all that is committed
      assertThat(Json.MAPPER.readTree(pictures.now(FEED, Language.EN, 1)).path("position").asLong())
          .isEqualTo(last);
      assertThat(pictures.freshTarget(US)).isEqualTo(last);
    }
  }

  @Test
  void aRequestThatNeedNotWaitAnswersAtTheFoldsPositionAtOnce() throws Exception {
    try (SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"));
        Pictures pictures = new Pictures(journal, 0, Retention.DEFAULT)) {
      long first = commit(journal, pictures, List.of(by(raised("al-1", T), US.id())));
      assertThat(position(pictures.now(US, Language.EN, 10))).isEqualTo(first);
      long own;
      synchronized (pictures) { // holds the folds where they are
        own = commit(journal, pictures, List.of(by(raised("al-2", T.plusSeconds(1)), US.id())));
        // answered at once (under the same lock the folds wait for), before its own last command
        assertThat(position(pictures.now(US, Language.EN, 10, java.time.Duration.ZERO)))
            .isEqualTo(first);
      }
      // waiting (the default), it finds its own last command
      assertThat(position(pictures.now(US, Language.EN, 10))).isEqualTo(own);
    }
  }

  private static long position(byte[] picture) throws Exception {
    return Json.MAPPER.readTree(picture).path("position").asLong();
  }

  private static long commit(SqliteJournal journal, Pictures pictures, List<Entry> entries) {
    List<JournalRecord> records = journal.append(entries);
    List<Event> events = new ArrayList<>();
    records.forEach(r -> events.add(Application.toEvent(r)));
    long seq = records.get(records.size() - 1).seq();
    pictures.committed(events, seq);
    return seq;
  }

  /** The entry as issued by member {@code by} instead of the system. */
  private static Entry by(Entry e, String by) throws Exception {
    ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(e.payload());
    payload.put("by", by);
    return new Entry(e.time(), e.type(), Json.bytes(payload), e.keys());
  }
}
