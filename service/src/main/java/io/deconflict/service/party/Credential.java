package io.deconflict.service.party;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One bearer token a member may sign in with, as the configuration holds it: the token's SHA-256
 * (never the token) and, optionally, the instant from which it is refused. A member holds several
 * while a token is being rotated: the new one, and the old one until it expires.
 *
 * @param sha256 hex SHA-256 of the token, 64 lower-case hex digits
 * @param expires the instant from which the token is refused, if it expires
 */
public record Credential(String sha256, Optional<Instant> expires) {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Checks the hash's shape. */
  public Credential {
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("tokenSha256 must be 64 lower-case hex digits");
    }
  }

  /** A token that does not expire. */
  public static Credential of(String sha256) {
    return new Credential(sha256, Optional.empty());
  }

  /** Whether the token is refused at {@code now}: its expiry is at or before it. */
  public boolean expiredAt(Instant now) {
    return expires.isPresent() && !now.isBefore(expires.get());
  }

  /** The first 12 hex digits of the hash: enough to tell a member's tokens apart in messages. */
  public String shortHash() {
    return sha256.substring(0, 12);
  }
}
