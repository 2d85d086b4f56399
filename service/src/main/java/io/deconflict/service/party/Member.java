package io.deconflict.service.party;

import java.util.regex.Pattern;

/**
 * A person (or system) that signs in for a party.
 *
 * @param id unique member id
 * @param party the party's id ({@link Party#MECHANISM} for operators)
 * @param role what the member may do
 * @param name display name
 * @param tokenSha256 hex SHA-256 of the member's bearer token; the token itself is never stored
 */
public record Member(String id, String party, Role role, String name, String tokenSha256) {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Checks ids, that operators (and only they) belong to the mechanism, and the hash's shape. */
  public Member {
    Party.requireId(id, "member id");
    Party.requireId(party, "member " + id + ": party");
    if ((role == Role.OPERATOR) != party.equals(Party.MECHANISM)) {
      throw new IllegalArgumentException(
          "member "
              + id
              + ": operators, and only operators, belong to the party \""
              + Party.MECHANISM
              + "\"");
    }
    if (!HEX64.matcher(tokenSha256).matches()) {
      throw new IllegalArgumentException(
          "member " + id + ": tokenSha256 must be 64 lower-case hex digits");
    }
  }

  /** Whether the member is one of the mechanism's operators. */
  public boolean isOperator() {
    return role == Role.OPERATOR;
  }
}
