package io.deconflict.service.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Audience;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.hotline.Language;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sign-in picture folds an own site's reconfirmation (D36) into the fields {@code
 * web/src/knowledge.js} folds (web/test/reconfirmation.test.mjs, the same facts): due, lapsed,
 * reconfirmed and restored; another party's lapse is not folded.
 */
class KnowledgeFoldsReconfirmationTest {

  private static Event event(long seq, String type, String time, String by, String body)
      throws IOException {
    return new Event(
        seq,
        Instant.parse(time),
        type,
        by,
        new Audience(Set.of("ru"), false),
        (ObjectNode) Json.MAPPER.readTree(body));
  }

  private static final String REF =
      "\"kind\": \"site\", \"id\": \"clinic\", \"party\": \"ru\", \"version\": 1";

  @Test
  void anOwnSitesReconfirmationIsFolded() throws IOException {
    Knowledge k = new Knowledge();
    k.apply(
        event(
            3,
            "item.notify",
            "2026-03-01T06:00:00Z",
            "ru-officer",
            "{\"kind\": \"site\", \"replace\": false, \"feature\": {\"type\": \"Feature\", \"id\":"
                + " \"clinic\", \"properties\": {\"kind\": \"site\", \"party\": \"ru\","
                + " \"radiusMeters\": 500}, \"geometry\": {\"type\": \"Point\", \"coordinates\":"
                + " [40.7, 36.5]}}, \"result\": {\"id\": \"clinic\", \"version\": 1, \"late\":"
                + " false}}"));
    k.apply(
        event(
            9,
            "item.due",
            "2026-03-07T06:00:00Z",
            "system",
            "{"
                + REF
                + ", \"confirmedAt\": \"2026-03-01T06:00:00Z\", \"reconfirmBy\":"
                + " \"2026-03-08T06:00:00Z\", \"every\": \"PT168H\"}"));
    JsonNode item = item(k);
    assertThat(item.path("reconfirmDue").asBoolean()).isTrue();
    assertThat(item.path("reconfirmBy").asText()).isEqualTo("2026-03-08T06:00:00Z");
    k.apply(
        event(
            12,
            "item.lapsed",
            "2026-03-08T06:00:01Z",
            "system",
            "{"
                + REF
                + ", \"confirmedAt\": \"2026-03-01T06:00:00Z\", \"lapsedSince\":"
                + " \"2026-03-08T06:00:00Z\", \"every\": \"PT168H\"}"));
    item = item(k);
    assertThat(item.path("lapsed").asBoolean()).isTrue();
    assertThat(item.path("lapsedSince").asText()).isEqualTo("2026-03-08T06:00:00Z");
    assertThat(item.path("reconfirmDue").asBoolean()).isFalse();
    k.apply(
        event(
            15,
            "item.reconfirm",
            "2026-03-08T09:00:00Z",
            "ru-officer",
            "{\"kind\": \"site\", \"id\": \"clinic\", \"result\": {\"id\": \"clinic\", \"kind\":"
                + " \"site\", \"version\": 1, \"confirmedAt\": \"2026-03-08T09:00:00Z\","
                + " \"reconfirmBy\": \"2026-03-15T09:00:00Z\", \"restored\": true}}"));
    k.apply(
        event(
            16,
            "item.restored",
            "2026-03-08T09:00:00Z",
            "system",
            "{"
                + REF
                + ", \"confirmedAt\": \"2026-03-08T09:00:00Z\", \"lapsedSince\":"
                + " \"2026-03-08T06:00:00Z\", \"restoredBy\": \"reconfirmed\"}"));
    item = item(k);
    assertThat(item.path("lapsed").asBoolean()).isFalse();
    assertThat(item.has("lapsedSince")).isFalse();
    assertThat(item.path("confirmedAt").asText()).isEqualTo("2026-03-08T09:00:00Z");
    assertThat(item.path("reconfirmBy").asText()).isEqualTo("2026-03-15T09:00:00Z");
    k.apply(
        event(
            20,
            "item.lapsed",
            "2026-03-09T06:00:00Z",
            "system",
            "{\"kind\": \"site\", \"id\": \"base\", \"party\": \"us\", \"version\": 1,"
                + " \"confirmedAt\": \"2026-03-01T06:00:00Z\", \"lapsedSince\":"
                + " \"2026-03-08T06:00:00Z\"}"));
    assertThat(k.toJson(Language.of("en")).path("items")).hasSize(1);
  }

  private static JsonNode item(Knowledge k) {
    return k.toJson(Language.of("en")).path("items").get(0);
  }
}
