package io.deconflict.service.picture;

import static io.deconflict.service.picture.ToldFacts.raised;
import static io.deconflict.service.picture.ToldFacts.report;
import static io.deconflict.service.picture.ToldFacts.resolved;
import static io.deconflict.service.picture.ToldFacts.updated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.retention.Retention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@code Pictures.now} wrote a picture out while holding the lock of every audience's
 * fold. At 30,000 units a party's whole picture (245,000 alerts, 275 MB) took 7 to 17 s to write,
 * and for that long no fold took a committed batch: a duty officer's sign-in right after waited 5.6
 * s for the folds to catch up. The picture is now frozen under the lock ({@link Knowledge#freeze})
 * and written after it: what is frozen must not change with the fold, whatever the facts committed
 * meanwhile do to it (alerts kept as trees and as packed text, live refreshes queued on a packed
 * one, items reconfirmed, incidents given accounts, threads and reports).
 */
class ALargePictureHeldEveryFoldWhileWrittenTest {

  private static final Instant T = Instant.parse("2027-10-08T05:00:00Z");
  private static final Audience US = ToldFacts.US;

  @Test
  void aFrozenPictureIsThePictureOfItsMomentWhateverTheFoldDoesAfter() {
    Knowledge k = new Knowledge(Retention.DEFAULT);
    List<Event> before = new ArrayList<>();
    long seq = 0;
    int n = Knowledge.HOT + 20; // the first 20 are kept packed
    for (int i = 1; i <= n; i++) {
      before.add(raised(++seq, T.plusMillis(i), "al-" + i));
    }
    before.add(updated(++seq, T.plusSeconds(5), "al-1", "caution")); // queued on a packed alert
    before.add(notified(++seq, T.plusSeconds(6), "st-1"));
    before.add(incident(++seq, T.plusSeconds(7), "in-1"));
    before.add(post(++seq, T.plusSeconds(8), "first"));
    before.add(report(++seq, T.plusSeconds(9), "us-a1"));
    before.forEach(k::apply);

    for (int limit : new int[] {Integer.MAX_VALUE, 10}) {
      Knowledge.Frozen frozen = k.freeze(Language.EN, limit);
      String expected = text(fold(before).toJson(Language.EN, limit));

      // everything that can change in a fold, changed after the freeze
      long s = seq;
      k.apply(updated(++s, T.plusSeconds(20), "al-1", "warning"));
      k.apply(resolved(++s, T.plusSeconds(21), "al-2")); // packed, parsed back to change
      k.apply(resolved(++s, T.plusSeconds(22), "al-" + n)); // a tree, changed in place
      k.apply(reconfirmed(++s, T.plusSeconds(23), "st-1"));
      k.apply(account(++s, T.plusSeconds(24), "in-1"));
      k.apply(post(++s, T.plusSeconds(25), "second"));
      k.apply(report(++s, T.plusSeconds(26), "us-a1"));

      assertThat(text(frozen.toJson())).isEqualTo(expected);
      k = fold(before); // the next limit starts from the same fold
    }
  }

  private static Knowledge fold(List<Event> events) {
    Knowledge k = new Knowledge(Retention.DEFAULT);
    events.forEach(k::apply);
    return k;
  }

  private static String text(ObjectNode picture) {
    return new String(Json.bytes(picture), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Event notified(long seq, Instant at, String id) {
    ObjectNode b = Json.object();
    b.put("kind", "site");
    b.putObject("feature").put("type", "Feature").putObject("properties").put("party", "us");
    b.putObject("result").put("id", id).put("version", 1).put("late", false);
    return new Event(seq, at, "item.notify", "us-officer", US, b);
  }

  private static Event reconfirmed(long seq, Instant at, String id) {
    ObjectNode b = Json.object();
    ObjectNode r = b.putObject("result");
    r.put("kind", "site").put("id", id).put("confirmedAt", at.toString());
    r.put("reconfirmBy", at.plusSeconds(86_400).toString());
    return new Event(seq, at, "item.reconfirm", "us-officer", US, b);
  }

  private static Event incident(long seq, Instant at, String id) {
    ObjectNode b = Json.object();
    b.put("summary", "shots heard");
    b.putObject("result").put("id", id).put("version", 1);
    return new Event(seq, at, "incident.record", "us-officer", US, b);
  }

  private static Event account(long seq, Instant at, String id) {
    ObjectNode b = Json.object();
    b.put("id", id).put("text", "our patrol was 3 km away");
    return new Event(seq, at, "incident.account", "us-officer", US, b);
  }

  private static Event post(long seq, Instant at, String text) {
    ObjectNode b = Json.object();
    b.put("thread", "pair:ru:us").put("from", "us-officer").put("text", text);
    return new Event(seq, at, "hotline.post", "us-officer", US, b);
  }
}
