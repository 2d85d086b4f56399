package io.deconflict.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.party.Tokens;
import io.deconflict.testkit.clock.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation without downtime: the configuration file is changed under the running service to give a
 * member a second token and its old one an expiry; after an operator's reload (no restart) both
 * work, until the old one's expiry, after which only the new one does. A reload that drops a token
 * revokes it (journaled), and a reload that would change members is refused and changes nothing.
 */
class RotatedTokensBothWorkUntilExpiryTest {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir Path dir;

  @Test
  void bothWorkAfterAReloadUntilTheOldOneExpires() throws Exception {
    SettableClock clock = SettableClock.at(T0);
    ObjectNode config = AccessFixture.config();
    try (AccessFixture service = new AccessFixture(dir, clock, config)) {
      assertThat(service.me("token-us-officer-2").status()).isEqualTo(401);

      Instant oldExpires = T0.plus(Duration.ofHours(24));
      ObjectNode officer = AccessFixture.member(config, "us-officer");
      officer.remove("tokenSha256");
      ArrayNode tokens = officer.putArray("tokens");
      tokens
          .addObject()
          .put("sha256", Tokens.sha256("token-us-officer"))
          .put("expires", oldExpires.toString());
      tokens.addObject().put("sha256", Tokens.sha256("token-us-officer-2"));
      service.write(config);

      AccessFixture.Reply reload = service.call("token-operator", "POST", "/access/reload", null);
      assertThat(reload.status()).as(reload.json().toString()).isEqualTo(200);
      assertThat(reload.json().path("tokens").asInt()).isEqualTo(4);
      assertThat(reload.json().path("withdrawn").asInt()).isZero();

      assertThat(service.me("token-us-officer").status()).isEqualTo(200);
      assertThat(service.me("token-us-officer-2").status()).isEqualTo(200);
      assertThat(service.me("token-us-officer-2").json().path("member").asText())
          .isEqualTo("us-officer");

      clock.set(oldExpires);
      assertThat(service.me("token-us-officer").json().path("type").asText())
          .isEqualTo("urn:deconflict:problem:token-expired");
      assertThat(service.me("token-us-officer-2").status()).isEqualTo(200);
    }
  }

  @Test
  void aTokenDroppedFromTheFileIsRevokedByTheReload() throws Exception {
    ObjectNode config = AccessFixture.config();
    try (AccessFixture service = new AccessFixture(dir, SettableClock.at(T0), config)) {
      AccessFixture.member(config, "us-officer")
          .put("tokenSha256", Tokens.sha256("token-us-officer-2"));
      service.write(config);

      AccessFixture.Reply reload = service.call("token-operator", "POST", "/access/reload", null);
      assertThat(reload.json().path("withdrawn").asInt()).isEqualTo(1);

      assertThat(service.me("token-us-officer").json().path("type").asText())
          .isEqualTo("urn:deconflict:problem:unauthorized");
      assertThat(service.me("token-us-officer-2").status()).isEqualTo(200);
    }
    try (AccessFixture service = new AccessFixture(dir, SettableClock.at(T0), config)) {
      List<JsonNode> revoked = service.journaled("token.revoke");
      assertThat(revoked).hasSize(1);
      assertThat(revoked.get(0).path("by").asText()).isEqualTo("operator");
      assertThat(revoked.get(0).at("/body/member").asText()).isEqualTo("us-officer");
      assertThat(revoked.get(0).at("/body/tokens/0").asText())
          .isEqualTo(Tokens.sha256("token-us-officer"));
      assertThat(revoked.get(0).at("/body/reason").asText())
          .isEqualTo("removed from the configuration");
      // put back in the file, the old token stays revoked: the journal holds the revocation
      AccessFixture.member(config, "us-officer")
          .put("tokenSha256", Tokens.sha256("token-us-officer"));
      service.write(config);
      service.call("token-operator", "POST", "/access/reload", null);
      assertThat(service.me("token-us-officer").json().path("type").asText())
          .isEqualTo("urn:deconflict:problem:token-revoked");
    }
  }

  @Test
  void aReloadThatChangesMembersIsRefusedAndChangesNothing() throws Exception {
    ObjectNode config = AccessFixture.config();
    try (AccessFixture service = new AccessFixture(dir, SettableClock.at(T0), config)) {
      AccessFixture.member(config, "us-officer")
          .put("role", "observer")
          .put("tokenSha256", Tokens.sha256("token-us-officer-2"));
      service.write(config);

      AccessFixture.Reply reload = service.call("token-operator", "POST", "/access/reload", null);

      assertThat(reload.status()).isEqualTo(409);
      assertThat(reload.json().path("detail").asText())
          .contains("member us-officer changed party or role", "restart");
      assertThat(service.me("token-us-officer").status()).isEqualTo(200);
      assertThat(service.me("token-us-officer-2").status()).isEqualTo(401);

      service.write(AccessFixture.config().put("port", "not a port"));
      AccessFixture.Reply broken = service.call("token-operator", "POST", "/access/reload", null);
      assertThat(broken.status()).isEqualTo(409);
      assertThat(broken.json().path("detail").asText())
          .contains("deconflict.json", "port must be an integer");

      AccessFixture.Reply notOperator =
          service.call("token-us-officer", "POST", "/access/reload", null);
      assertThat(notOperator.status()).isEqualTo(403);
    }
  }
}
