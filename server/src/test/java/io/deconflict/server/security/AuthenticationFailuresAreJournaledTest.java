package io.deconflict.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.JournalVerifier;
import io.deconflict.service.Json;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refused sign-in is journaled as {@code access.refused}, within the journal's hash chain and
 * told to the operators only: no token, an unknown token, an expired one (naming its member, as
 * only a holder of the token can have sent it), a revoked one. A flood is bounded: at most 20
 * records at once and one per 6 s after (the clock here does not move, so 20), the left-out ones
 * counted in the next record.
 */
class AuthenticationFailuresAreJournaledTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir Path dir;

  @Test
  void eachKindOfRefusalIsRecordedForTheOperators() throws Exception {
    SettableClock clock = SettableClock.at(T0);
    ObjectNode config = AccessFixture.config();
    AccessFixture.member(config, "ru-officer").put("expires", T0.toString());
    try (AccessFixture service = new AccessFixture(dir, clock, config)) {
      assertThat(service.me(null).status()).isEqualTo(401);
      assertThat(service.call("dct_guess", "GET", "/alerts", null).status()).isEqualTo(401);
      assertThat(service.me("token-ru-officer").status()).isEqualTo(401);
      service.call("token-operator", "POST", "/access/revocations", "{\"member\": \"us-officer\"}");
      assertThat(service.me("token-us-officer").status()).isEqualTo(401);
    }
    AccessFixture reader = null;
    List<JsonNode> records;
    try (AccessFixture reopened = new AccessFixture(dir, clock, config)) {
      reader = reopened;
    }
    records = reader.journaled("access.refused");
    assertThat(records).hasSize(4);
    assertThat(records)
        .extracting(r -> r.at("/body/reason").asText())
        .containsExactly("missing", "unknown", "expired", "revoked");
    assertThat(records.get(1).at("/body/where").asText()).isEqualTo("GET /api/v1/alerts");
    assertThat(records.get(1).at("/body/from").asText()).isEqualTo("127.0.0.1");
    assertThat(records.get(1).at("/body/transport").asText()).isEqualTo("http");
    assertThat(records.get(1).at("/body").has("member")).isFalse();
    assertThat(records.get(2).at("/body/member").asText()).isEqualTo("ru-officer");
    assertThat(records.get(3).at("/body/member").asText()).isEqualTo("us-officer");
    for (JsonNode r : records) {
      assertThat(r.path("by").asText()).isEqualTo("system");
      assertThat(r.path("audience"))
          .isEqualTo(Json.MAPPER.readTree("{\"parties\":[],\"operators\":true}"));
      assertThat(r.toString()).doesNotContain("dct_guess").doesNotContain("token-");
    }
    assertThat(JournalVerifier.verify(dir.resolve("data").resolve("journal.db")).ok()).isTrue();
  }

  @Test
  void aFloodOfBadTokensAddsAtMostTheBurst() throws Exception {
    SettableClock clock = SettableClock.at(T0);
    ObjectNode config = AccessFixture.config();
    try (AccessFixture service = new AccessFixture(dir, clock, config)) {
      for (int i = 0; i < 100; i++) {
        assertThat(service.me("dct_flood-" + i).status()).isEqualTo(401);
      }
      // the budget refills with the service's clock: a minute later, one record counts the rest
      clock.set(T0.plusSeconds(60));
      assertThat(service.me("dct_after").status()).isEqualTo(401);
    }
    AccessFixture reader;
    try (AccessFixture reopened = new AccessFixture(dir, clock, config)) {
      reader = reopened;
    }
    List<JsonNode> records = reader.journaled("access.refused");
    long suppressed = records.stream().mapToLong(r -> r.at("/body/suppressed").asLong()).sum();
    assertThat(records.size() + suppressed).as("every refusal recorded or counted").isEqualTo(101);
    assertThat(records.subList(0, 20))
        .allSatisfy(r -> assertThat(r.at("/body/suppressed").asLong()).isZero());
    assertThat(records).hasSizeLessThanOrEqualTo(21);
    assertThat(records.get(records.size() - 1).at("/body/suppressed").asLong()).isEqualTo(80);
  }
}
