package io.deconflict.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.party.Tokens;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token with an {@code expires} works until that instant and is refused from it on with 401
 * {@code token-expired}, the detail saying when it expired and nothing about its holder; an event
 * stream opened with it ends when it expires.
 */
class ExpiredTokenIsRefusedTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  static final Instant EXPIRES = T0.plus(Duration.ofHours(1));

  @TempDir Path dir;

  @Test
  void refusedFromItsExpiryOnWithAProblemNamingIt() throws Exception {
    SettableClock clock = SettableClock.at(T0);
    ObjectNode config = AccessFixture.config();
    AccessFixture.member(config, "us-officer").put("expires", EXPIRES.toString());
    try (AccessFixture service = new AccessFixture(dir, clock, config)) {
      assertThat(service.me("token-us-officer").status()).isEqualTo(200);

      clock.set(EXPIRES.minusMillis(1));
      assertThat(service.me("token-us-officer").status()).isEqualTo(200);

      clock.set(EXPIRES);
      AccessFixture.Reply refused = service.me("token-us-officer");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
      assertThat(refused.json().path("type").asText())
          .isEqualTo("urn:deconflict:problem:token-expired");
      assertThat(refused.json().path("detail").asText())
          .isEqualTo(
              "the bearer token expired at 2026-03-01T09:00:00Z; ask the operator for a new one")
          .doesNotContain("us-officer");
      // other members are not affected
      assertThat(service.me("token-ru-officer").status()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownTokenIsToldOnlyThatItIsNotValid() throws Exception {
    try (AccessFixture service =
        new AccessFixture(dir, SettableClock.at(T0), AccessFixture.config())) {
      AccessFixture.Reply refused = service.me("dct_nobody");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.json().path("type").asText())
          .isEqualTo("urn:deconflict:problem:unauthorized");
      assertThat(refused.json().path("detail").asText()).isEqualTo("the bearer token is not valid");
    }
  }

  @Test
  void anOpenEventStreamEndsWhenItsTokenExpires() throws Exception {
    SettableClock clock = SettableClock.at(T0);
    ObjectNode config = AccessFixture.config();
    AccessFixture.member(config, "us-officer").put("expires", EXPIRES.toString());
    try (AccessFixture service = new AccessFixture(dir, clock, config)) {
      var stream = service.events("token-us-officer");
      byte[] first = new byte[16];
      assertThat(stream.read(first)).isPositive(); // the stream is open
      clock.set(EXPIRES);
      // the gate's sweep ends it within a second; readToEnd returns once the server ends it
      String rest = AccessFixture.readToEnd(stream);
      assertThat(rest).doesNotContain("event:");
      assertThat(service.gate.openConnections()).isZero();
    }
  }

  @Test
  void aMalformedExpiryIsAConfigurationErrorNamingTheField() {
    ObjectNode config = AccessFixture.config();
    AccessFixture.member(config, "us-officer").put("expires", "tomorrow");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AccessFixture(dir, SettableClock.at(T0), config))
        .hasMessageContaining("members[0]: expires must be an ISO-8601 instant")
        .hasMessageContaining("\"tomorrow\"");
    assertThat(Tokens.sha256("x")).hasSize(64);
  }
}
