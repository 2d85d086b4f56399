package io.deconflict.service.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Tokens;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The access commands ({@code token.revoke}, {@code access.refused}) encode to the journal body and
 * decode back to the same command; malformed ones are refused naming the field; an attacker's long
 * path is cut without splitting a character.
 */
class AccessCommandsTest {

  private static final String A = Tokens.sha256("a");
  private static final String B = Tokens.sha256("b");

  @Test
  void aRevocationRoundTrips() {
    RevokeTokens c = new RevokeTokens("us-officer", List.of(A, B), Optional.of("lost"));

    ObjectNode body = CommandCodec.encode(c);

    assertThat(body.toString())
        .isEqualTo(
            "{\"member\":\"us-officer\",\"tokens\":[\""
                + A
                + "\",\""
                + B
                + "\"],\"reason\":\"lost\"}");
    assertThat(CommandCodec.decode(RevokeTokens.TYPE, body)).isEqualTo(c);
  }

  @Test
  void aRefusedSignInRoundTrips() {
    for (RecordRefusedSignIn c :
        List.of(
            new RecordRefusedSignIn("http", "unknown", Optional.empty(), "10.0.0.1", "GET /", 3),
            new RecordRefusedSignIn("tak", "expired", Optional.of("us-officer"), "", "", 0))) {
      assertThat(CommandCodec.decode(RecordRefusedSignIn.TYPE, CommandCodec.encode(c)))
          .isEqualTo(c);
    }
  }

  @Test
  void aRevocationNamesTheBadField() {
    ObjectNode body = Json.object().put("member", "us-officer");
    body.putArray("tokens").add(A).add("not-a-hash");

    assertThatThrownBy(() -> CommandCodec.decode(RevokeTokens.TYPE, body))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("/tokens/1 must be a SHA-256");
    ObjectNode none = Json.object().put("member", "us-officer");
    none.putArray("tokens");
    assertThatThrownBy(() -> CommandCodec.decode(RevokeTokens.TYPE, none))
        .hasMessageContaining("/tokens must name at least one");
    ObjectNode twice = Json.object().put("member", "us-officer");
    twice.putArray("tokens").add(A).add(A);
    assertThatThrownBy(() -> CommandCodec.decode(RevokeTokens.TYPE, twice))
        .hasMessageContaining("/tokens/1 is listed twice");
  }

  @Test
  void aLongPathIsCutWithoutSplittingACharacter() {
    String path = "x".repeat(RecordRefusedSignIn.MAX_TEXT - 1) + "\uD83D\uDE00" + "tail";

    RecordRefusedSignIn c =
        new RecordRefusedSignIn("http", "unknown", Optional.empty(), "", path, 0);

    assertThat(c.where()).hasSize(RecordRefusedSignIn.MAX_TEXT).endsWith("x…");
  }
}
