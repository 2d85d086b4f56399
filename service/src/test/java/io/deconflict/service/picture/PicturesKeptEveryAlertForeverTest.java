package io.deconflict.service.picture;

import static io.deconflict.service.picture.ToldFacts.raised;
import static io.deconflict.service.picture.ToldFacts.report;
import static io.deconflict.service.picture.ToldFacts.resolved;
import static io.deconflict.service.picture.ToldFacts.updated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.retention.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression: the sign-in pictures kept every alert an audience was ever told, and every unit's
 * last report, as JSON trees, for the life of the process, while the state retires resolved alerts
 * and silent units after its retention (D26). Once a start began to keep every audience's picture
 * (D31's warm pass), a LiveBench run at 30,000 units filled an 8 GiB heap with them (11.6 million
 * tree nodes) before the first reports were in. A fold now keeps each alert as its JSON text and
 * forgets, in event time, what the retention retires.
 */
class PicturesKeptEveryAlertForeverTest {

  private static final Instant T = Instant.parse("2027-10-08T05:00:00Z");
  private static final Audience US = ToldFacts.US;

  @Test
  void aResolvedAlertAndASilentUnitLeaveTheFoldAfterTheRetention() {
    Knowledge k = new Knowledge(new Retention(Duration.ofHours(1)));
    List<Event> events = new ArrayList<>();
    events.add(raised(1, T, "al-1"));
    events.add(raised(2, T, "al-2"));
    events.add(resolved(3, T.plusSeconds(60), "al-1"));
    events.add(report(4, T.plusSeconds(60), "us-a1"));
    events.add(report(5, T.plusSeconds(3000), "us-a2"));
    events.forEach(k::apply);

    // within the hour both alerts and both units are there, the resolved one as resolved
    JsonNode within = read(k, Integer.MAX_VALUE);
    assertThat(ids(within.path("alerts"), "id")).containsExactly("al-1", "al-2");
    assertThat(within.path("alerts").get(0).path("state").asText()).isEqualTo("resolved");
    assertThat(ids(within.path("reports"), "unit")).containsExactly("us-a1", "us-a2");

    k.apply(report(6, T.plusSeconds(3700), "us-a2"));

    JsonNode after = read(k, Integer.MAX_VALUE);
    assertThat(ids(after.path("alerts"), "id")).containsExactly("al-2");
    assertThat(ids(after.path("reports"), "unit")).containsExactly("us-a2");
    assertThat(after.path("position").asLong()).isEqualTo(6);
  }

  @Test
  void aFoldWithoutRetentionKeepsEverything() {
    Knowledge k = new Knowledge();
    k.apply(raised(1, T, "al-1"));
    k.apply(resolved(2, T.plusSeconds(60), "al-1"));
    k.apply(report(3, T.plusSeconds(86_400 * 30), "us-a1"));
    assertThat(ids(read(k, Integer.MAX_VALUE).path("alerts"), "id")).containsExactly("al-1");
  }

  @Test
  void anAlertKeptAsTextReadsBackWithItsHistoryAndTheLeftOutListNamesTheOthers() {
    Knowledge k = new Knowledge(Retention.DEFAULT);
    k.apply(raised(1, T, "al-1"));
    k.apply(raised(2, T.plusSeconds(1), "al-2"));
    k.apply(resolved(3, T.plusSeconds(2), "al-1"));
    JsonNode full = read(k, Integer.MAX_VALUE);
    JsonNode first = full.path("alerts").get(0);
    assertThat(first.path("history")).hasSize(2);
    assertThat(first.path("history").get(1).path("what").asText()).isEqualTo("resolved: passed");
    assertThat(first.path("resolution").asText()).isEqualTo("passed");

    // one in full: the open one comes first in the inbox's order; the resolved one is left out
    JsonNode one = read(k, 1);
    assertThat(ids(one.path("alerts"), "id")).containsExactly("al-2");
    assertThat(one.path("alertsLeftOut").toString()).isEqualTo("[[\"al-1\",\"resolved\",1]]");
  }

  @Test
  void anAlertKeptAsTextAfterThousandsOfOthersChangesAndReadsBackWhole() {
    Knowledge k = new Knowledge(Retention.DEFAULT);
    int n = Knowledge.HOT + 10;
    for (int i = 1; i <= n; i++) {
      k.apply(raised(i, T.plusMillis(i), "al-" + i));
    }
    // al-1 has been kept as text for a while; it changes, then is read back with the rest
    k.apply(resolved(n + 1, T.plusSeconds(60), "al-1"));
    JsonNode all = read(k, Integer.MAX_VALUE);
    assertThat(all.path("alerts")).hasSize(n);
    JsonNode first = all.path("alerts").get(0);
    assertThat(first.path("id").asText()).isEqualTo("al-1");
    assertThat(first.path("state").asText()).isEqualTo("resolved");
    assertThat(first.path("history")).hasSize(2);
    JsonNode second = all.path("alerts").get(1);
    assertThat(second.path("id").asText()).isEqualTo("al-2");
    assertThat(second.path("raisedAt").asText()).isEqualTo(T.plusMillis(2).toString());
    assertThat(second.path("history")).hasSize(1);
    // in the inbox's order the resolved one is last
    JsonNode limited = read(k, n - 1);
    assertThat(limited.path("alertsLeftOut").toString()).isEqualTo("[[\"al-1\",\"resolved\",1]]");
  }

  @Test
  void liveRefreshesOfAnAlertKeptAsTextAreAppliedInOrderWhenItIsReadOrChanged() {
    Knowledge k = new Knowledge(Retention.DEFAULT);
    int n = Knowledge.HOT + 10;
    for (int i = 1; i <= n; i++) {
      k.apply(raised(i, T.plusMillis(i), "al-" + i));
    }
    k.apply(updated(n + 1, T.plusSeconds(10), "al-1", "advisory"));
    k.apply(updated(n + 2, T.plusSeconds(20), "al-1", "caution"));
    JsonNode read = read(k, Integer.MAX_VALUE).path("alerts").get(0);
    assertThat(read.path("live").path("level").asText()).isEqualTo("caution");
    assertThat(read.path("history")).hasSize(3);

    k.apply(updated(n + 3, T.plusSeconds(30), "al-1", "warning"));
    k.apply(resolved(n + 4, T.plusSeconds(40), "al-1"));
    List<String> history = new ArrayList<>();
    read(k, Integer.MAX_VALUE)
        .path("alerts")
        .get(0)
        .path("history")
        .forEach(h -> history.add(h.path("what").asText()));
    assertThat(history)
        .containsExactly(
            "raised at level 1", "now advisory", "now caution", "now warning", "resolved: passed");

    // past the queue's bound an alert is parsed once for many refreshes, and reads the same
    for (int i = 0; i < 3 * 32; i++) {
      k.apply(
          updated(n + 5 + i, T.plusSeconds(50 + i), "al-2", i % 2 == 0 ? "advisory" : "caution"));
    }
    assertThat(read(k, Integer.MAX_VALUE).path("alerts").get(1).path("history")).hasSize(97);
  }

  /** The fold as a client reads it (alerts are written from their kept text). */
  private static JsonNode read(Knowledge k, int alertLimit) {
    try {
      return Json.MAPPER.readTree(Json.bytes(k.toJson(Language.EN, alertLimit)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> ids(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }
}
