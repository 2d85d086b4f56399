package io.deconflict.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.party.Tokens;
import io.deconflict.testkit.clock.SettableClock;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator revokes a member's token over the API: the event stream opened with it ends at once
 * (the stream of the member's other token, and other members' streams, go on), the token is refused
 * with 401 {@code token-revoked}, the revocation is journaled for the operators and the member's
 * party, and it holds after a restart. Only operators revoke.
 */
class RevokedTokenClosesOpenStreamsTest {

  @TempDir Path dir;

  @Test
  void theStreamEndsAtOnceAndTheTokenStaysRefused() throws Exception {
    ObjectNode config = AccessFixture.config();
    ObjectNode officer = AccessFixture.member(config, "us-officer");
    officer.remove("tokenSha256");
    officer.putArray("tokens").addObject().put("sha256", Tokens.sha256("token-us-officer"));
    ((com.fasterxml.jackson.databind.node.ArrayNode) officer.path("tokens"))
        .addObject()
        .put("sha256", Tokens.sha256("token-us-spare"));
    Instant t0 = Instant.parse("2026-03-01T08:00:00Z");
    try (AccessFixture service = new AccessFixture(dir, SettableClock.at(t0), config)) {
      InputStream revoked = service.events("token-us-officer");
      InputStream spare = service.events("token-us-spare");
      InputStream other = service.events("token-ru-officer");
      InputStream operator = service.events("token-operator");
      assertThat(revoked.read()).isNotNegative();
      CompletableFuture<String> ended =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return AccessFixture.readToEnd(revoked);
                } catch (java.io.IOException e) {
                  return "ended: " + e;
                }
              });

      AccessFixture.Reply forbidden =
          service.call(
              "token-ru-officer", "POST", "/access/revocations", "{\"member\": \"us-officer\"}");
      assertThat(forbidden.status()).isEqualTo(403);

      AccessFixture.Reply reply =
          service.call(
              "token-operator",
              "POST",
              "/access/revocations",
              "{\"member\": \"us-officer\", \"tokenSha256\": \""
                  + Tokens.sha256("token-us-officer")
                  + "\", \"reason\": \"device lost\"}");
      assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
      assertThat(reply.json().path("newlyRevoked").asInt()).isEqualTo(1);

      // ended by the server: readAllBytes returned, no wait for a heartbeat or a timeout
      ended.get(10, TimeUnit.SECONDS);
      assertThat(service.me("token-us-officer").json().path("type").asText())
          .isEqualTo("urn:deconflict:problem:token-revoked");
      assertThat(service.me("token-us-spare").status()).isEqualTo(200);
      assertThat(service.gate.openConnections()).isEqualTo(3);

      // the operator's stream tells of it; the other streams stay open
      String seen = readUntil(operator, "event: token.revoke");
      assertThat(seen).contains("device lost");
      assertThat(spare.available()).isNotNegative();
      assertThat(other.available()).isNotNegative();

      AccessFixture.Reply unknown =
          service.call("token-operator", "POST", "/access/revocations", "{\"member\": \"nobody\"}");
      assertThat(unknown.status()).isEqualTo(404);
      AccessFixture.Reply badHash =
          service.call(
              "token-operator",
              "POST",
              "/access/revocations",
              "{\"member\": \"us-officer\", \"tokenSha256\": \"abc\"}");
      assertThat(badHash.status()).isEqualTo(400);
      assertThat(badHash.json().path("field").asText()).isEqualTo("/tokenSha256");
    }
    try (AccessFixture restarted = new AccessFixture(dir, SettableClock.at(t0), config)) {
      assertThat(restarted.me("token-us-officer").status()).isEqualTo(401);
      assertThat(restarted.me("token-us-spare").status()).isEqualTo(200);
      List<JsonNode> records = restarted.journaled("token.revoke");
      assertThat(records).hasSize(1);
      assertThat(records.get(0).path("audience").path("parties").toString()).isEqualTo("[\"us\"]");
      assertThat(records.get(0).path("audience").path("operators").asBoolean()).isTrue();
    }
  }

  private static String readUntil(InputStream in, String text) throws java.io.IOException {
    StringBuilder seen = new StringBuilder();
    byte[] buf = new byte[4096];
    while (!seen.toString().contains(text)) {
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      seen.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(seen.toString()).contains(text);
    return seen.toString();
  }
}
