package io.deconflict.service.command;

import io.deconflict.service.ServiceException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An operator withdraws tokens of a member ({@code token.revoke}): from the moment it is journaled
 * they are refused, the connections signed in with them are closed, and a restart keeps them
 * refused (the journal, not the configuration file, holds the revocation).
 *
 * @param member the member whose tokens they are
 * @param tokens the tokens' SHA-256 hashes, at least one, none twice
 * @param reason why, if said ({@code "removed from the configuration"} when a reload drops them)
 */
public record RevokeTokens(String member, List<String> tokens, Optional<String> reason)
    implements Command {

  /** The journaled type. */
  public static final String TYPE = "token.revoke";

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Checks the member id is given and each hash is 64 lower-case hex digits, once. */
  public RevokeTokens {
    Ids.requireText(member, "/member");
    tokens = List.copyOf(tokens);
    if (tokens.isEmpty()) {
      throw ServiceException.invalid("/tokens", "/tokens must name at least one token's SHA-256");
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (!HEX64.matcher(tokens.get(i)).matches()) {
        throw ServiceException.invalid(
            "/tokens/" + i, "/tokens/" + i + " must be a SHA-256: 64 lower-case hex digits");
      }
      if (tokens.indexOf(tokens.get(i)) != i) {
        throw ServiceException.invalid("/tokens/" + i, "/tokens/" + i + " is listed twice");
      }
    }
    reason.ifPresent(r -> Ids.requireText(r, "/reason"));
  }

  @Override
  public String type() {
    return TYPE;
  }
}
