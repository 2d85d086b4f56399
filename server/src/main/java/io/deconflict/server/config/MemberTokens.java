package io.deconflict.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.party.Credential;
import io.deconflict.service.party.Member;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A member's tokens in the configuration file: {@code "tokenSha256"} (with an optional {@code
 * "expires"}) for one token, or {@code "tokens": [{"sha256": ..., "expires": ...}, ...]} for
 * several, as while a token is rotated. Stateless.
 */
final class MemberTokens {

  private MemberTokens() {}

  /**
   * Reads the tokens of a member's entry.
   *
   * @throws IllegalArgumentException naming the field
   */
  static List<Credential> read(JsonNode member) {
    boolean one = member.has("tokenSha256");
    boolean many = member.has("tokens");
    if (one && many) {
      throw new IllegalArgumentException("give tokenSha256 or tokens, not both");
    }
    if (!many) {
      JsonNode hash = member.path("tokenSha256");
      if (!hash.isTextual() || hash.textValue().isBlank()) {
        throw new IllegalArgumentException(
            "tokenSha256 is required and must be a non-empty string");
      }
      return List.of(credential(hash.textValue(), member.path("expires"), "tokenSha256", ""));
    }
    if (member.has("expires")) {
      throw new IllegalArgumentException(
          "expires goes with tokenSha256; in tokens[], give each its own");
    }
    JsonNode tokens = member.path("tokens");
    if (!tokens.isArray()) {
      throw new IllegalArgumentException("tokens must be an array of {\"sha256\", \"expires\"}");
    }
    List<Credential> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      JsonNode t = tokens.get(i);
      String at = "tokens[" + i + "]";
      if (!t.isObject()) {
        throw new IllegalArgumentException(at + " must be an object");
      }
      JsonNode hash = t.path("sha256");
      if (!hash.isTextual()) {
        throw new IllegalArgumentException(at + ".sha256 is required and must be a string");
      }
      out.add(credential(hash.textValue(), t.path("expires"), at + ".sha256", at + "."));
    }
    return out;
  }

  private static Credential credential(String hash, JsonNode expires, String hashField, String at) {
    Optional<Instant> until = Optional.empty();
    if (!expires.isMissingNode() && !expires.isNull()) {
      if (!expires.isTextual()) {
        throw new IllegalArgumentException(at + "expires must be an ISO-8601 instant");
      }
      try {
        until = Optional.of(Instant.parse(expires.textValue()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            at
                + "expires must be an ISO-8601 instant such as 2026-12-31T00:00:00Z, got \""
                + expires.textValue()
                + "\"",
            e);
      }
    }
    try {
      return new Credential(hash, until);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(hashField + " must be 64 lower-case hex digits", e);
    }
  }

  /** Writes a member's tokens into its entry. */
  static void write(Member m, ObjectNode out) {
    List<Credential> tokens = m.tokens();
    if (tokens.size() == 1 && tokens.get(0).expires().isEmpty()) {
      out.put("tokenSha256", tokens.get(0).sha256());
      return;
    }
    ArrayNode list = out.putArray("tokens");
    for (Credential c : tokens) {
      ObjectNode t = list.addObject().put("sha256", c.sha256());
      c.expires().ifPresent(e -> t.put("expires", e.toString()));
    }
  }
}
