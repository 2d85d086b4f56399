package io.deconflict.service.picture;

import static io.deconflict.service.picture.ToldFacts.raised;
import static io.deconflict.service.picture.ToldFacts.resolved;
import static io.deconflict.service.picture.ToldFacts.updated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import io.deconflict.service.retention.Retention;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A live alert's history grew by one line per refresh (every 10 s of report time): an encounter of
 * an hour carried 360 "now caution" lines in every picture and in the page, and a cold alert was
 * unpacked, parsed and packed again every 32 refreshes. A run of one {@code what} is now one line
 * with {@code count} and {@code until}, as {@code web/test/knowledge.test.mjs} (the test of the
 * same name) folds it, whether the alert is kept as a tree or as text.
 */
class ALiveAlertsHistoryGrewWithEveryRefreshTest {

  private static final Instant T = Instant.parse("2022-10-08T07:00:00Z");

  private static final String EXPECTED =
      "[{\"time\":\"2022-10-08T07:00:00Z\",\"what\":\"raised at level 1\"},"
          + "{\"time\":\"2022-10-08T07:00:10Z\",\"what\":\"now caution\",\"count\":360,"
          + "\"until\":\"2022-10-08T08:00:00Z\"},"
          + "{\"time\":\"2022-10-08T08:00:10Z\",\"what\":\"now warning\",\"count\":5,"
          + "\"until\":\"2022-10-08T08:00:50Z\"},"
          + "{\"time\":\"2022-10-08T08:01:00Z\",\"what\":\"now caution\"}]";

  @Test
  void aHotAlertsRunOfRefreshesIsOneLine() {
    Knowledge k = new Knowledge(Retention.DEFAULT);
    k.apply(raised(1, T, "al-9"));
    long seq = refreshHour(k, 2);
    JsonNode alert = only(read(k), "al-9");
    assertThat(alert.path("history").toString()).isEqualTo(EXPECTED);
    assertThat(alert.path("live").path("level").asText()).isEqualTo("caution");
    assertThat(seq).isEqualTo(368);
  }

  @Test
  void aColdAlertsRunOfRefreshesIsOneLineAndReadsAsTheHotOne() {
    Knowledge k = new Knowledge(Retention.DEFAULT);
    k.apply(raised(1, T, "al-9"));
    // others raised after it keep al-9 as text
    long seq = 2;
    for (int i = 0; i < Knowledge.HOT + 10; i++) {
      k.apply(raised(seq++, T, "other-" + i));
    }
    seq = refreshHour(k, seq);
    // read while its refreshes are queued, then after a change makes it a tree again
    assertThat(only(read(k), "al-9").path("history").toString()).isEqualTo(EXPECTED);
    k.apply(resolved(seq, T.plusSeconds(3700), "al-9"));
    JsonNode history = only(read(k), "al-9").path("history");
    assertThat(history).hasSize(5);
    assertThat(history.get(3).toString())
        .isEqualTo("{\"time\":\"2022-10-08T08:01:00Z\",\"what\":\"now caution\"}");
    assertThat(history.get(4).path("what").asText()).isEqualTo("resolved: passed");
  }

  /** 360 refreshes at caution, 5 at warning, one at caution, every 10 s from T + 10 s. */
  private static long refreshHour(Knowledge k, long seq) {
    for (int i = 0; i < 366; i++) {
      String level = i < 360 ? "caution" : i < 365 ? "warning" : "caution";
      k.apply(updated(seq++, T.plusSeconds(10L * (i + 1)), "al-9", level));
    }
    return seq;
  }

  private static JsonNode only(JsonNode picture, String id) {
    for (JsonNode a : picture.path("alerts")) {
      if (a.path("id").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("no alert " + id);
  }

  private static JsonNode read(Knowledge k) {
    try {
      return Json.MAPPER.readTree(Json.bytes(k.toJson(Language.EN)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
